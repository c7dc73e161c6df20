// Shared by vectors.test.mjs, malformed.test.mjs and dump_vectors.mjs: the JS runner of every operation in
// testdata/vectors and testdata/malformed/cases.json, the operations the JS package cannot
// run (with the reason), and the canonical JSON the consistency check diffs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as remit from "../pkg-node/remitcost.js";
import * as agg from "../pkg-node/aggregate.js";

export { remit, agg };
export const TESTDATA = fileURLToPath(new URL("../../testdata/", import.meta.url));

// The compact row of aggregate.json / indicators.json as a full Observation, exactly as those
// files' descriptions define it (the same expansion as the Rust runner, core/tests/support).
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

// One runner per operation: the JS API call the operation names. Inputs go in as given
// (plain objects, decimals as the strings or numbers the case has): the module must refuse a
// wrong type itself, nothing is coerced here.
export const RUNNERS = {
  // testdata/vectors
  cost: (i) => remit.cost(i.offer, i.send_amount, i.options),
  send_for: (i) => remit.sendFor(i.offer, i.receive_amount, i.options),
  send_within: (i) => remit.sendWithin(i.offer, i.total_paid, i.options),
  fx_margin: (i) => ({ fx_margin_pct: remit.fxMarginPct(i.offered, i.mid) }),
  cross_rate: (i) => remit.crossRate(i.a, i.b),
  round: (i) => ({ amount: remit.roundMoney(i.amount, i.currency, i.rounding) }),
  rank: (i) => remit.rankOffers(i.offers, i.target, i.options, i.choices),
  group: (i) =>
    i.corridors !== undefined
      ? agg.groupCorridors(i.corridors, i.dimensions, i.options)
      : agg.group(i.rows.map(observation), i.dimensions, i.options),
  indicators: (i) =>
    i.corridors !== undefined
      ? agg.corridorIndicators(i.corridors, i.options, i.weights)
      : agg.indicators(i.rows.map(observation), i.options, i.weights),
  // testdata/malformed (cost and send_for as above)
  parse_decimal: (i) => ({ value: remit.parseDecimal(i.text) }),
  currency: (i) => {
    const c = remit.parseCurrency(i.code);
    return { code: c.code, minor_units: c.minor_units };
  },
};

// Operations the JS package cannot run, with the reason. Exact: a test asserts that the
// operations without a runner are these, and the consistency check leaves exactly their cases
// out of the JS dump (testdata/consistency/compare.py reads this list from there).
export const NOT_EXPOSED = {
  read_rpw_csv:
    "the npm package leaves core's RPW dataset readers out of its WebAssembly builds (browser size budget, bindings-wasm/src/lib.rs)",
  read_rpw_json:
    "the npm package leaves core's RPW dataset readers out of its WebAssembly builds (browser size budget, bindings-wasm/src/lib.rs)",
  offer_json:
    "the JS API has no function that reads an Offer and gives it back: offers are plain objects, validated when priced (cost, sendFor, rankOffers)",
  period:
    "the JS API has no period parser: periods travel as strings inside observations",
  published:
    "the npm package leaves the published-figure set (published_indicators) out of its WebAssembly build: its rows need the country table, which stays out of the size budget (core feature `countries`)",
};

/** The manifest of testdata/malformed. */
export function malformedCases() {
  return JSON.parse(readFileSync(TESTDATA + "malformed/cases.json", "utf8")).cases;
}

/** Runs one case: { output } or { error: code }. Only a RemitError is an outcome; anything
 * else (a TypeError, a wasm trap) is rethrown. */
export function runCase(operation, input) {
  let out;
  try {
    out = RUNNERS[operation](input);
  } catch (err) {
    if (err instanceof Error && err.name === "RemitError" && typeof err.code === "string") {
      if (!err.message) throw new Error(`empty message for ${err.code}`);
      return { error: err.code };
    }
    throw err;
  }
  return { output: out };
}

/** Canonical JSON: keys sorted at every level, no spaces, undefined fields left out as
 * JSON.stringify does; a non-integer number (a float in an output) is refused, since every
 * decimal in an output must be a string. */
export function canonical(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "[" + value.map((v) => (v === undefined ? "null" : canonical(v))).join(",") + "]";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isSafeInteger(value)) throw new TypeError(`non-integer number in an output: ${value}`);
      return JSON.stringify(value);
    case "object": {
      const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
      return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
    }
    default:
      throw new TypeError(`not JSON data: ${typeof value}`);
  }
}

/** testdata/README.md's comparison rule: listed fields match; arrays same length,
 * element-wise; a scalar by its string form; an expected null only an absent value. */
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
      if (!(field in actual)) {
        if (e !== null) failures.push(`${path}.${field}: missing`);
      } else compare(`${path}.${field}`, e, actual[field], failures);
    }
  } else if (actual === null || actual === undefined || typeof actual === "object" || String(actual) !== String(expected)) {
    failures.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** The ordinary quote of testdata/malformed/README.md (vector eur_xof_fixed_fee): throws
 * unless the module still prices it exactly. */
export function priceOrdinaryQuote() {
  const cost = remit.cost(
    {
      send_currency: "EUR", receive_currency: "XOF",
      schedule: { parts: [{ fixed: "4.90" }] },
      offered_rate: { base: "EUR", quote: "XOF", value: "645" },
      mid_rate: { base: "EUR", quote: "XOF", value: "655.957" },
    },
    "200",
  );
  if (cost.total_cost_pct !== "4.1204" || cost.recipient_gets !== "129000")
    throw new Error(`ordinary quote mispriced: ${JSON.stringify(cost)}`);
}
