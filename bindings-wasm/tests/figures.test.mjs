// A cost's object as the module hands it over (issue 14): its figures cross as exact integer
// mantissas and scales and src/quote.js writes the decimal strings; a figure beyond 2^53 takes
// the JSON text path. Both must give core's strings exactly, keys in core's order: checked
// here against `costTable(...).cell`, which formats in Rust (rust_decimal's Display), on the
// edges of the JS formatting — scale 0 (XOF, JPY, VND), 3 places (KWD), negative figures (an
// offer beating the mid rate), zeros, and mantissas at 2^53, just above and far above it.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as remit from "../pkg-node/remitcost.js";

const KEYS = [
  "send_currency", "receive_currency", "send_amount", "transfer_fee", "tax", "receiving_fee",
  "fee", "total_paid", "amount_exchanged", "fx_margin_pct", "fx_cost", "total_cost",
  "total_cost_pct", "recipient_gets", "effective_rate",
];
const FIGURES = KEYS.slice(2);

const offer = (send, receive, fixed, value, mid, schedule = {}) => ({
  provider: "Edge", send_currency: send, receive_currency: receive,
  schedule: { parts: [{ fixed, pct: "1.5" }], ...schedule },
  offered_rate: { base: send, quote: receive, value },
  mid_rate: { base: send, quote: receive, value: mid },
});
const OFFERS = [
  offer("EUR", "XOF", "4.90", "645", "655.957"),
  offer("EUR", "XOF", "4.90", "700", "655.957"), // beats the mid rate: negative margin and fx cost
  offer("JPY", "PHP", "500", "0.3712", "0.38"),
  offer("KWD", "INR", "1.250", "270.123456", "271"),
  offer("USD", "MXN", "0", "17.2", "17.2"), // zeros
  offer("USD", "VND", "3", "24000.5", "24100"),
  offer("EUR", "EUR", "0", "1", "1"),
  offer("EUR", "XOF", "4.90", "645", "655.957", { charging: "deducted", receiving_fee: "500" }),
];
// 2^53 = 9007199254740992: as cents, 90071992547409.92.
const AMOUNTS = [
  "0.01", "1", "2", "200", "200.5", "123456.78", "90071992547409.91", "90071992547409.92",
  "90071992547409.93", "9007199254740993", "5e15", "1e20",
];

test("cost objects have core's keys in core's order, each figure as Rust formats it", () => {
  let priced = 0;
  let beyond = 0;
  for (const o of OFFERS) {
    const p = remit.prepare(o);
    for (const amount of AMOUNTS) {
      let c;
      try {
        c = remit.cost(o, amount);
      } catch (err) {
        assert.equal(err.name, "RemitError", `${o.send_currency}${o.receive_currency} ${amount}`);
        continue;
      }
      const name = `${o.send_currency}${o.receive_currency} ${amount}`;
      assert.deepEqual(Object.keys(c), KEYS, name);
      assert.equal(JSON.stringify(p.cost(amount)), JSON.stringify(c), name);
      const table = remit.costTable([o], [amount]);
      for (const f of FIGURES) assert.equal(c[f], table.cell(f, 0), `${name} ${f}`);
      assert.equal(c.send_currency, o.send_currency);
      assert.equal(c.receive_currency, o.receive_currency);
      priced++;
      if (FIGURES.some((f) => c[f].replace(/[-.]/g, "").replace(/^0+/, "").length > 16)) beyond++;
    }
  }
  assert.ok(priced > 60, `${priced} priced`);
  assert.ok(beyond > 5, `${beyond} with a figure beyond 2^53 (the JSON text path)`);
});

test("reverse solves' objects have the same keys and Rust's strings", () => {
  const o = OFFERS[3];
  for (const c of [remit.sendFor(o, "100000"), remit.sendWithin(o, "200.125")]) {
    assert.deepEqual(Object.keys(c), KEYS);
    const table = remit.costTable([o], [c.send_amount]);
    for (const f of FIGURES) assert.equal(c[f], table.cell(f, 0), f);
  }
});
