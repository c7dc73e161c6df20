// Hand-written declarations of `remitcost/aggregate`, the package's second module (Node.js and,
// through aggregate-web.d.ts, the browser): the aggregations of RPW survey rows, kept out of the
// main module so that a page that only prices offers never downloads them. Same schema and
// errors as the main module (remitcost.d.ts), whose shared types it re-exports.
import type { CurrencyCode, DecimalString, PeriodString, Rounding, RpwAmount, Speed } from "./remitcost.js";

export type {
  CurrencyCode,
  DecimalString,
  ErrorCode,
  PeriodString,
  RemitError,
  Rounding,
  RpwAmount,
  Speed,
} from "./remitcost.js";

/** One RPW price block (`cc1` for USD 200, `cc2` for USD 500). */
export interface Price {
  amount: DecimalString;
  denomination_amount: DecimalString | null;
  currency: CurrencyCode | null;
  fee: DecimalString;
  fx_rate: DecimalString | null;
  fx_margin_pct: DecimalString;
  total_cost_pct: DecimalString;
}

/** One RPW row: one service in one corridor in one period (core's `Observation` JSON form). */
export interface Observation {
  row: number;
  id: string | null;
  period: PeriodString;
  source_code: string;
  source_name: string;
  source_region: string;
  destination_code: string;
  destination_name: string;
  destination_region: string;
  firm: string;
  firm_type: string;
  instrument: string;
  /** The pre-2016 layout's `product` (empty where the data has none). */
  product?: string;
  access_point: string;
  /** Receiving network coverage (pre-2016 `coverage`). */
  coverage?: string;
  /** Pickup method (pre-2016 `pick-up method`). */
  pickup_method?: string;
  speed: string;
  transparent: boolean;
  cc1: Price | null;
  cc2: Price | null;
  interbank_fx: DecimalString | null;
  extra: Record<string, string>;
}

/** The SmaRT eligibility predicate. */
export interface Eligibility {
  transparent?: boolean;
  max_speed?: Speed | null;
  /** Column -> values that make a service inaccessible. */
  inaccessible?: Record<string, string[]>;
}

/** Options of the aggregations (every field optional). */
export interface AggregateOptions {
  amount?: RpwAmount;
  include_non_transparent?: boolean;
  eligibility?: Eligibility;
  smart_min_services?: number;
  /** Whether exactly 5% counts as above 5%. */
  comparison?: "greater_than" | "at_least";
  rounding?: Rounding;
}

/**
 * A grouping dimension: a named one, or any column of the observations by its published
 * header name (kept in `extra`, e.g. `"Standard Note"`, `"note1"`; a column no observation
 * has throws `unknown_column`).
 */
export type Dimension =
  | "period"
  | "corridor"
  | "source_country"
  | "destination_country"
  | "source_region"
  | "destination_region"
  | "firm_type"
  | "instrument"
  | "access_point"
  | "speed"
  | "product"
  | "coverage"
  | "pickup_method"
  | "firm"
  | (string & {});

/** One group's statistics (percentages at 4 places). */
export interface GroupStat {
  key: string[];
  count: number;
  mean_pct: DecimalString;
  median_pct: DecimalString;
  min_pct: DecimalString;
  max_pct: DecimalString;
  cheapest: string;
  eligible: number;
  smart_pct: DecimalString | null;
  change_pp: DecimalString | null;
}

/** Rows left out of an aggregation, by reason. */
export interface LeftOut {
  non_transparent: number;
  unpriced: number;
}

/** `group`'s and `groupCorridors`' answer. */
export interface Grouping {
  dimensions: Dimension[];
  groups: GroupStat[];
  left_out: LeftOut;
}

/** One corridor in one period (input of `corridorIndicators`; output of the indicators). */
export interface CorridorStat {
  period: PeriodString;
  source_code: string;
  source_name?: string;
  source_region?: string | null;
  destination_code: string;
  destination_name?: string;
  destination_region?: string | null;
  services?: number | null;
  eligible?: number | null;
  average_pct: DecimalString;
  smart_pct?: DecimalString | null;
  smart_firms?: string[];
}

/** Corridors above a threshold. */
export interface CorridorsAbove {
  threshold_pct: DecimalString;
  comparison: "greater_than" | "at_least";
  count: number;
  share_pct: DecimalString;
  corridors: string[];
}

/** The headline indicators of one period. */
export interface PeriodIndicators {
  period: PeriodString;
  services: number | null;
  corridors: number;
  global_average_pct: DecimalString | null;
  corridor_average_pct: DecimalString;
  weighted_average_pct: DecimalString | null;
  unweighted: string[];
  smart_pct: DecimalString | null;
  smart_corridors: number;
  smart_dropped: string[];
  above_5: CorridorsAbove;
  above_3: CorridorsAbove;
  gap_to_3_pct: DecimalString;
  global_average_change_pp: DecimalString | null;
  corridor_average_change_pp: DecimalString | null;
}

/** `indicators`' and `corridorIndicators`' answer. */
export interface Indicators {
  periods: PeriodIndicators[];
  corridors: Required<CorridorStat>[];
  left_out: LeftOut;
}

/** Corridor weights: `[source_code, destination_code, weight]` triples. */
export type CorridorWeights = Array<[string, string, DecimalString]>;

/** The package version. */
export function version(): string;

/** Groups observations by dimensions with each group's statistics. */
export function group(observations: Observation[], dimensions: Dimension[], options?: AggregateOptions | null): Grouping;

/** The RPW indicators from observations. */
export function indicators(
  observations: Observation[],
  options?: AggregateOptions | null,
  weights?: CorridorWeights | null,
): Indicators;

/** The corridor-level indicators from corridor statistics (e.g. published averages). */
export function corridorIndicators(
  corridors: CorridorStat[],
  options?: AggregateOptions | null,
  weights?: CorridorWeights | null,
): Indicators;

/** Groups corridor statistics by dimensions. */
export function groupCorridors(corridors: CorridorStat[], dimensions: Dimension[], options?: AggregateOptions | null): Grouping;
