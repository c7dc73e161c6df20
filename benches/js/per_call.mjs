// Per-call CPU time of the page module's pricing calls (issue 14's measure: `process.cpuUsage`,
// so that other jobs' load counts less; the best and the worst of 15 batches of 2,000 calls,
// after three batches unmeasured while V8's tiers compile the code; a one-part EUR -> XOF offer;
// the `nodejs` build): `cost(offer, amount)` against a prepared offer's `p.cost(amount)`.
// Two runs alternate in one process; the amount cycles over a few keystrokes' values.
//
//   node benches/js/per_call.mjs     (REMITCOST_PKG=path/to/remitcost.js: another nodejs build)
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { loadavg } from "node:os";

const require = createRequire(import.meta.url);
const remit = require(process.env.REMITCOST_PKG ?? "../../bindings-wasm/pkg-node/remitcost.js");

const offer = {
  provider: "Example MTO",
  send_currency: "EUR",
  receive_currency: "XOF",
  schedule: { parts: [{ fixed: "4.90" }] },
  offered_rate: { base: "EUR", quote: "XOF", value: "645" },
  mid_rate: { base: "EUR", quote: "XOF", value: "655.957" },
};
const amounts = ["2", "20", "200", "200.5"];
const CALLS = 2_000;
const BATCHES = 15;

/** Best (least disturbed) and worst CPU µs per call of `call(amount)` over BATCHES x CALLS
 * calls, after three batches not measured: [best, worst]. */
function perCall(call) {
  let best = Infinity;
  let worst = 0;
  for (let i = 0; i < 3 * CALLS; i++) call(amounts[i & 3]);
  for (let b = 0; b < BATCHES; b++) {
    const start = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) call(amounts[i & 3]);
    const used = process.cpuUsage(start);
    const us = (used.user + used.system) / CALLS;
    best = Math.min(best, us);
    worst = Math.max(worst, us);
  }
  return [best, worst];
}

const p = remit.prepare(offer);
for (const a of amounts) assert.deepEqual(p.cost(a), remit.cost(offer, a));
const rows = { "cost(offer, amount)": [], "p.cost(amount), p = prepare(offer)": [] };
for (let run = 0; run < 2; run++) {
  rows["cost(offer, amount)"].push(perCall((a) => remit.cost(offer, a)));
  rows["p.cost(amount), p = prepare(offer)"].push(perCall((a) => p.cost(a)));
}
console.log(`Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`CPU µs per call, best batch (worst) of ${BATCHES} x ${CALLS.toLocaleString("en")} calls; two runs:`);
for (const [name, runs] of Object.entries(rows)) {
  const text = runs.map(([best, worst]) => `${best.toFixed(2)} (${worst.toFixed(2)})`.padStart(14));
  console.log(`  ${name.padEnd(40)} ${text.join("  ")}`);
}
