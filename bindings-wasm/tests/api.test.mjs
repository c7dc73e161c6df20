// API tests of the Node build: each error code core can raise through the JS API, TypeErrors
// for values of the wrong JS type, the module still usable after every error (a trapped wasm
// instance would be dead for the rest of the page), and the hand-written declarations in sync
// with the module's exports and core's error codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as remit from "../pkg-node/remitcost.js";
import * as agg from "../pkg-node/aggregate.js";

const read = (path) => readFileSync(new URL(path, import.meta.url), "utf8");
const rate = (base, quote, value) => ({ base, quote, value });
const EUR_XOF = {
  provider: "Example MTO",
  send_currency: "EUR",
  receive_currency: "XOF",
  schedule: { parts: [{ fixed: "4.90" }] },
  offered_rate: rate("EUR", "XOF", "645"),
  mid_rate: rate("EUR", "XOF", "655.957"),
};
const obs = (firm, cost, period = "2025_1Q", destination = "SEN") => ({
  row: 2, id: null, period, source_code: "FRA", source_name: "", source_region: "",
  destination_code: destination, destination_name: "", destination_region: "",
  firm, firm_type: "Bank", instrument: "Cash", access_point: "Agent", speed: "Same day",
  transparent: true, cc2: null, interbank_fx: null, extra: {},
  cc1: { amount: "200", denomination_amount: null, currency: null, fee: "0", fx_rate: null,
         fx_margin_pct: "0", total_cost_pct: cost },
});

/** The module still answers, exactly: worked example EUR 200 -> XOF (tests/vectors: eur_xof_fixed_fee). */
function stillWorks() {
  const c = remit.cost(EUR_XOF, "200");
  assert.equal(c.total_cost_pct, "4.1204");
  assert.equal(c.recipient_gets, "129000");
}

// Core's error codes, read from core/src/error.rs (so a new variant must be placed here).
const CORE_CODES = [...read("../../core/src/error.rs").matchAll(/=> "([a-z_]+)",/g)].map((m) => m[1]);
// Codes the JS API cannot raise: those of core's dataset readers (left out of the browser
// build), and of core's partial aggregation, which the JS API does not expose.
const NOT_REACHABLE = ["invalid_csv", "invalid_xlsx", "unsupported_format", "missing_column", "incompatible"];

const ERROR_CASES = {
  unknown_currency: () => remit.parseCurrency("XAU"),
  invalid_decimal: () => remit.parseDecimal("1,000"),
  currency_mismatch: () => remit.crossRate(rate("EUR", "USD", "1.1"), rate("GBP", "INR", "105")),
  invalid_rate: () => remit.fxMarginPct(rate("USD", "MXN", "-17"), rate("USD", "MXN", "17")),
  invalid_amount: () => remit.cost(EUR_XOF, "-5"),
  amount_out_of_range: () => remit.cost({ ...EUR_XOF, schedule: { max_amount: "1000" } }, "1000.01"),
  invalid_schedule: () => remit.validateSchedule({ min_fee: "10", max_fee: "5" }),
  unreachable_target: () => remit.sendFor({ ...EUR_XOF, schedule: { max_amount: "100" } }, "100000"),
  overflow: () => remit.cost(EUR_XOF, "79228162514264337593543950335"),
  division_by_zero: () => agg.indicators([obs("A", "2")], null, [["USA", "MEX", "5"]]),
  invalid_json: () => remit.cost({ send_currency: "EUR" }, "1"),
  stale_quote: () => remit.cost(EUR_XOF, "100", { oldest_quote: 2000 }),
  invalid_period: () => agg.group([obs("A", "2", "2025_5Q")], ["period"]),
  unknown_column: () => agg.group([obs("A", "2")], ["period", "Standard Note"]),
  no_data: () =>
    agg.groupCorridors(
      [{ period: "2020Q3", source_code: "USA", destination_code: "MEX", average_pct: "5" }],
      ["firm_type"],
    ),
};

test("every core error code is tested or deliberately unreachable", () => {
  assert.ok(CORE_CODES.length >= 16, CORE_CODES.join(","));
  const covered = new Set([...Object.keys(ERROR_CASES), ...NOT_REACHABLE]);
  assert.deepEqual(CORE_CODES.filter((c) => !covered.has(c)), [], "codes with no test");
  assert.deepEqual(Object.keys(ERROR_CASES).filter((c) => !CORE_CODES.includes(c)), [], "codes core does not have");
});

for (const [code, call] of Object.entries(ERROR_CASES)) {
  test(`RemitError ${code}, then the module still works`, () => {
    assert.throws(call, (err) => {
      assert.ok(err instanceof Error);
      assert.equal(err.name, "RemitError");
      assert.equal(err.code, code);
      assert.match(err.message, /\S/);
      return true;
    });
    stillWorks();
  });
}

const cyclic = { send_currency: "EUR", receive_currency: "EUR" };
cyclic.self = cyclic;
const TYPE_ERRORS = {
  "a number for a decimal": () => remit.cost(EUR_XOF, 200),
  "undefined for a decimal": () => remit.cost(EUR_XOF),
  "a string for an offer": () => remit.cost(JSON.stringify(EUR_XOF), "200"),
  "null for an offer": () => remit.cost(null, "200"),
  "an array for an offer": () => remit.cost([EUR_XOF], "200"),
  "an object for the offers": () => remit.rankOffers(EUR_XOF, { send: "200" }),
  "an array for options": () => remit.cost(EUR_XOF, "200", []),
  "a string for dimensions": () => agg.group([], "period"),
  "a number for a currency": () => remit.parseCurrency(978),
  "a number for a rounding rule": () => remit.roundMoney("1", "EUR", 2),
  "a BigInt inside an object": () => remit.cost({ ...EUR_XOF, collected_at: 10n }, "200"),
  "a cycle": () => remit.cost(cyclic, "200"),
};
for (const [what, call] of Object.entries(TYPE_ERRORS)) {
  test(`TypeError for ${what}, then the module still works`, () => {
    assert.throws(call, TypeError);
    stillWorks();
  });
}

test("hostile inputs never trap the module", () => {
  const deep = [];
  let inner = deep;
  for (let i = 0; i < 5000; i++) inner = inner[0] = [];
  const hostile = [
    () => remit.rankOffers(deep, { send: "1" }),
    () => remit.cost({ ...EUR_XOF, provider: "\ud800" }, "200"),
    () => remit.cost(EUR_XOF, "1e100000"),
    () => remit.cost(EUR_XOF, "0.0000000000000000000000000000001"),
    () => remit.roundMoney("79228162514264337593543950335", "KWD", "up"),
    () => remit.fee({ parts: [{ pct: "79228162514264337593543950335" }] }, "79228162514264337593543950335"),
    () => remit.sendFor(EUR_XOF, "79228162514264337593543950335"),
    () => agg.indicators([obs("A", "79228162514264337593543950335"), obs("B", "79228162514264337593543950335")]),
    () => remit.cost({ ...EUR_XOF, schedule: { parts: [{ from: "5", to: "1", fixed: "1" }] } }, "3"),
  ];
  for (const call of hostile) {
    try {
      call();
    } catch (err) {
      assert.ok(err instanceof Error && (err.name === "RemitError" || err instanceof TypeError || err instanceof RangeError), String(err));
    }
    stillWorks();
  }
});

test("outputs are plain data: decimals as strings, snake_case keys, nothing to free()", () => {
  const c = remit.cost(EUR_XOF, "200");
  assert.equal(Object.getPrototypeOf(c), Object.prototype);
  assert.equal(typeof c.fx_cost, "string");
  assert.deepEqual(JSON.parse(JSON.stringify(c)), c);
  const r = remit.rankOffers([EUR_XOF, { ...EUR_XOF, provider: "Cheaper", schedule: {} }], { send: "200" });
  assert.deepEqual(r.ranked.map((x) => [x.rank, x.provider]), [[1, "Cheaper"], [2, "Example MTO"]]);
  assert.equal(typeof r.ranked[0].rank, "number");
});

test("the other functions answer as core does", () => {
  assert.equal(remit.parseDecimal(" 5E-2 "), "0.05");
  assert.deepEqual(remit.parseCurrency("kwd"), { code: "KWD", minor_units: 3 });
  assert.equal(remit.roundMoney("2.345", "EUR"), "2.34"); // half-even by default
  assert.equal(remit.roundMoney("2.345", "EUR", "half_away_from_zero"), "2.35");
  assert.deepEqual(remit.inverseRate(rate("USD", "MXN", "20")), rate("MXN", "USD", "0.05"));
  // 100 EUR at 655.957 XOF/EUR; and the margin on EUR 200 exchanged at 645: 200 x 10.957/655.957.
  assert.deepEqual(remit.convert(rate("EUR", "XOF", "655.957"), { amount: "100", currency: "EUR" }), { amount: "65595.700", currency: "XOF" });
  const m = remit.fxMargin({ amount: "200", currency: "EUR" }, EUR_XOF.offered_rate, EUR_XOF.mid_rate);
  assert.equal(m.currency, "EUR");
  assert.equal(m.amount.slice(0, 8), "3.340767");
  // Tiered schedule (core/src/fee.rs doc): 3 below 100, 5 from 100 to 500, 1% from 500.
  const tiered = { parts: [{ to: "100", fixed: "3.00" }, { from: "100", to: "500", fixed: "5.00" }, { from: "500", pct: "1" }] };
  assert.equal(remit.fee(tiered, "99").transfer_fee, "3.00");
  assert.equal(remit.fee(tiered, "800").transfer_fee, "8.00"); // exact: 800 x 1 / 100
  assert.equal(remit.validateSchedule(tiered), undefined);
  // USD 200 in EUR at 1.08 USD/EUR: 185.19 (core/src/observation.rs doc).
  assert.deepEqual(remit.rpwAmountInCurrency("usd200", rate("EUR", "USD", "1.08"), "EUR"), { amount: "185.19", currency: "EUR" });
  // Reverse solve (tests/vectors send_for eur_xof_on_top): 100000 XOF needs EUR 155.04.
  assert.equal(remit.sendFor(EUR_XOF, "100000").send_amount, "155.04");
  const g = agg.group([obs("A", "4"), obs("B", "6"), obs("C", "9.5"), obs("D", "2.5")], ["corridor"]);
  assert.deepEqual([g.groups[0].key, g.groups[0].mean_pct, g.groups[0].cheapest], [["FRASEN"], "5.5000", "D"]);
});

test("types/remitcost.d.ts and aggregate.d.ts declare exactly their modules' functions and core's error codes", () => {
  const declaredIn = (file) => [...read(file).matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]).sort();
  const exportedBy = (mod) => Object.keys(mod).filter((k) => typeof mod[k] === "function" && k !== "default").sort();
  assert.deepEqual(declaredIn("../types/remitcost.d.ts"), exportedBy(remit));
  assert.deepEqual(declaredIn("../types/aggregate.d.ts"), exportedBy(agg));
  // No aggregation left in the page's module, no pricing in the aggregation module.
  assert.equal(remit.group, undefined);
  assert.equal(agg.cost, undefined);
  const dts = read("../types/remitcost.d.ts");
  const union = dts.slice(dts.indexOf("export type ErrorCode"), dts.indexOf(";", dts.indexOf("export type ErrorCode")));
  const listed = [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
  // Every code the API can raise is declared, and nothing core does not have.
  assert.deepEqual(CORE_CODES.filter((c) => !listed.includes(c) && !NOT_REACHABLE.includes(c)), []);
  assert.deepEqual(listed.filter((c) => !CORE_CODES.includes(c)), []);
});

test("package.json: version, exports and types point at what the build makes", () => {
  const pkg = JSON.parse(read("../package.json"));
  assert.equal(pkg.name, "remitcost");
  assert.equal(pkg.version, remit.version());
  assert.equal(pkg.exports["."].node.default, "./pkg-node/remitcost.js");
  assert.equal(pkg.exports["."].default.default, "./pkg-web/remitcost.js");
  assert.equal(pkg.types, "./types/remitcost.d.ts");
  for (const f of [pkg.exports["."].node.types, pkg.exports["."].default.types]) read(`.${f}`);
  // The aggregations are the second module, `remitcost/aggregate`, with its own types.
  assert.equal(pkg.exports["./aggregate"].node.default, "./pkg-node/aggregate.js");
  assert.equal(pkg.exports["./aggregate"].default.default, "./pkg-web/aggregate.js");
  for (const f of [pkg.exports["./aggregate"].node.types, pkg.exports["./aggregate"].default.types]) read(`.${f}`);
  assert.equal(agg.version(), pkg.version);
});

test("costTable and corridor weights read decimals as parseDecimal does", () => {
  assert.equal(remit.costTable([EUR_XOF], [" 200 "]).cell("total_cost", 0), remit.cost(EUR_XOF, "200").total_cost);
  for (const bad of [["1_000"], ["1,000"], [""]]) {
    assert.throws(() => remit.costTable([EUR_XOF], bad), { name: "RemitError", code: "invalid_decimal" });
  }
  // A JSON number inside an array is a binary float: refused, as in any document.
  assert.throws(() => remit.costTable([EUR_XOF], [200]), { name: "RemitError", code: "invalid_json" });
  assert.equal(remit.parseDecimal("5E-2"), "0.05"); // the module still works after the errors
});

test("costTable prices every offer at every amount, as cost does one by one", () => {
  const offers = [EUR_XOF, { ...EUR_XOF, provider: "Capped", schedule: { parts: [{ pct: "2" }], max_amount: "500" } }];
  const amounts = ["200", "0", "1000", "475.5"];
  const typed = remit.costTable(offers, amounts);
  const table = typed.toStrings();
  assert.equal(typed.rows, 8);
  assert.equal(table.offer.length, 8);
  let row = 0;
  for (const [i, offer] of offers.entries()) {
    for (const amount of amounts) {
      assert.equal(table.offer[row], i);
      assert.equal(table.amount[row], amount);
      let one;
      try {
        one = remit.cost(offer, amount);
      } catch (e) {
        assert.equal(table.error[row], e.code, `row ${row}`);
        assert.equal(table.total_cost_pct[row], null);
        row += 1;
        continue;
      }
      assert.equal(table.error[row], null);
      for (const [key, value] of Object.entries(one)) {
        assert.equal(table[key][row], value, `${key} at row ${row}`);
      }
      row += 1;
    }
  }
  assert.deepEqual(table.error, [null, "invalid_amount", null, null, null, "invalid_amount", "amount_out_of_range", null]);
  assert.deepEqual(typed.column("error"), table.error);
});

test("costTable's figures are exact integers at a scale per column until formatted", () => {
  const t = remit.costTable([EUR_XOF], ["200", "0.01"]);
  const gets = t.column("recipient_gets");
  assert.ok(gets instanceof Float64Array);
  assert.equal(t.scale("recipient_gets"), 0); // XOF has no minor units
  assert.equal(gets[0], 129000);
  assert.equal(t.scale("total_cost_pct"), 4);
  assert.equal(t.column("total_cost_pct")[0], 41204); // 4.1204 %
  assert.equal(t.cell("total_cost_pct", 0), "4.1204");
  assert.equal(t.cell("fee", 1), remit.cost(EUR_XOF, "0.01").fee);
  assert.throws(() => t.column("nope"), { name: "RemitError", code: "missing_column" });
  // Beyond 2^53 minor units a column is a BigInt64Array, still exact.
  const big = remit.costTable([{ ...EUR_XOF, schedule: { parts: [] } }], ["100000000000000"]);
  const sent = big.column("send_amount");
  assert.ok(sent instanceof BigInt64Array);
  assert.equal(sent[0], 10000000000000000n);
  assert.equal(big.cell("send_amount", 0), "100000000000000.00");
});

test("offers read once and reused give the same answers as offers read afresh", () => {
  // cost() keeps the last offer read, by its JSON text: alternating offers, and an offer
  // changed in place, must each be priced as themselves.
  const other = { ...EUR_XOF, schedule: { parts: [{ fixed: "12" }] }, offered_rate: rate("EUR", "XOF", "640") };
  for (let i = 0; i < 3; i++) {
    assert.equal(remit.cost(EUR_XOF, "200").total_cost_pct, "4.1204");
    assert.equal(remit.cost(other, "200").total_cost_pct, "8.4326");
  }
  const changing = structuredClone(EUR_XOF);
  assert.equal(remit.cost(changing, "200").fee, "4.90");
  changing.schedule.parts[0].fixed = "1";
  assert.equal(remit.cost(changing, "200").fee, "1.00");
  assert.equal(remit.sendWithin(changing, "200").send_amount, "199.00");
  assert.throws(() => remit.cost({ ...changing, send_currency: "EUX" }, "200"), { code: "unknown_currency" });
  assert.equal(remit.cost(changing, "200").fee, "1.00");
});

test("the pricing module's hand-written readers keep core's serde rules and codes", () => {
  // Each outcome checked against the serde readers of the module before issue 14 (the same
  // inputs through both builds, 66 cases, no difference); a field order decides which error
  // is first, as in serde.
  const O = EUR_XOF;
  const cases = [
    ["unknown field", () => remit.cost({ ...O, nope: 1 }, "200"), "invalid_json"],
    ["null schedule", () => remit.cost({ ...O, schedule: null }, "200"), "invalid_json"],
    ["null fixed", () => remit.cost({ ...O, schedule: { parts: [{ fixed: null }] } }, "200"), "invalid_json"],
    ["a float for an integer", () => remit.cost({ ...O, collected_at: 1.5 }, "200"), "invalid_json"],
    ["an integer beyond i64", () => remit.cost({ ...O, collected_at: 1e21 }, "200"), "invalid_json"],
    ["a lone surrogate", () => remit.cost({ ...O, provider: "\ud800" }, "200"), "invalid_json"],
    ["a missing currency", () => remit.cost({ receive_currency: "XOF" }, "200"), "invalid_json"],
    ["bad currency first", () => remit.cost({ send_currency: "EUX", nope: 1, receive_currency: "XOF" }, "200"), "unknown_currency"],
    ["unknown field first", () => remit.cost({ nope: 1, send_currency: "EUX", receive_currency: "XOF" }, "200"), "invalid_json"],
    ["a rate's extra field", () => remit.cost({ ...O, mid_rate: { ...rate("EUR", "XOF", "1"), x: 1 } }, "200"), "invalid_json"],
    ["a zero rate", () => remit.cost({ ...O, mid_rate: rate("EUR", "XOF", "0") }, "200"), "invalid_rate"],
    ["a bad decimal before a missing field", () => remit.cost({ ...O, mid_rate: { base: "EUR", value: "x" } }, "200"), "invalid_decimal"],
    ["a tax without base", () => remit.cost({ ...O, schedule: { taxes: [{ pct: "20" }] } }, "200"), "invalid_json"],
    ["an unknown charging", () => remit.cost({ ...O, schedule: { charging: "ontop" } }, "200"), "invalid_json"],
    ["a null rounding", () => remit.cost(O, "200", { rounding: null }), "invalid_json"],
    ["a two-key target", () => remit.rankOffers([O], { send: "200", receive: "1" }), "invalid_json"],
    ["a bad decimal in a two-key target", () => remit.rankOffers([O], { send: "x", receive: "1" }), "invalid_decimal"],
    ["an empty target", () => remit.rankOffers([O], {}), "invalid_json"],
    ["an unknown speed", () => remit.rankOffers([O], { send: "200" }, null, { max_speed: "fast" }), "invalid_json"],
    ["a number among the offers", () => remit.rankOffers([5], { send: "200" }), "invalid_json"],
    ["money without currency", () => remit.convert(rate("EUR", "XOF", "655.957"), { amount: "2" }), "invalid_json"],
    ["an unknown RPW amount", () => remit.rpwAmountInCurrency("usd300", rate("EUR", "USD", "1.08"), "EUR"), "invalid_json"],
  ];
  for (const [what, call, code] of cases) assert.throws(call, { name: "RemitError", code }, what);
  // Accepted: nulls where serde takes them, money's extra fields, escapes both ways.
  assert.equal(remit.cost({ ...O, provider: null, promotion: null, collected_at: null }, "200").fee, "4.90");
  assert.deepEqual(remit.convert(rate("EUR", "XOF", "655.957"), { amount: "2", currency: "EUR", note: 1 }), { amount: "1311.914", currency: "XOF" });
  const name = "\ud83d\ude00 \"q\" \\ \n\u0001";
  assert.equal(remit.rankOffers([{ ...O, provider: name }], { send: "200" }).ranked[0].provider, name);
  stillWorks();
});
