// Hand-written declarations of the `remitcost` npm package (Node.js and, through web.d.ts, the
// browser). The aggregations (`group`, `indicators`, their types) are the second module,
// `remitcost/aggregate` (aggregate.d.ts). One schema everywhere: the JSON forms of testdata/vectors (testdata/README.md).
// Decimals are strings in and out; data keys are snake_case; every value is plain data.

/** A decimal number as a string: `"655.957"`, `"5E-2"`. Never a JS number (a binary float). */
export type DecimalString = string;
/** An ISO 4217 alphabetic code: `"EUR"`, `"XOF"` (case-insensitive in, upper case out). */
export type CurrencyCode = string;
/** A survey quarter: `"2025_1Q"` (also read: `"2025Q1"`, `"Q1 2025"`). */
export type PeriodString = string;

/** The `code` of every `RemitError`: core's `Error::code()`, stable API. */
export type ErrorCode =
  | "unknown_currency"
  | "invalid_decimal"
  | "currency_mismatch"
  | "invalid_rate"
  | "invalid_amount"
  | "amount_out_of_range"
  | "invalid_schedule"
  | "unreachable_target"
  | "overflow"
  | "division_by_zero"
  | "invalid_json"
  | "invalid_csv"
  | "invalid_xlsx"
  | "unsupported_format"
  | "stale_quote"
  | "missing_column"
  | "unknown_column"
  | "invalid_period"
  | "no_data";

/**
 * What every function throws when core refuses an input: a JS `Error` with
 * `name === "RemitError"` and core's stable `code`. A value of the wrong JavaScript type (a
 * number where a decimal string goes, an array where an object goes) is a `TypeError` instead.
 */
export interface RemitError extends Error {
  name: "RemitError";
  code: ErrorCode;
}

/** Rounding rule of reported figures; default `"half_even"` (banker's rounding). */
export type Rounding = "half_even" | "half_away_from_zero" | "up" | "down";

/** `value` units of `quote` per unit of `base`: `{base: "EUR", quote: "XOF", value: "655.957"}`. */
export interface Rate {
  base: CurrencyCode;
  quote: CurrencyCode;
  value: DecimalString;
}

/** An amount in a currency, in major units. */
export interface Money {
  amount: DecimalString;
  currency: CurrencyCode;
}

/** `parseCurrency`'s answer. */
export interface CurrencyInfo {
  code: CurrencyCode;
  minor_units: number;
}

/** One part of a transfer fee: `fixed + amount × pct / 100`, for `from <= amount < to`. */
export interface FeePart {
  from?: DecimalString;
  to?: DecimalString;
  fixed?: DecimalString;
  pct?: DecimalString;
}

/** A tax on the transfer fee or on the amount sent. */
export interface Tax {
  name?: string;
  pct: DecimalString;
  base: "fee" | "amount";
  /** Applies only to transfers funded this way (`"card"`, …). */
  only_funding?: string;
}

/** A provider's tariff, in the send currency (receiving fee in the receive currency). */
export interface FeeSchedule {
  parts?: FeePart[];
  min_fee?: DecimalString;
  max_fee?: DecimalString;
  receiving_fee?: DecimalString;
  taxes?: Tax[];
  /** `"on_top"` (default): the sender pays amount + fee; `"deducted"`: the fee comes out of the amount. */
  charging?: "on_top" | "deducted";
  min_amount?: DecimalString;
  max_amount?: DecimalString;
  /** Cash payout in multiples of this (receive currency). */
  payout_unit?: DecimalString;
}

/** `fee`'s answer: exact (unrounded) charges in the send currency. */
export interface Charges {
  transfer_fee: DecimalString;
  tax: DecimalString;
}

/** A promotion on top of an offer's normal prices. */
export interface Promotion {
  rate?: Rate;
  rate_up_to?: DecimalString;
  first_transfer_fee_waived?: boolean;
}

/** One provider's offer in one corridor. */
export interface Offer {
  provider?: string;
  firm_type?: string;
  speed?: string;
  /** How the sender pays (`cash`, `card`, `bank_account`, …). */
  funding?: string;
  /** How the recipient is paid (`cash_pickup`, `bank_account`, `mobile_wallet`, `home_delivery`, …). */
  payout?: string;
  send_currency: CurrencyCode;
  receive_currency: CurrencyCode;
  schedule?: FeeSchedule;
  offered_rate?: Rate;
  mid_rate?: Rate;
  promotion?: Promotion;
  /** Seconds since 1970-01-01T00:00:00Z. */
  collected_at?: number;
}

/** Choices for computing a cost (every field optional). */
export interface CostOptions {
  rounding?: Rounding;
  /** Count the receiving fee in `fee` and `total_cost` (default true). */
  include_receiving_fee?: boolean;
  /** Price as the sender's first transfer with the provider. */
  first_transfer?: boolean;
  /** Refuse quotes collected before this time (seconds since the epoch): `stale_quote`. */
  oldest_quote?: number | null;
}

/** The cost of one transfer. Money at its currency's minor units, percentages at 4 places. */
export interface Cost {
  send_currency: CurrencyCode;
  receive_currency: CurrencyCode;
  send_amount: DecimalString;
  transfer_fee: DecimalString;
  tax: DecimalString;
  receiving_fee: DecimalString;
  fee: DecimalString;
  total_paid: DecimalString;
  amount_exchanged: DecimalString;
  fx_margin_pct: DecimalString;
  fx_cost: DecimalString;
  total_cost: DecimalString;
  total_cost_pct: DecimalString;
  /** In the receive currency. */
  recipient_gets: DecimalString;
  /** Receive units per send unit paid, 6 places. */
  effective_rate: DecimalString;
}

/**
 * What a ranking prices every offer for: an amount sent, an amount to be received, or the
 * sender's all-in budget (total paid, fees on top included).
 */
export type Target = { send: DecimalString } | { receive: DecimalString } | { total: DecimalString };

/**
 * A ranking's order: `cheapest` (the target's own measure: total cost % for `send`, total paid
 * for `receive`, most received for `total`), `total_cost`, `received`, or `speed`.
 */
export type Order = "cheapest" | "total_cost" | "received" | "speed";

/** A visitor's choices for `rankOffers` (every field optional). */
export interface RankOptions {
  /** Only offers paid out this way. */
  payout?: string | null;
  /** Only offers funded this way. */
  funding?: string | null;
  /** Only offers at least this fast. */
  max_speed?: Speed | null;
  order?: Order;
  /** The time of the ranking (seconds since the epoch), for each quote's age. */
  now?: number | null;
}

/**
 * What choosing an offer saves against the dearest and the mean of the offers ranked: total
 * cost (send currency) for `send`, total paid for `receive`, extra received (receive currency)
 * for `total`.
 */
export interface Savings {
  currency: CurrencyCode;
  vs_dearest: DecimalString;
  vs_mean: DecimalString;
}

/** One offer's place in a ranking (1 = cheapest; ties share a rank), with its disclosures. */
export interface Ranked {
  rank: number;
  index: number;
  provider: string | null;
  firm_type: string | null;
  speed: string | null;
  speed_category: Speed | null;
  funding: string | null;
  payout: string | null;
  /** The offered rate, send → receive. */
  offered_rate: Rate | null;
  /** The reference (mid-market) rate, send → receive. */
  mid_rate: Rate | null;
  /** Seconds since the epoch. */
  collected_at: number | null;
  /** Seconds, at `RankOptions.now`. */
  quote_age: number | null;
  cost: Cost;
  savings: Savings;
}

/** An offer that could not be priced for the target, with the error's code. */
export interface Excluded {
  index: number;
  provider: string | null;
  code: ErrorCode;
  message: string;
}

/** `rankOffers`' answer. */
export interface Ranking {
  ranked: Ranked[];
  excluded: Excluded[];
  /** The positions of the offers the `RankOptions` filters left out. */
  filtered: number[];
}

/** An RPW survey amount. */
export type RpwAmount = "usd200" | "usd500";

/** A survey speed, for SmaRT eligibility. */
export type Speed =
  | "less_than_one_hour"
  | "same_day"
  | "next_day"
  | "two_to_five_days"
  | "more_than_five_days";

/** The package version. */
export function version(): string;

/** Parses a decimal as core does; gives its normalised string (`"5E-2"` -> `"0.05"`). */
export function parseDecimal(text: DecimalString): DecimalString;

/** Looks up an ISO 4217 code: `{code, minor_units}`. */
export function parseCurrency(code: CurrencyCode): CurrencyInfo;

/** Rounds to the currency's minor units, at exactly that scale (`"2.345"`, `"EUR"` -> `"2.34"`). */
export function roundMoney(amount: DecimalString, currency: CurrencyCode, rounding?: Rounding): DecimalString;

/** `(mid - offered) / mid × 100`, exact and normalised; rates either way round. */
export function fxMarginPct(offered: Rate, mid: Rate): DecimalString;

/** The money lost exchanging `exchanged` at `offered` rather than `mid`, exact. */
export function fxMargin(exchanged: Money, offered: Rate, mid: Rate): Money;

/** The rate between the outer currencies of two rates sharing one currency. */
export function crossRate(a: Rate, b: Rate): Rate;

/** The same rate quoted the other way round. */
export function inverseRate(rate: Rate): Rate;

/** Converts money at a rate (either way round), exact. */
export function convert(rate: Rate, money: Money): Money;

/** A schedule's transfer fee and taxes for an amount (optionally for a funding method). */
export function fee(schedule: FeeSchedule, amount: DecimalString, funding?: string | null): Charges;

/** Throws `RemitError` (`invalid_schedule`) if the schedule cannot be applied. */
export function validateSchedule(schedule: FeeSchedule): void;

/** The cost of sending `sendAmount` under an offer. */
export function cost(offer: Offer, sendAmount: DecimalString, options?: CostOptions | null): Cost;

/**
 * An offer read once and kept in the module (`prepare(offer)`): each method answers exactly as
 * the function of the same name given the offer (the same object, the same errors), without
 * passing the offer as JSON at every call. No `free()` needed: the handle's memory goes back
 * to the module when it is garbage-collected (a `FinalizationRegistry`).
 */
export class PreparedOffer {
  private constructor();
  /** Gives the handle's memory back at once (optional); the handle is unusable afterwards. */
  free(): void;
  /** `cost(offer, sendAmount, options)`. */
  cost(sendAmount: DecimalString, options?: CostOptions | null): Cost;
  /** `sendFor(offer, receiveAmount, options)`. */
  sendFor(receiveAmount: DecimalString, options?: CostOptions | null): Cost;
  /** `sendWithin(offer, totalPaid, options)`. */
  sendWithin(totalPaid: DecimalString, options?: CostOptions | null): Cost;
}

/** Reads an offer once for many calls (throws as `cost` does for a bad offer). */
export function prepare(offer: Offer): PreparedOffer;

/** A figure of a cost: the columns `costTable` holds as exact integers. */
export type CostFigure =
  | "send_amount" | "transfer_fee" | "tax" | "receiving_fee" | "fee" | "total_paid"
  | "amount_exchanged" | "fx_margin_pct" | "fx_cost" | "total_cost" | "total_cost_pct"
  | "recipient_gets" | "effective_rate";

/** `costTable`'s columns as decimal strings (`toStrings()`): one row per (offer, amount) pair, offer-major. */
export interface CostTableStrings {
  offer: number[];
  provider: (string | null)[];
  amount: DecimalString[];
  send_currency: CurrencyCode[];
  receive_currency: CurrencyCode[];
  send_amount: (DecimalString | null)[];
  transfer_fee: (DecimalString | null)[];
  tax: (DecimalString | null)[];
  receiving_fee: (DecimalString | null)[];
  fee: (DecimalString | null)[];
  total_paid: (DecimalString | null)[];
  amount_exchanged: (DecimalString | null)[];
  fx_margin_pct: (DecimalString | null)[];
  fx_cost: (DecimalString | null)[];
  total_cost: (DecimalString | null)[];
  total_cost_pct: (DecimalString | null)[];
  recipient_gets: (DecimalString | null)[];
  effective_rate: (DecimalString | null)[];
  /** The error code of a pair that cannot be priced (its figures are null), else null. */
  error: (ErrorCode | null)[];
}

/**
 * `costTable`'s answer, held in the module: each figure an exact integer at its column's
 * scale (`12.34` is 1234 at scale 2), formatted to decimal strings only when asked.
 */
export class CostTable {
  private constructor();
  /** Frees the table's memory in the module. */
  free(): void;
  /** The number of rows. */
  readonly rows: number;
  /** A figure as integers at `scale(name)` places (a `BigInt64Array` where one exceeds 2^53; 0 where the row has an error). */
  column(name: CostFigure): Float64Array | BigInt64Array;
  /** Any other column, as `toStrings()` gives it. */
  column<K extends Exclude<keyof CostTableStrings, CostFigure>>(name: K): CostTableStrings[K];
  /** The decimal places of a figure's column. */
  scale(name: CostFigure): number;
  /** One figure as a decimal string, or null for a row that could not be priced. */
  cell(name: CostFigure, row: number): DecimalString | null;
  /** Every column as decimal strings. */
  toStrings(): CostTableStrings;
}

/** Every offer priced at every amount (the batch form of `cost`; per-offer work done once). */
export function costTable(offers: Offer[], sendAmounts: DecimalString[], options?: CostOptions | null): CostTable;

/** The reverse solve: the cost at the smallest send amount that delivers `receiveAmount`. */
export function sendFor(offer: Offer, receiveAmount: DecimalString, options?: CostOptions | null): Cost;

/** The total-paid solve: the cost at the largest send amount whose total paid is at most `totalPaid`. */
export function sendWithin(offer: Offer, totalPaid: DecimalString, options?: CostOptions | null): Cost;

/** Prices every offer for one target and ranks them, cheapest first; `choices` filter and order. */
export function rankOffers(
  offers: Offer[],
  target: Target,
  options?: CostOptions | null,
  choices?: RankOptions | null,
): Ranking;

/** The send-currency equivalent of an RPW amount at a USD reference rate, rounded. */
export function rpwAmountInCurrency(
  amount: RpwAmount,
  usdRate: Rate,
  currency: CurrencyCode,
  rounding?: Rounding,
): Money;
