// The JavaScript half of src/quote.rs's `cost_js` (issue 14): a cost's object built from its
// figures as numbers, rather than its JSON text written in the module and `JSON.parse`d (half a
// `p.cost()` call). Translation only: each figure arrives as its exact integer mantissa and its
// scale, the decimal string is those digits with the point put back — what core's
// `push_decimal` writes. The module sends a figure here only when its mantissa is at most 2^53
// (a float holds it exactly, and `String` writes it in plain digits) and is not a negative zero;
// any other cost takes the JSON text path. wasm-bindgen copies this file into the package
// (pkg-*/snippets/).

/** The decimal string of the integer `m` (|m| <= 2^53) at `scale` places. */
function decimal(m, scale) {
  let digits = String(m < 0 ? -m : m);
  if (scale > 0) {
    if (digits.length <= scale) digits = "0".repeat(scale + 1 - digits.length) + digits;
    const point = digits.length - scale;
    digits = digits.slice(0, point) + "." + digits.slice(point);
  }
  return m < 0 ? "-" + digits : digits;
}

/** A currency code sent as its three ASCII letters packed in one integer. */
function code(packed) {
  return String.fromCharCode(packed >>> 16, (packed >>> 8) & 255, packed & 255);
}

/**
 * A cost's object (core's `Cost` JSON form: these keys, in this order, as `Cost::FIGURES`
 * lists them) from its two currencies and its 13 figures, each a mantissa `m*` and a scale `s*`.
 */
export function costObject(
  send, receive,
  m0, s0, m1, s1, m2, s2, m3, s3, m4, s4, m5, s5, m6, s6,
  m7, s7, m8, s8, m9, s9, m10, s10, m11, s11, m12, s12,
) {
  return {
    send_currency: code(send),
    receive_currency: code(receive),
    send_amount: decimal(m0, s0),
    transfer_fee: decimal(m1, s1),
    tax: decimal(m2, s2),
    receiving_fee: decimal(m3, s3),
    fee: decimal(m4, s4),
    total_paid: decimal(m5, s5),
    amount_exchanged: decimal(m6, s6),
    fx_margin_pct: decimal(m7, s7),
    fx_cost: decimal(m8, s8),
    total_cost: decimal(m9, s9),
    total_cost_pct: decimal(m10, s10),
    recipient_gets: decimal(m11, s11),
    effective_rate: decimal(m12, s12),
  };
}
