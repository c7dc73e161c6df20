// The comparator page: sample tariffs (tariffs.json) ranked by the remitcost WebAssembly module
// (the `web` target of the npm package, loaded as an ES module: no bundler, no Node.js).
// Every figure is a decimal string computed by the module; this file builds the offers from the
// tariff file, reads the amount typed, and shows the figures the reader's way through the
// platform's `Intl` (no locale tables here or in the module). Each figure's cell keeps core's
// exact string in `data-value`.
import init, { parseDecimal, rankOffers } from "../../bindings-wasm/pkg-web/remitcost.js";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
/** The UN SDG 10.c target and the G20 target for the cost of a remittance, in percent. */
const TARGETS = [3, 5];
/** The page's languages and the locale each formats figures in. */
const LOCALES = { fr: "fr-FR", en: "en-GB" };

/** The page's words (the only text here: numbers and dates come from `Intl`). */
const TEXT = {
  fr: {
    title: "Comparateur de prix des transferts d’argent (démo remitcost)",
    heading: "Comparateur de prix des transferts d’argent",
    notice:
      "Tarifs d’exemple : les prestataires sont fictifs, les prix et les taux sont inventés. Chaque montant est calculé exactement dans votre navigateur par le module WebAssembly remitcost.",
    corridor: "Corridor",
    mode: "Le montant est",
    "mode-send": "ce que j’envoie",
    "mode-receive": "ce que le bénéficiaire doit recevoir",
    "mode-total": "ce que je paie au total, frais compris",
    amount: "Montant en",
    "amount-help": "Par exemple 200, 200,50 ou 1 000.",
    payout: "Réception",
    funding: "Paiement",
    any: "Toutes",
    "any-speed": "Tous",
    cash_pickup: "Retrait en espèces",
    bank_account: "Compte bancaire",
    mobile_wallet: "Portefeuille mobile",
    home_delivery: "Livraison à domicile",
    cash: "Espèces",
    card: "Carte",
    "max-speed": "Délai maximum",
    less_than_one_hour: "Moins d’une heure",
    same_day: "Le jour même",
    next_day: "Le lendemain",
    two_to_five_days: "2 à 5 jours",
    more_than_five_days: "Plus de 5 jours",
    order: "Trier par",
    "order-cheapest": "Le moins cher",
    "order-total-cost": "Coût total (%)",
    "order-received": "Montant reçu",
    "order-speed": "Rapidité",
    submit: "Comparer les offres",
    loading: "Chargement du module WebAssembly…",
    results: "Offres classées",
    "col-rank": "Rang",
    "col-provider": "Prestataire",
    "col-payout": "Réception",
    "col-fee": "Frais",
    "col-rate": "Taux proposé",
    "col-mid": "Taux de référence",
    "col-margin": "Marge de change",
    "col-total": "Coût total",
    "col-paid": "Vous payez",
    "col-gets": "Le bénéficiaire reçoit",
    "col-speed": "Délai",
    "col-age": "Prix relevé",
    "col-saving": "Économie sur la plus chère",
    "col-extra": "Reçu en plus que la moins bonne",
    "chart-title": "Coût total par offre, face aux objectifs de 3 % et 5 %",
    "chart-desc":
      "Coût total en pourcentage du montant envoyé. Les lignes pointillées sont l’objectif de développement durable des Nations unies (3 %) et l’objectif du G20 (5 %).",
    footer:
      "La marge de change est mesurée par rapport au taux de référence (taux moyen du marché) indiqué pour chaque corridor ; coût total = frais + marge de change, comme dans la base Remittance Prices Worldwide de la Banque mondiale.",
    transfer: "transfert",
    tax: "taxes",
    receiving: "frais de réception",
    target: (pct) => `objectif ${pct}`,
    caption: {
      send: (c, a) => `${c} : envoi de ${a}, du moins cher au plus cher.`,
      receive: (c, a) => `${c} : le bénéficiaire reçoit au moins ${a}, du moins cher au plus cher.`,
      total: (c, a) => `${c} : ${a} payés au total, frais compris.`,
    },
    "vs-mean": (mean) => `${mean} face à la moyenne`,
    ranked: (n, c) => `${n} offres classées pour ${c}.`,
    filtered: (n) => ` ${n} offre(s) masquée(s) par vos filtres.`,
    excluded: "Indisponible pour ce montant",
    invalid: "Montant illisible",
  },
  en: {
    title: "Remittance price comparator (remitcost demo)",
    heading: "Remittance price comparator",
    notice:
      "Illustrative sample tariffs: the providers are made up and the prices and rates are invented. Every figure is computed exactly in your browser by the remitcost WebAssembly module.",
    corridor: "Corridor",
    mode: "The amount is",
    "mode-send": "what I send",
    "mode-receive": "what the recipient must get",
    "mode-total": "what I pay in total, fees included",
    amount: "Amount in",
    "amount-help": "For example 200, 200.50 or 1,000.",
    payout: "Paid out as",
    funding: "Paid with",
    any: "Any",
    "any-speed": "Any",
    cash_pickup: "Cash pick-up",
    bank_account: "Bank account",
    mobile_wallet: "Mobile wallet",
    home_delivery: "Home delivery",
    cash: "Cash",
    card: "Card",
    "max-speed": "Arrives within",
    less_than_one_hour: "Less than one hour",
    same_day: "Same day",
    next_day: "Next day",
    two_to_five_days: "2 to 5 days",
    more_than_five_days: "More than 5 days",
    order: "Sort by",
    "order-cheapest": "Cheapest",
    "order-total-cost": "Total cost (%)",
    "order-received": "Amount received",
    "order-speed": "Speed",
    submit: "Compare offers",
    loading: "Loading the WebAssembly module…",
    results: "Offers ranked",
    "col-rank": "Rank",
    "col-provider": "Provider",
    "col-payout": "Paid out as",
    "col-fee": "Fee",
    "col-rate": "Rate offered",
    "col-mid": "Reference rate",
    "col-margin": "Exchange margin",
    "col-total": "Total cost",
    "col-paid": "You pay",
    "col-gets": "Recipient gets",
    "col-speed": "Speed",
    "col-age": "Price collected",
    "col-saving": "Saving on the dearest",
    "col-extra": "Received more than the worst",
    "chart-title": "Total cost per offer, against the 3% and 5% targets",
    "chart-desc":
      "Total cost as a percentage of the amount sent. The dashed lines are the UN Sustainable Development Goal target (3%) and the G20 target (5%).",
    footer:
      "Exchange margin is measured against the reference (mid-market) rate stated for each corridor; total cost = fees + exchange margin, as in the World Bank's Remittance Prices Worldwide.",
    transfer: "transfer",
    tax: "tax",
    receiving: "receiving fee",
    target: (pct) => `${pct} target`,
    caption: {
      send: (c, a) => `${c}: sending ${a}, cheapest first.`,
      receive: (c, a) => `${c}: the recipient gets at least ${a}, cheapest first.`,
      total: (c, a) => `${c}: ${a} paid in total, fees included.`,
    },
    "vs-mean": (mean) => `${mean} vs the average`,
    ranked: (n, c) => `${n} offers ranked for ${c}.`,
    filtered: (n) => ` ${n} offer(s) hidden by your filters.`,
    excluded: "Not available for this amount",
    invalid: "Unreadable amount",
  },
};

let corridors = [];
let lang = "fr";
const t = (key) => TEXT[lang][key];
const locale = () => LOCALES[lang];

/** The digits after the point of a decimal string: the scale core gave it. */
const scale = (value) => (value.split(".")[1] ?? "").length;

/**
 * A decimal string formatted for the reader, exactly: `Intl.NumberFormat` formats a string as
 * the decimal it spells (no binary float in between), at the scale core gave it.
 */
function number(value, options = {}) {
  const digits = scale(value);
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    ...options,
  }).format(value);
}
const money = (value, currency) => number(value, { style: "currency", currency });
const percent = (value) => number(value, { style: "unit", unit: "percent" });

/**
 * The amount typed, the reader's way or the other (`200,50`, `200.50`, `1 000`, `1,000`), as a
 * decimal string for core: spaces and apostrophes group digits; with both marks the last one
 * is the decimal mark; a lone mark followed by groups of three digits groups them unless it is
 * the reader's decimal mark (`1,000` is a thousand in English, one in French). Core's
 * `parseDecimal` decides what is a number.
 */
export function readAmount(text, loc) {
  const parts = new Intl.NumberFormat(loc).formatToParts(1.5);
  const decimalMark = parts.find((p) => p.type === "decimal")?.value ?? ".";
  let s = text.trim().replace(/[\s'’]/g, "");
  const last = Math.max(s.lastIndexOf(","), s.lastIndexOf("."));
  if (s.includes(",") && s.includes(".")) {
    const mark = s[last];
    s = s.split(mark === "," ? "." : ",").join("").replace(mark, ".");
  } else if (last >= 0) {
    const mark = s[last];
    const grouped = new RegExp(`^[+-]?\\d{1,3}(\\${mark}\\d{3})+$`).test(s);
    s = grouped && mark !== decimalMark ? s.split(mark).join("") : s.replace(mark, ".");
  }
  return parseDecimal(s);
}

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

/** The visitor's choices, as core's `RankOptions`; `?now=` (seconds) fixes the clock. */
function choices() {
  const pick = (id) => $(id).value || null;
  const fixed = new URLSearchParams(location.search).get("now");
  return {
    payout: pick("payout"),
    funding: pick("funding"),
    max_speed: pick("max-speed"),
    order: $("order").value,
    now: fixed === null ? Math.floor(Date.now() / 1000) : Number(fixed),
  };
}

/** A table cell: text, and core's exact figure in `data-value` when it shows one. */
function cell(row, text, opts = {}) {
  const td = document.createElement(opts.header ? "th" : "td");
  if (opts.header) td.scope = "row";
  if (opts.num) td.className = "num";
  if (opts.value !== undefined) td.dataset.value = opts.value;
  td.textContent = text;
  if (opts.detail) {
    const small = document.createElement("small");
    small.textContent = opts.detail;
    td.append(small);
  }
  row.append(td);
  return td;
}

/** How old a quote is, in the reader's words, and when it was collected: [age, time]. */
function age(r) {
  if (r.collected_at === null) return ["", undefined];
  const at = new Intl.DateTimeFormat(locale(), { dateStyle: "short", timeStyle: "short", timeZone: "UTC" })
    .format(new Date(r.collected_at * 1000));
  if (r.quote_age === null) return [`${at} UTC`, undefined];
  const rel = new Intl.RelativeTimeFormat(locale(), { numeric: "auto" });
  const minutes = Math.round(r.quote_age / 60);
  const ago = minutes < 60 ? rel.format(-minutes, "minute") : rel.format(-Math.round(minutes / 60), "hour");
  return [ago, `${at} UTC`];
}

/** The fee's parts, when it has more than the transfer fee. */
function feeParts(k) {
  const parts = [[t("transfer"), k.transfer_fee], [t("tax"), k.tax], [t("receiving"), k.receiving_fee]]
    .filter(([, v], i) => i === 0 || Number(v) !== 0);
  if (parts.length === 1) return undefined;
  return parts.map(([name, v]) => `${name} ${money(v, k.send_currency)}`).join(" + ");
}

function showTable(c, ranking, amount, target) {
  const body = $("ranking").tBodies[0];
  body.replaceChildren();
  // With a budget the saving is what arrives more (in the receive currency).
  document.querySelector('[data-i18n="col-saving"]').textContent =
    t(target === "total" ? "col-extra" : "col-saving");
  for (const r of ranking.ranked) {
    const k = r.cost;
    const s = r.savings;
    const tr = document.createElement("tr");
    tr.dataset.provider = r.provider;
    cell(tr, String(r.rank), { num: true });
    cell(tr, r.provider, { header: true, detail: r.firm_type ?? undefined });
    cell(tr, r.payout ? t(r.payout) ?? r.payout : "", { detail: r.funding ? t(r.funding) ?? r.funding : undefined });
    cell(tr, money(k.fee, k.send_currency), { num: true, value: k.fee, detail: feeParts(k) });
    cell(tr, r.offered_rate ? number(r.offered_rate.value) : "", { num: true, value: r.offered_rate?.value });
    cell(tr, r.mid_rate ? number(r.mid_rate.value) : "", { num: true, value: r.mid_rate?.value });
    cell(tr, percent(k.fx_margin_pct), {
      num: true,
      value: k.fx_margin_pct,
      detail: money(k.fx_cost, k.send_currency),
    }).dataset.money = k.fx_cost;
    cell(tr, money(k.total_cost, k.send_currency), {
      num: true,
      value: k.total_cost,
      detail: percent(k.total_cost_pct),
    }).dataset.pct = k.total_cost_pct;
    cell(tr, money(k.total_paid, k.send_currency), { num: true, value: k.total_paid });
    cell(tr, money(k.recipient_gets, k.receive_currency), { num: true, value: k.recipient_gets });
    cell(tr, r.speed_category ? t(r.speed_category) : r.speed ?? "");
    const [ago, at] = age(r);
    cell(tr, ago, { value: r.quote_age === null ? undefined : String(r.quote_age), detail: at });
    cell(tr, money(s.vs_dearest, s.currency), {
      num: true,
      value: s.vs_dearest,
      detail: t("vs-mean")(money(s.vs_mean, s.currency)),
    }).dataset.mean = s.vs_mean;
    body.append(tr);
  }
  const shown = target === "receive" ? money(amount, c.receive_currency) : money(amount, c.send_currency);
  $("ranking-caption").textContent = t("caption")[target](c.label[lang], shown);

  const excluded = $("excluded");
  excluded.replaceChildren();
  if (ranking.excluded.length) {
    const h = document.createElement("h3");
    h.textContent = t("excluded");
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
  const left = 210, right = 90, top = 28, bar = 22, gap = 10, width = 720;
  const height = top + rows.length * (bar + gap) + 24;
  // The scale is for drawing only: the exact figures are in the table and the labels.
  const pcts = rows.map((r) => Number(r.cost.total_cost_pct));
  const max = Math.max(6, ...pcts) * 1.05;
  const x = (pct) => left + (Math.max(pct, 0) / max) * (width - left - right);
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  // The target lines first, so that the bars and their labels are drawn over them.
  for (const pct of TARGETS) {
    const tx = x(pct);
    chart.append(
      svg("line", { class: "target", x1: tx, x2: tx, y1: top - 8, y2: height - 20 }),
      svg("text", { x: tx, y: top - 12, "text-anchor": "middle" }, t("target")(percent(String(pct)))),
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * (bar + gap);
    const pct = pcts[i];
    const cls = pct > 5 ? "bar above5" : pct > 3 ? "bar above3" : "bar";
    chart.append(
      svg("text", { x: left - 8, y: y + bar * 0.7, "text-anchor": "end" }, r.provider),
      svg("rect", { class: cls, x: left, y, width: Math.max(x(pct) - left, 1), height: bar }),
      svg("text", { x: x(pct) + 6, y: y + bar * 0.7 }, percent(r.cost.total_cost_pct)),
    );
  });
}

function showError(err) {
  const box = $("error");
  // A RemitError carries core's stable code; a TypeError is a value of the wrong type.
  box.textContent =
    err && err.name === "RemitError"
      ? `${err.code === "invalid_decimal" ? t("invalid") + " — " : ""}${err.message} (${err.code})`
      : String(err?.message ?? err);
  box.hidden = false;
}

function compare(event) {
  event?.preventDefault();
  $("error").hidden = true;
  const c = corridor();
  const target = mode();
  try {
    const amount = readAmount($("amount").value, locale());
    const ranking = rankOffers(offers(c), { [target]: amount }, null, choices());
    showTable(c, ranking, amount, target);
    showChart(ranking);
    $("results").hidden = false;
    const hidden = ranking.filtered.length ? t("filtered")(ranking.filtered.length) : "";
    $("status").textContent = t("ranked")(ranking.ranked.length, c.label[lang]) + hidden;
  } catch (err) {
    $("results").hidden = true;
    $("status").textContent = "";
    showError(err);
  }
}

function syncCurrency() {
  const c = corridor();
  $("amount-currency").textContent = mode() === "receive" ? c.receive_currency : c.send_currency;
}

/** Puts the page in `next` language: its words, the corridor names, then the figures again. */
function setLanguage(next, rerun) {
  lang = next;
  document.documentElement.lang = next;
  $("lang").value = next;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const text = TEXT[next][el.dataset.i18n];
    if (el.tagName === "TITLE") document.title = text;
    else el.textContent = text;
  }
  for (const option of $("corridor").options) {
    option.textContent = corridors.find((c) => c.id === option.value).label[next];
  }
  if (rerun) compare();
}

async function main() {
  const [, tariffs] = await Promise.all([
    init(),
    fetch(new URL("tariffs.json", import.meta.url)).then((r) => r.json()),
  ]);
  corridors = tariffs.corridors;
  for (const c of corridors) $("corridor").append(new Option(c.label.fr, c.id));
  $("amount").value = corridors[0].default_amount;
  $("corridor").addEventListener("change", () => {
    if (mode() !== "receive") $("amount").value = corridor().default_amount;
    syncCurrency();
  });
  for (const r of document.querySelectorAll('input[name="mode"]')) {
    r.addEventListener("change", syncCurrency);
  }
  $("lang").addEventListener("change", () => setLanguage($("lang").value, true));
  $("compare").addEventListener("submit", compare);
  // French by default (the corridors listed first leave France); `?lang=en` asks for English.
  setLanguage(new URLSearchParams(location.search).get("lang") === "en" ? "en" : "fr", false);
  syncCurrency();
  $("submit").disabled = false;
  compare();
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  $("status").textContent = "";
  showError(err);
});
