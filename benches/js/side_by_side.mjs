// The JavaScript half of benches/side_by_side.sh, in Node: remitcost's wasm build against plain
// JS numbers and big.js, on the quotes the Python half generated (quotes.json: the first 100
// offers x 1,000 amounts = 100,000 quotes; --smoke: 10 x 100).
//
//   pricing  remitcost costTable (one call, exact, 15 figures per quote), remitcost cost()
//            called once per quote, the same through prepared offers (p.cost()), a plain-number loop and a big.js loop (7 figures each);
//   ranking  100 offers for one amount: rankOffers against the same with numbers / big.js;
//   differences  how many number results differ from the exact ones as displayed, and by a
//            full cent / 0.01 percentage point; big.js is checked equal to remitcost.
//
//   node benches/js/side_by_side.mjs OUT/quotes.json [--smoke]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import Big from "big.js";

const require = createRequire(import.meta.url);
const remit = require("../../bindings-wasm/pkg-node/remitcost.js");

const [path, flag] = process.argv.slice(2);
const smoke = flag === "--smoke";
const data = JSON.parse(readFileSync(path, "utf8"));
const offers = data.offers.slice(0, smoke ? 10 : 100);
const amounts = data.amounts.slice(0, smoke ? 100 : 1000);
const nQuotes = offers.length * amounts.length;
const repeat = smoke ? 1 : 5;

const FIGURES = ["send_amount", "transfer_fee", "tax", "receiving_fee", "fee", "total_paid", "amount_exchanged",
  "fx_margin_pct", "fx_cost", "total_cost", "total_cost_pct", "recipient_gets", "effective_rate"];
const FIELDS = ["fee", "fx_margin_pct", "fx_cost", "total_cost", "total_cost_pct", "recipient_gets", "effective_rate"];
const terms = (o) => ({
  edge: o.schedule.parts[0].to, f1: o.schedule.parts[0].fixed, f2: o.schedule.parts[1].fixed,
  pct: o.schedule.parts[1].pct, cap: o.schedule.max_fee, offered: o.offered_rate.value,
  mid: o.mid_rate.value, places: o.receive_currency === "XOF" ? 0 : 2,
});

// One untimed call first (V8 compiles a function, and a wasm module's hot code, with its
// optimising compiler only after it has run a while: a first call measures the compilers),
// then the median of `n` timed calls. Every contender is measured the same way; the first
// call's time is returned too.
function median(fn, n) {
  const times = [];
  const start0 = process.hrtime.bigint();
  let out = fn();
  const first = Number(process.hrtime.bigint() - start0) / 1e6;
  for (let i = 0; i < n; i++) {
    out = undefined;
    const start = process.hrtime.bigint();
    out = fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return [times[Math.floor(times.length / 2)], out, first];
}

// --- plain numbers ----------------------------------------------------------------------------
const round = (x, dp) => Math.round(x * 10 ** dp) / 10 ** dp;
function numberCost(a, t) {
  let fee = a < t.edge ? t.f1 : t.f2 + (a * t.pct) / 100;
  fee = Math.min(fee, t.cap);
  const margin = ((t.mid - t.offered) / t.mid) * 100;
  const fxCost = (a * margin) / 100;
  const total = fee + fxCost;
  const received = a * t.offered;
  return [round(fee, 2), round(margin, 4), round(fxCost, 2), round(total, 2),
    round((total / a) * 100, 4), round(received, t.places), round(received / (a + fee), 6)];
}
function numbers() {
  const out = [];
  const ts = offers.map((o) => Object.fromEntries(Object.entries(terms(o)).map(([k, v]) => [k, Number(v)])));
  const as = amounts.map(Number);
  for (const t of ts) for (const a of as) out.push(numberCost(a, t));
  return out;
}

// --- big.js -----------------------------------------------------------------------------------
Big.DP = 28; // division: 28 decimal places (remitcost: 28 significant digits)
const HALF_EVEN = 2;
function bigCost(a, t) {
  let fee = a.lt(t.edge) ? t.f1 : t.f2.plus(a.times(t.pct).div(100));
  if (fee.gt(t.cap)) fee = t.cap;
  const margin = t.mid.minus(t.offered).div(t.mid).times(100);
  const fxCost = a.times(margin).div(100);
  const total = fee.plus(fxCost);
  const received = a.times(t.offered);
  const r = (x, dp) => x.round(dp, HALF_EVEN).toFixed(dp);
  return [r(fee, 2), r(margin, 4), r(fxCost, 2), r(total, 2), r(total.div(a).times(100), 4),
    r(received, t.places), r(received.div(a.plus(fee)), 6)];
}
function bigs() {
  const out = [];
  const ts = offers.map((o) => {
    const t = terms(o);
    return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, k === "places" ? v : new Big(v)]));
  });
  const as = amounts.map((a) => new Big(a));
  for (const t of ts) for (const a of as) out.push(bigCost(a, t));
  return out;
}

// --- pricing ----------------------------------------------------------------------------------
// costTable and every figure read out as a typed array of exact minor units (what a page
// computes or charts with); then, separately, the same formatted as decimal strings.
// A page pricing again hands back the table it is done with (`free()`): a CostTable of
// 100,000 quotes holds ~21 MB of the module's memory, and tables left to the garbage
// collector make each call grow that memory anew (timed too, on a line of its own).
const tableRun = (free) => {
  let last;
  return () => {
    if (free && last) last.free();
    const t = remit.costTable(offers, amounts);
    const columns = Object.fromEntries(FIGURES.map((f) => [f, t.column(f)]));
    last = t;
    return { t, columns };
  };
};
const [tTableKept] = median(tableRun(false), repeat);
const [tTable, typed, tTableFirst] = median(tableRun(true), repeat);
const [tStrings, table] = median(() => typed.t.toStrings(), repeat);
assert.equal(table.error.filter((e) => e !== null).length, 0, "every quote prices");
assert.equal(typed.columns.total_cost.length, nQuotes);
const loopQuotes = smoke ? nQuotes : 20_000;
const [tLoopSub] = median(() => {
  let n = 0;
  for (const o of offers) for (const a of amounts) { if (n++ >= loopQuotes) return; remit.cost(o, a); }
}, Math.max(1, Math.floor(repeat / 2)));
const tLoop = (tLoopSub * nQuotes) / loopQuotes;
// The same calls through prepared offers (`prepare(offer)` once per offer, then `p.cost(a)`),
// as a page keeping its offers does: no offer passed as JSON at each call.
const [tPreparedSub] = median(() => {
  let n = 0;
  for (const o of offers) {
    const p = remit.prepare(o);
    for (const a of amounts) { if (n++ >= loopQuotes) return; p.cost(a); }
  }
}, Math.max(1, Math.floor(repeat / 2)));
const tPrepared = (tPreparedSub * nQuotes) / loopQuotes;
const [tNum, nums] = median(numbers, repeat);
const [tBig, bigOut] = median(bigs, repeat);

// big.js must agree with remitcost on every figure (it is exact too).
let bigWrong = 0;
bigOut.forEach((row, i) => FIELDS.forEach((f, k) => { if (row[k] !== table[f][i]) bigWrong++; }));
// Plain numbers: displayed figures that differ, and differences of a full cent / 0.01 pp.
const diffs = {};
for (const [f, k] of [["total_cost", 3], ["total_cost_pct", 4], ["recipient_gets", 5]]) {
  let shown = 0;
  let full = 0;
  nums.forEach((row, i) => {
    const exact = table[f][i];
    const places = (exact.split(".")[1] || "").length;
    if (row[k].toFixed(places) !== exact) shown++;
    if (Math.abs(row[k] - Number(exact)) >= 0.01 - 1e-9) full++;
  });
  diffs[f] = [shown, full];
}

// --- ranking 100 offers for one amount -----------------------------------------------------
// One corridor (rankOffers ranks the offers of the first one's): the EUR -> XOF offers.
const rankOffersIn = data.offers.filter((o) => o.receive_currency === "XOF").slice(0, smoke ? 10 : 100);
const rankAmount = "250.00";
const rankRuns = smoke ? 3 : 200;
const [tRank, ranking] = median(() => remit.rankOffers(rankOffersIn, { send: rankAmount }), rankRuns);
const [tRankNum, numOrder] = median(() => {
  const a = Number(rankAmount);
  return rankOffersIn.map((o, i) => {
    const t = Object.fromEntries(Object.entries(terms(o)).map(([k, v]) => [k, Number(v)]));
    const c = numberCost(a, t);
    return [c[4], c[5], i];
  }).sort((x, y) => x[0] - y[0] || y[1] - x[1] || x[2] - y[2]).map((x) => x[2]);
}, rankRuns);
const [tRankBig, bigOrder] = median(() => {
  const a = new Big(rankAmount);
  return rankOffersIn.map((o, i) => {
    const t = Object.fromEntries(Object.entries(terms(o)).map(([k, v]) => [k, k === "places" ? v : new Big(v)]));
    const c = bigCost(a, t);
    return [new Big(c[4]), new Big(c[5]), i];
  }).sort((x, y) => x[0].cmp(y[0]) || y[1].cmp(x[1]) || x[2] - y[2]).map((x) => x[2]);
}, rankRuns);
const exactOrder = ranking.ranked.map((r) => r.index);
const sameNum = numOrder.filter((v, i) => v === exactOrder[i]).length;
const sameBig = bigOrder.filter((v, i) => v === exactOrder[i]).length;

// --- report -----------------------------------------------------------------------------------
const line = (name, ms, base) => console.log(`  ${name.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms ${(ms / base).toFixed(2).padStart(8)}x`);
console.log(`JS (Node ${process.version}): pricing ${nQuotes.toLocaleString("en")} quotes (median of ${repeat} after one untimed call; ms, ratio to costTable)`);
line("remitcost wasm costTable + 13 typed figure columns (exact)", tTable, tTable);
line("  its first call (the untimed one: V8 still compiling)", tTableFirst, tTable);
line("  the same, each table left to the garbage collector", tTableKept, tTable);
line("  then .toStrings() (every column as decimal strings)", tStrings, tTable);
line(`remitcost wasm cost() per quote (${loopQuotes.toLocaleString("en")} timed, scaled)`, tLoop, tTable);
line(`remitcost wasm prepare(offer), p.cost() per quote (same)`, tPrepared, tTable);
line("plain JS numbers (7 figures)", tNum, tTable);
line("big.js (exact, 7 figures)", tBig, tTable);
console.log(`JS: ranking ${rankOffersIn.length} EUR -> XOF offers for one amount (median of ${rankRuns}; ms, ratio to rankOffers)`);
line("remitcost wasm rankOffers (full costs, exact)", tRank, tRank);
line("plain JS numbers (total cost %, sort)", tRankNum, tRank);
line("big.js (total cost %, sort)", tRankBig, tRank);
console.log("Number results vs exact (rows differing as displayed / by >= 0.01):");
for (const [f, [shown, full]] of Object.entries(diffs)) {
  console.log(`  ${f.padEnd(34)} ${shown.toLocaleString("en").padStart(9)} / ${full.toLocaleString("en").padStart(6)}`);
}
console.log(`  big.js figures differing from remitcost: ${bigWrong} of ${(nQuotes * FIELDS.length).toLocaleString("en")}`);
console.log(`  ranking order: numbers agree at ${sameNum}/${rankOffersIn.length} places, big.js at ${sameBig}/${rankOffersIn.length}`);
assert.equal(ranking.ranked.length, rankOffersIn.length, "every offer ranked");
assert.equal(bigWrong, 0, "big.js and remitcost agree on every figure");
if (smoke) console.log("smoke: big.js equals remitcost on every figure; every stage ran");
