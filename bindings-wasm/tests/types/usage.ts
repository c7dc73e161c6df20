// A small typed client of the package: `tsc -p tests/types` checks it against the hand-written
// declarations (types/remitcost.d.ts, web.d.ts, aggregate.d.ts, aggregate-web.d.ts) through
// package.json's exports map.
import init, {
  rankOffers,
  sendFor,
  sendWithin,
  type Offer,
  type RankOptions,
  type Ranking,
  type RemitError,
} from "remitcost/web";
import { cost, prepare, PreparedOffer, type Cost } from "remitcost";
// The aggregations are the second module (loaded on demand by a page: its own init).
import { indicators, type Indicators, type Observation } from "remitcost/aggregate";
import initAggregate, { group, type Grouping, type RemitError as AggregateError } from "remitcost/aggregate/web";

const offer: Offer = {
  provider: "Example MTO",
  send_currency: "EUR",
  receive_currency: "XOF",
  schedule: { parts: [{ fixed: "4.90" }], charging: "on_top" },
  offered_rate: { base: "EUR", quote: "XOF", value: "645" },
  mid_rate: { base: "EUR", quote: "XOF", value: "655.957" },
  funding: "card",
  payout: "mobile_wallet",
};

/** The three quote modes and a visitor's choices: wallets only, fastest first. */
export function wallets(offers: Offer[], now: number): string[] {
  const choices: RankOptions = { payout: "mobile_wallet", max_speed: "same_day", order: "speed", now };
  const ranking = rankOffers(offers, { total: "200" }, null, choices);
  const budget: Cost = sendWithin(offers[0], "200");
  return ranking.ranked.map(
    (r) =>
      `${r.provider ?? "?"} ${r.cost.recipient_gets} saves ${r.savings.vs_mean} ${r.savings.currency}` +
      ` at ${r.offered_rate?.value ?? "-"} (mid ${r.mid_rate?.value ?? "-"}, ${r.quote_age ?? "?"} s old)` +
      ` ${budget.send_amount} ${ranking.filtered.length}`,
  );
}

export async function compare(offers: Offer[]): Promise<string[]> {
  await init();
  const ranking: Ranking = rankOffers(offers, { receive: "100000" }, { include_receiving_fee: true });
  const first: Cost = sendFor(offers[0], "100000");
  return ranking.ranked.map((r) => `${r.rank} ${r.provider ?? "?"} ${r.cost.total_cost_pct}% ${first.send_amount}`);
}

export function headline(rows: Observation[]): string | null {
  try {
    const out: Indicators = indicators(rows, { amount: "usd200", comparison: "at_least" }, [["FRA", "SEN", "1"]]);
    return out.periods[0]?.global_average_pct ?? null;
  } catch (e) {
    const err = e as RemitError;
    return err.code === "division_by_zero" ? null : err.message;
  }
}

export async function byCorridor(rows: Observation[]): Promise<string[]> {
  await initAggregate();
  try {
    const g: Grouping = group(rows, ["period", "corridor"], { amount: "usd500" });
    return g.groups.map((x) => `${x.key.join("/")} ${x.mean_pct}`);
  } catch (e) {
    return [(e as AggregateError).code];
  }
}

export const total: string = cost(offer, "200").total_cost_pct;

// A prepared offer: the same answers, the offer read once (no free() needed; free() allowed).
const prepared: PreparedOffer = prepare(offer);
export const perKeystroke: Cost[] = ["200", "250"].map((a) => prepared.cost(a, { rounding: "half_even" }));
export const needed: string = prepared.sendFor("100000").send_amount;
export const within: string = prepared.sendWithin("300", null).send_amount;
prepared.free();
// @ts-expect-error: decimals are strings, not numbers
prepared.cost(200);
// @ts-expect-error: the handle is made by prepare(), not new
new PreparedOffer();

// @ts-expect-error: decimals are strings, not numbers
cost(offer, 200);
// @ts-expect-error: a target is {send}, {receive} or {total}
rankOffers([offer], { amount: "200" });
// @ts-expect-error: an order is one of four names
rankOffers([offer], { total: "200" }, null, { order: "fastest" });
// @ts-expect-error: the aggregations are not in the main module
import { group as notThere } from "remitcost";
