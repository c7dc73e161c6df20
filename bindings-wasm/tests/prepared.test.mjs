// The prepared offer (`prepare(offer)`, issue 14): `p.cost(a, o)` answers exactly as
// `cost(offer, a, o)` (the same object, or the same error name and code), and `p.sendFor`,
// `p.sendWithin` as `sendFor`, `sendWithin`, over every cost / send_for / send_within case of
// the shared vectors and of the malformed corpus; an offer `cost` refuses is refused by
// `prepare` with the same error. Its memory needs no `free()`: the glue registers each handle
// with a FinalizationRegistry; `free()` is there too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { remit, TESTDATA, malformedCases } from "./cases.mjs";

const PLAIN = {
  cost: (i) => remit.cost(i.offer, i.send_amount, i.options),
  send_for: (i) => remit.sendFor(i.offer, i.receive_amount, i.options),
  send_within: (i) => remit.sendWithin(i.offer, i.total_paid, i.options),
};
const PREPARED = {
  cost: (p, i) => p.cost(i.send_amount, i.options),
  send_for: (p, i) => p.sendFor(i.receive_amount, i.options),
  send_within: (p, i) => p.sendWithin(i.total_paid, i.options),
};

/** { output } or { error: [name, code, message] } of a call. */
function outcome(call) {
  try {
    return { output: call() };
  } catch (err) {
    return { error: [err.constructor.name, err.name, err.code, err.message] };
  }
}

/** Both ways of one case: the plain call, and prepare + the handle's method. */
function bothWays(operation, input) {
  const plain = outcome(() => PLAIN[operation](input));
  const prepared = outcome(() => {
    const p = remit.prepare(input.offer);
    try {
      return PREPARED[operation](p, input);
    } finally {
      p.free();
    }
  });
  return { plain, prepared };
}

const vectorCases = readdirSync(TESTDATA + "vectors")
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(TESTDATA + "vectors/" + f, "utf8")))
  .filter((d) => d.operation in PLAIN)
  .flatMap((d) => d.cases.map((c) => ({ operation: d.operation, ...c })));

test("prepared offers answer as cost / sendFor / sendWithin on every vector", () => {
  assert.ok(vectorCases.length >= 50, `${vectorCases.length} cases`);
  const ops = new Set(vectorCases.map((c) => c.operation));
  assert.deepEqual([...ops].sort(), ["cost", "send_for", "send_within"]);
  let errors = 0;
  for (const c of vectorCases) {
    const { plain, prepared } = bothWays(c.operation, c.input);
    assert.deepEqual(prepared, plain, c.name);
    if (c.error !== undefined) {
      assert.equal(prepared.error?.[2], c.error, c.name);
      errors++;
    }
  }
  assert.ok(errors > 0, "some vectors are error cases");
});

test("prepared offers answer as cost / sendFor on every malformed case", () => {
  const cases = malformedCases().filter((c) => c.operation in PLAIN);
  assert.ok(cases.length > 0);
  for (const c of cases) {
    const { plain, prepared } = bothWays(c.operation, c.input);
    assert.deepEqual(prepared, plain, c.name);
  }
});

const EUR_XOF = {
  provider: "Example MTO",
  send_currency: "EUR",
  receive_currency: "XOF",
  schedule: { parts: [{ fixed: "4.90" }] },
  offered_rate: { base: "EUR", quote: "XOF", value: "645" },
  mid_rate: { base: "EUR", quote: "XOF", value: "655.957" },
};

test("one handle, many calls: each as cost(), errors keep their codes, the handle keeps working", () => {
  const p = remit.prepare(EUR_XOF);
  assert.equal(Object.getPrototypeOf(p), remit.PreparedOffer.prototype);
  const calls = [
    ["200"], ["200", { rounding: "up" }], ["0.01"], ["1000000"], ["-5"], ["0"],
    ["79228162514264337593543950335"], ["1,000"], ["100", { oldest_quote: 2000 }],
    [200], [undefined], ["200", []], ["200", { rounding: "sideways" }], ["200"],
  ];
  for (const args of calls) {
    const label = JSON.stringify(args);
    assert.deepEqual(outcome(() => p.cost(...args)), outcome(() => remit.cost(EUR_XOF, ...args)), label);
  }
  assert.deepEqual(outcome(() => p.cost("-5")).error.slice(1, 3), ["RemitError", "invalid_amount"]);
  assert.throws(() => p.cost(200), TypeError);
  // The result is plain data, as cost()'s.
  const c = p.cost("200");
  assert.equal(Object.getPrototypeOf(c), Object.prototype);
  assert.equal(c.total_cost_pct, "4.1204");
  // The handle does not depend on the object it was prepared from.
  const offer = structuredClone(EUR_XOF);
  const q = remit.prepare(offer);
  offer.schedule.parts[0].fixed = "100";
  assert.deepEqual(q.cost("200"), remit.cost(EUR_XOF, "200"));
  q.free();
  p.free();
});

test("prepare refuses what cost refuses, with the same error", () => {
  const cyclic = { send_currency: "EUR", receive_currency: "EUR" };
  cyclic.self = cyclic;
  for (const offer of [null, "x", [EUR_XOF], { send_currency: "EUR" }, cyclic, { ...EUR_XOF, collected_at: 10n }]) {
    const plain = outcome(() => remit.cost(offer, "200"));
    assert.ok(plain.error);
    assert.deepEqual(outcome(() => remit.prepare(offer)), plain);
  }
});

test("free() gives the memory back at once; the handle is then unusable", () => {
  const p = remit.prepare(EUR_XOF);
  p.free();
  assert.throws(() => p.cost("200"));
  assert.equal(remit.cost(EUR_XOF, "200").total_cost_pct, "4.1204");
});

test("no free() needed: both builds register handles with a FinalizationRegistry", () => {
  for (const glue of ["../pkg-node/remitcost.js", "../pkg-web/remitcost.js"]) {
    const js = readFileSync(new URL(glue, import.meta.url), "utf8");
    assert.match(js, /PreparedOfferFinalization = \(typeof FinalizationRegistry === 'undefined'\)/, glue);
    assert.match(js, /PreparedOfferFinalization\.register\(/, glue);
  }
  // And it works: handles dropped without free() are collected, the module's memory stays
  // flat (the web build, whose initSync gives the module's exports, memory included).
  const script = `
    import { readFileSync } from "node:fs";
    import { initSync, prepare } from ${JSON.stringify(new URL("../pkg-web/remitcost.js", import.meta.url).href)};
    const wasm = initSync({ module: readFileSync(new URL("../pkg-web/remitcost_bg.wasm", ${JSON.stringify(import.meta.url)})) });
    const offer = ${JSON.stringify(EUR_XOF)};
    const round = () => { for (let i = 0; i < 20000; i++) prepare({ ...offer, provider: "p" + (i % 7) }).cost("200"); };
    const settle = async () => { for (let i = 0; i < 5; i++) { gc(); await new Promise((r) => setTimeout(r, 10)); } };
    round(); await settle(); round(); await settle();
    const before = wasm.memory.buffer.byteLength;
    for (let k = 0; k < 5; k++) { round(); await settle(); }
    console.log(JSON.stringify({ before, after: wasm.memory.buffer.byteLength }));`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const { before, after } = JSON.parse(run.stdout);
  assert.equal(after, before, "the module's memory grew: handles not collected");
});
