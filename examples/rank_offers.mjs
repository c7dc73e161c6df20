#!/usr/bin/env node
// Ranks a corridor's offers for one amount and prints the table a comparator would show: the
// JavaScript twin of rank_offers.rs, through the npm package's Node.js build (after
// `bash bindings-wasm/build.sh`). It prints the same table as the Rust example.
//
//   node examples/rank_offers.mjs [OFFERS.json] [AMOUNT | --receive AMOUNT]
//
// Defaults: the bundled France -> Senegal offers (examples/data/offers_fra_sen.json), EUR 200.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parseDecimal, rankOffers } = require("../bindings-wasm/pkg-node/remitcost.js");

function parseArgs(args) {
  let path = new URL("data/offers_fra_sen.json", import.meta.url);
  let target = { send: "200" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--receive") {
      if (i + 1 >= args.length) throw new Error("--receive needs an amount");
      target = { receive: parseDecimal(args[++i]) };
    } else if (arg.endsWith(".json")) {
      path = arg;
    } else {
      target = { send: parseDecimal(arg) };
    }
  }
  return { path, target };
}

function table(ranking, target) {
  const row = (cells) =>
    `${cells[0].padStart(4)}  ${cells[1].padEnd(20)} ${cells[2].padEnd(24)} ` +
    `${cells[3].padStart(9)} ${cells[4].padStart(9)} ${cells[5].padStart(8)} ` +
    `${cells[6].padStart(9)} ${cells[7].padStart(8)} ${cells[8].padStart(12)}  ${cells[9]}\n`;
  let out = "";
  const first = ranking.ranked[0];
  if (first) {
    const { send_currency: send, receive_currency: recv } = first.cost;
    const what =
      "send" in target
        ? `sending ${target.send} ${send}`
        : `delivering at least ${target.receive} ${recv}`;
    out += `Offers ${send} -> ${recv}, ${what}, cheapest first\n\n`;
  }
  out += row(["rank", "provider", "type", "sent", "fee", "margin%", "total", "total%", "recipient", "speed"]);
  for (const r of ranking.ranked) {
    const c = r.cost;
    out += row([
      String(r.rank), r.provider ?? "-", r.firm_type ?? "-", c.send_amount, c.fee,
      c.fx_margin_pct, c.total_cost, c.total_cost_pct, c.recipient_gets, r.speed ?? "-",
    ]);
  }
  for (const e of ranking.excluded) {
    out += `  left out: ${e.provider ?? "-"} (${e.code}: ${e.message})\n`;
  }
  return out;
}

try {
  const { path, target } = parseArgs(process.argv.slice(2));
  const file = JSON.parse(readFileSync(path, "utf8"));
  process.stdout.write(table(rankOffers(file.offers, target), target));
} catch (err) {
  // A RemitError carries core's stable code (`invalid_decimal`, `invalid_json`, ...).
  console.error(`rank_offers: ${err.message}${err.code ? ` (${err.code})` : ""}`);
  process.exit(1);
}
