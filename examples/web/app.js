// The comparator page: sample tariffs (tariffs.json) ranked by the remitcost WebAssembly module
// (the `web` target of the npm package, loaded as an ES module: no bundler, no Node.js).
// Every figure on the page is a decimal string computed by the module; this file only builds
// the offers from the tariff file and draws the table and the chart.
import init, { parseDecimal, rankOffers } from "../../bindings-wasm/pkg-web/remitcost.js";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
/** The UN SDG 10.c target and the G20 target for the cost of a remittance, in percent. */
const TARGETS = [
  { pct: 3, label: "3% SDG target" },
  { pct: 5, label: "5% G20 target" },
];

let corridors = [];

function corridor() {
  return corridors.find((c) => c.id === $("corridor").value);
}

function mode() {
  return document.querySelector('input[name="mode"]:checked').value;
}

/** The corridor's offers as core's `Offer` objects: the corridor gives currencies and mid rate. */
function offers(c) {
  return c.offers.map((o) => ({
    send_currency: c.send_currency,
    receive_currency: c.receive_currency,
    mid_rate: c.mid_rate,
    ...o,
  }));
}

function cell(row, text, opts = {}) {
  const td = document.createElement(opts.header ? "th" : "td");
  if (opts.header) td.scope = "row";
  if (opts.num) td.className = "num";
  td.textContent = text;
  row.append(td);
}

function showTable(c, ranking, amount) {
  const body = $("ranking").tBodies[0];
  body.replaceChildren();
  for (const r of ranking.ranked) {
    const k = r.cost;
    const tr = document.createElement("tr");
    cell(tr, String(r.rank), { num: true });
    cell(tr, r.provider, { header: true });
    cell(tr, r.firm_type ?? "");
    cell(tr, `${k.send_currency} ${k.fee}`, { num: true });
    cell(tr, `${k.fx_margin_pct}%`, { num: true });
    cell(tr, `${k.send_currency} ${k.total_cost}`, { num: true });
    cell(tr, `${k.total_cost_pct}%`, { num: true });
    cell(tr, `${k.send_currency} ${k.total_paid}`, { num: true });
    cell(tr, `${k.receive_currency} ${k.recipient_gets}`, { num: true });
    cell(tr, r.speed ?? "");
    body.append(tr);
  }
  $("ranking-caption").textContent =
    mode() === "send"
      ? `${c.label}: sending ${c.send_currency} ${amount}, cheapest first (lowest total cost %).`
      : `${c.label}: the recipient gets at least ${c.receive_currency} ${amount}, cheapest first (lowest amount paid).`;

  const excluded = $("excluded");
  excluded.replaceChildren();
  if (ranking.excluded.length) {
    const h = document.createElement("h3");
    h.textContent = "Not available for this amount";
    const ul = document.createElement("ul");
    for (const e of ranking.excluded) {
      const li = document.createElement("li");
      li.textContent = `${e.provider}: ${e.message}`;
      ul.append(li);
    }
    excluded.append(h, ul);
  }
}

function svg(name, attrs, text) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Horizontal bars of total cost % per offer, with the 3% and 5% lines. */
function showChart(ranking) {
  const chart = $("chart");
  chart.replaceChildren();
  const rows = ranking.ranked;
  const left = 190, right = 80, top = 28, bar = 22, gap = 10, width = 720;
  const height = top + rows.length * (bar + gap) + 24;
  // The scale is for drawing only: the exact figures are in the table and the labels.
  const pcts = rows.map((r) => Number(r.cost.total_cost_pct));
  const max = Math.max(6, ...pcts) * 1.05;
  const x = (pct) => left + (Math.max(pct, 0) / max) * (width - left - right);
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  // The target lines first, so that the bars and their labels are drawn over them.
  for (const t of TARGETS) {
    const tx = x(t.pct);
    chart.append(
      svg("line", { class: "target", x1: tx, x2: tx, y1: top - 8, y2: height - 20 }),
      svg("text", { x: tx, y: top - 12, "text-anchor": "middle" }, t.label),
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * (bar + gap);
    const pct = pcts[i];
    const cls = pct > 5 ? "bar above5" : pct > 3 ? "bar above3" : "bar";
    chart.append(
      svg("text", { x: left - 8, y: y + bar * 0.7, "text-anchor": "end" }, r.provider),
      svg("rect", { class: cls, x: left, y, width: Math.max(x(pct) - left, 1), height: bar }),
      svg("text", { x: x(pct) + 6, y: y + bar * 0.7 }, `${r.cost.total_cost_pct}%`),
    );
  });
}

function showError(err) {
  const box = $("error");
  // A RemitError carries core's stable code; a TypeError is a value of the wrong type.
  box.textContent =
    err && err.name === "RemitError" ? `${err.message} (${err.code})` : String(err?.message ?? err);
  box.hidden = false;
}

function compare(event) {
  event?.preventDefault();
  $("error").hidden = true;
  const c = corridor();
  const target = mode();
  try {
    const amount = parseDecimal($("amount").value);
    const ranking = rankOffers(offers(c), { [target]: amount });
    showTable(c, ranking, amount);
    showChart(ranking);
    $("results").hidden = false;
    $("status").textContent = `${ranking.ranked.length} offers ranked for ${c.label}.`;
  } catch (err) {
    $("results").hidden = true;
    $("status").textContent = "";
    showError(err);
  }
}

function syncCurrency() {
  const c = corridor();
  $("amount-currency").textContent = mode() === "send" ? c.send_currency : c.receive_currency;
}

async function main() {
  const [, tariffs] = await Promise.all([
    init(),
    fetch(new URL("tariffs.json", import.meta.url)).then((r) => r.json()),
  ]);
  corridors = tariffs.corridors;
  for (const c of corridors) $("corridor").append(new Option(c.label, c.id));
  $("amount").value = corridors[0].default_amount;
  $("corridor").addEventListener("change", () => {
    if (mode() === "send") $("amount").value = corridor().default_amount;
    syncCurrency();
  });
  for (const r of document.querySelectorAll('input[name="mode"]')) {
    r.addEventListener("change", syncCurrency);
  }
  $("compare").addEventListener("submit", compare);
  syncCurrency();
  $("submit").disabled = false;
  compare();
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  $("status").textContent = "";
  showError(err);
});
