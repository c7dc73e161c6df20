// Runs every JSON vector file in testdata/vectors (the files the Rust and Python suites run),
// dispatching on each file's "operation", with testdata/README.md's comparison rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as remit from "../pkg-node/remitcost.js";

const VECTORS = fileURLToPath(new URL("../../testdata/vectors/", import.meta.url));

// The compact row of aggregate.json / indicators.json as a full Observation, exactly as those
// files' descriptions define it (test data expansion, as core/tests/indicator_vectors.rs does).
function price(cost, amount) {
  return {
    amount, denomination_amount: null, currency: null, fee: "0",
    fx_rate: null, fx_margin_pct: "0", total_cost_pct: cost,
  };
}
function observation(row, index) {
  return {
    row: index + 2, id: null, period: row.period,
    source_code: row.source, source_name: "", source_region: row.source_region ?? "",
    destination_code: row.destination, destination_name: "",
    destination_region: row.destination_region ?? "",
    firm: row.firm, firm_type: row.firm_type ?? "Bank", instrument: row.instrument ?? "Cash",
    access_point: row.access_point ?? "Agent", speed: row.speed ?? "Same day",
    transparent: row.transparent ?? true,
    cc1: price(row.cost, "200"),
    cc2: row.cost_usd500 === undefined ? null : price(row.cost_usd500, "500"),
    interbank_fx: null, extra: row.extra ?? {},
  };
}

// One runner per operation: the JS API call that the operation names.
const RUNNERS = {
  cost: (i) => remit.cost(i.offer, i.send_amount, i.options),
  send_for: (i) => remit.sendFor(i.offer, i.receive_amount, i.options),
  fx_margin: (i) => ({ fx_margin_pct: remit.fxMarginPct(i.offered, i.mid) }),
  cross_rate: (i) => remit.crossRate(i.a, i.b),
  round: (i) => ({ amount: remit.roundMoney(i.amount, i.currency, i.rounding) }),
  rank: (i) => remit.rankOffers(i.offers, i.target, i.options),
  group: (i) =>
    i.corridors !== undefined
      ? remit.groupCorridors(i.corridors, i.dimensions, i.options)
      : remit.group(i.rows.map(observation), i.dimensions, i.options),
  indicators: (i) =>
    i.corridors !== undefined
      ? remit.corridorIndicators(i.corridors, i.options, i.weights)
      : remit.indicators(i.rows.map(observation), i.options, i.weights),
};

// Operations the JS API deliberately does not expose: none. Kept explicit so that a new vector
// file with an operation nobody wired fails here instead of being skipped silently.
const NOT_EXPOSED = new Set();

/** testdata/README.md: listed fields match; arrays same length, element-wise; a scalar by its
 * string form; an expected null only an absent value (null or undefined). */
export function compare(path, expected, actual, failures) {
  if (expected === null) {
    if (actual !== null && actual !== undefined) failures.push(`${path}: expected null, got ${JSON.stringify(actual)}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      failures.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return;
    }
    expected.forEach((e, i) => compare(`${path}[${i}]`, e, actual[i], failures));
  } else if (typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      failures.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    for (const [field, e] of Object.entries(expected)) {
      if (!(field in actual)) failures.push(`${path}.${field}: missing`);
      else compare(`${path}.${field}`, e, actual[field], failures);
    }
  } else if (actual === null || actual === undefined || String(actual) !== String(expected)) {
    failures.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const files = readdirSync(VECTORS).filter((f) => f.endsWith(".json")).sort();
const skipped = new Set();

test("the vector folder has files", () => assert.ok(files.length >= 8, files.join(", ")));

for (const file of files) {
  const data = JSON.parse(readFileSync(VECTORS + file, "utf8"));
  const run = RUNNERS[data.operation];
  if (!run) {
    skipped.add(data.operation);
    test(`${file}: operation ${data.operation}`, { skip: `the JS API does not expose ${data.operation}` }, () => {});
    continue;
  }
  test(`${file} (${data.operation}, ${data.cases.length} cases)`, () => {
    assert.ok(data.cases.length > 0);
    const failures = [];
    for (const c of data.cases) {
      let out;
      try {
        out = run(c.input);
      } catch (err) {
        if (c.error === undefined) failures.push(`${c.name}: threw ${err.name} ${err.code}: ${err.message}`);
        else if (err.name !== "RemitError" || err.code !== c.error)
          failures.push(`${c.name}: expected RemitError ${c.error}, got ${err.name} ${err.code}: ${err.message}`);
        continue;
      }
      if (c.error !== undefined) failures.push(`${c.name}: expected error ${c.error}, got ${JSON.stringify(out)}`);
      else compare(c.name, c.expected, out, failures);
    }
    assert.deepEqual(failures, []);
  });
}

test("only the operations the JS API deliberately leaves out are skipped", () => {
  assert.deepEqual([...skipped].sort(), [...NOT_EXPOSED].sort());
});

test("the comparison rule itself", () => {
  const f = [];
  compare("a", { x: "2", y: null, z: ["1"] }, { x: 2, y: undefined, z: [1], extra: 5 }, f);
  assert.deepEqual(f, []);
  compare("b", { x: "2.00" }, { x: "2" }, f);
  compare("c", { y: null }, { y: "0" }, f);
  compare("d", { z: ["1"] }, { z: ["1", "2"] }, f);
  compare("e", { w: "1" }, {}, f);
  compare("g", { v: "1" }, { v: null }, f);
  assert.equal(f.length, 5, f.join("\n"));
});
