#!/usr/bin/env node
// Browser test of the comparator page (examples/web): serves the page and the built `web`
// package (bindings-wasm/pkg-web, from bindings-wasm/build.sh) on 127.0.0.1, drives Debian's
// headless chromium through playwright-core (a devDependency of bindings-wasm) in French and
// English through the three quote modes, a payout filter and amounts typed either way, checks
// every figure of the table against core's (the package's Node build, given the same offers)
// and a few formatted ones by hand, runs axe-core (zero violations in each language), and
// saves a screenshot per language.
//
//   node examples/web/test/comparator.mjs [output-dir]
//
// Output dir: the argument, else $CARGO_TARGET_DIR/web-test, else target/web-test. Chromium:
// $CHROMIUM, else /usr/bin/chromium. The whole run is bounded (90 s), then it fails.
import { createServer } from "node:http";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const outDir = resolve(
  process.argv[2] ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "web-test"),
);
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const require = createRequire(join(root, "bindings-wasm", "package.json"));
const { chromium } = require("playwright-core");
const AXE = require.resolve("axe-core/axe.min.js");
// Core's answers, from the package's Node build: what the page must show.
const core = require("./pkg-node/remitcost.js");
const tariffs = JSON.parse(readFileSync(join(root, "examples", "web", "tariffs.json"), "utf8"));
/** The clock the page is given (?now=): 2026-11-29T10:00:00Z. */
const NOW = 1795946400;

const deadline = setTimeout(() => {
  console.error("comparator test: timed out after 90 s");
  process.exit(1);
}, 90_000);
deadline.unref();

// --- a tiny static server: only the page and the built package, nothing else of the repo ---
const SERVED = ["examples/web/", "bindings-wasm/pkg-web/"];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).slice(1);
  const file = join(root, path);
  const allowed = SERVED.some((p) => path.startsWith(p)) && file.startsWith(root + sep);
  if (!allowed || !TYPES[extname(file)] || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)], "cache-control": "no-store" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});

/** The corridor's offers as the page builds them (the corridor gives currencies and mid rate). */
function offers(id) {
  const c = tariffs.corridors.find((x) => x.id === id);
  return c.offers.map((o) => ({
    send_currency: c.send_currency,
    receive_currency: c.receive_currency,
    mid_rate: c.mid_rate,
    ...o,
  }));
}

/** Spaces as ICU writes them (no-break, narrow no-break) as plain spaces. */
const plain = (s) => s.replace(/[\u00a0\u202f]/g, " ").trim();

/** The ranked table: per row, each cell's text and core's figures kept in its data attributes. */
async function table(page) {
  return page.$$eval("#ranking tbody tr", (rows) =>
    rows.map((tr) => ({
      provider: tr.dataset.provider,
      text: [...tr.cells].map((td) => td.textContent.trim()),
      value: [...tr.cells].map((td) => td.dataset.value ?? null),
      money: tr.cells[6].dataset.money,
      pct: tr.cells[7].dataset.pct,
      mean: tr.cells[12].dataset.mean,
    })),
  );
}

/** Fills the form and submits it; waits until the table shows this very request. */
async function compare(page, corridorId, mode, amount, filters = {}) {
  await page.selectOption("#corridor", corridorId);
  await page.check(`input[name="mode"][value="${mode}"]`);
  await page.fill("#amount", amount);
  await page.selectOption("#payout", filters.payout ?? "");
  await page.click("#submit");
}

/** Every figure of the page's table equals core's ranking for the same request. */
function sameAsCore(rows, ranking) {
  assert.deepEqual(rows.map((r) => r.provider), ranking.ranked.map((r) => r.provider));
  ranking.ranked.forEach((r, i) => {
    const row = rows[i];
    const k = r.cost;
    assert.equal(row.text[0], String(r.rank));
    assert.deepEqual(
      [row.value[3], row.value[4], row.value[5], row.value[6], row.money, row.value[7], row.pct],
      [k.fee, r.offered_rate?.value ?? null, r.mid_rate?.value ?? null, k.fx_margin_pct, k.fx_cost,
       k.total_cost, k.total_cost_pct],
      `${r.provider}: fee, rates, margin, total cost`,
    );
    assert.deepEqual(
      [row.value[8], row.value[9], row.value[11], row.value[12], row.mean],
      [k.total_paid, k.recipient_gets, r.quote_age === null ? null : String(r.quote_age),
       r.savings.vs_dearest, r.savings.vs_mean],
      `${r.provider}: paid, received, quote age, savings`,
    );
  });
}

/** axe-core on the page as it is: no violation of any rule. */
async function accessible(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => globalThis.axe.run(document));
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`);
  assert.deepEqual(found, [], `axe-core violations (${label})`);
  return result.passes.length;
}

const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (err) => failures.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") failures.push(`console error: ${msg.text()}`);
  });
  await page.goto(`${base}/examples/web/index.html?now=${NOW}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  const choices = (extra = {}) => ({ order: "cheapest", now: NOW, payout: null, ...extra });
  const rank = (id, target, extra) => core.rankOffers(offers(id), target, null, choices(extra));

  // French by default, the France -> Africa corridors first.
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.equal(plain(await page.textContent("h1")), "Comparateur de prix des transferts d’argent");
  const listed = await page.$$eval("#corridor option", (os) => os.map((o) => o.value));
  assert.deepEqual(listed.slice(0, 3), ["FRA-SEN", "FRA-CIV", "FRA-MAR"]);

  // Mode 1, amount sent: EUR 200 to Senegal. Hand-checked at mid 655.957 XOF/EUR:
  //   Sahel Digital   0.99 + 200*(655.957-648.5)/655.957 = 3.26362 -> 1.6318%
  //   Teranga Mobile  1.5% of 200 = 3.00 + 200*(655.957-650)/655.957 = 4.81627 -> 2.4081%
  //   Baobab Transfer 4.90 + 3.34076 = 8.24076 -> 4.1204% (testdata/vectors/cost.json,
  //                   eur_xof_fixed_fee), recipient gets 200*645 = 129000 XOF
  //   Banque Exemple  12 + 200*15.957/655.957 = 16.86526 -> 8.4326%
  await compare(page, "FRA-SEN", "send", "200");
  let rows = await table(page);
  sameAsCore(rows, rank("FRA-SEN", { send: "200" }));
  assert.deepEqual(rows.map((r) => r.provider), ["Sahel Digital", "Teranga Mobile", "Baobab Transfer", "Banque Exemple"]);
  const baobab = rows[2];
  assert.equal(baobab.pct, "4.1204");
  assert.equal(baobab.value[9], "129000");
  // The reader's way: French money and percentages, through Intl.
  assert.match(plain(baobab.text[3]), /^4,90 €/);
  assert.match(plain(baobab.text[6]), /^1,6704 %/);
  assert.match(plain(baobab.text[8]), /^204,90 €$/);
  assert.match(plain(baobab.text[9]), /^129 000/);
  assert.match(plain(baobab.text[4]), /^645$/);
  assert.match(plain(baobab.text[5]), /^655,957$/);
  // Collected 2026-11-29T08:00Z, two hours before the page's clock.
  assert.equal(baobab.value[11], "7200");
  assert.match(plain(baobab.text[11]), /il y a 2 heures/);
  // Sahel saves 16.87 - 3.26 = 13.61 against the bank.
  assert.equal(rows[0].value[12], "13.61");
  assert.equal(await page.locator("#chart rect").count(), 4);
  assert.equal(await page.locator("#chart line.target").count(), 2);
  await accessible(page, "fr");
  mkdirSync(outDir, { recursive: true });
  const shots = [join(outDir, "comparator-fr.png"), join(outDir, "comparator-en.png")];
  await page.screenshot({ path: shots[0], fullPage: true });

  // An amount typed the French way: 200,50 and 1 000.
  await compare(page, "FRA-SEN", "send", "200,50");
  await page.waitForFunction(() => document.querySelector("#ranking caption").textContent.includes("200,50"));
  sameAsCore(await table(page), rank("FRA-SEN", { send: "200.50" }));
  await compare(page, "FRA-SEN", "send", "1 000");
  await page.waitForFunction(() => /1\s000\s€/.test(document.querySelector("#ranking caption").textContent));
  sameAsCore(await table(page), rank("FRA-SEN", { send: "1000" }));

  // Mode 2, amount received: 100000 XOF. Baobab: 100000/645 = 155.0388 -> EUR 155.04, pays
  // 159.94 (testdata/vectors/send_for.json, eur_xof_on_top).
  await compare(page, "FRA-SEN", "receive", "100000");
  await page.waitForFunction(() => document.querySelector("#ranking caption").textContent.includes("reçoit"));
  rows = await table(page);
  sameAsCore(rows, rank("FRA-SEN", { receive: "100000" }));
  const b2 = rows.find((r) => r.provider === "Baobab Transfer");
  assert.deepEqual([b2.value[8], b2.value[9]], ["159.94", "100001"]);
  assert.equal((await page.textContent("#amount-currency")).trim(), "XOF");

  // Mode 3, total paid: EUR 200 in all (testdata/vectors/rank.json,
  // rank_fra_sen_total_budget_with_savings): Sahel sends 199.01 and 129058 XOF arrive.
  await compare(page, "FRA-SEN", "total", "200");
  await page.waitForFunction(() => document.querySelector("#ranking caption").textContent.includes("au total"));
  rows = await table(page);
  sameAsCore(rows, rank("FRA-SEN", { total: "200" }));
  assert.deepEqual(rows.map((r) => r.value[9]), ["129058", "128076", "125840", "120320"]);
  assert.deepEqual(rows.map((r) => r.value[8]), ["200.00", "200.00", "200.00", "200.00"]);
  assert.equal(rows[0].value[12], "8738");

  // The payout filter: mobile wallets only (Sahel and Teranga); the other two are hidden.
  await compare(page, "FRA-SEN", "total", "200", { payout: "mobile_wallet" });
  await page.waitForFunction(() => document.querySelectorAll("#ranking tbody tr").length === 2);
  rows = await table(page);
  sameAsCore(rows, rank("FRA-SEN", { total: "200" }, { payout: "mobile_wallet" }));
  assert.deepEqual(rows.map((r) => r.provider), ["Sahel Digital", "Teranga Mobile"]);
  assert.match(await page.textContent("#status"), /2 offre\(s\) masquée\(s\)/);

  // A bad amount is an error message (RemitError invalid_decimal), not a broken page ...
  await compare(page, "FRA-SEN", "send", "deux cents");
  await page.waitForSelector("#error:not([hidden])");
  assert.match(await page.textContent("#error"), /invalid_decimal/);
  assert.equal(await page.isHidden("#results"), true);
  // ... and the module still works afterwards (an error must not trap the instance).
  // An offer that cannot serve the amount is listed apart: Peso Pronto takes at most USD 2999,
  // and MXN 100000 needs about USD 5780 at 17.31.
  await compare(page, "USA-MEX", "receive", "100000");
  await page.waitForSelector("#error[hidden]", { state: "attached" });
  await page.waitForFunction(() => document.querySelector("#excluded li"));
  rows = await table(page);
  sameAsCore(rows, rank("USA-MEX", { receive: "100000" }));
  assert.ok(!rows.some((r) => r.provider === "Peso Pronto"));
  assert.match(await page.textContent("#excluded li"), /^Peso Pronto: no send amount delivers/);

  // English: the switch re-renders the words and the figures the English way.
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(plain(await page.textContent("h1")), "Remittance price comparator");
  await compare(page, "FRA-SEN", "send", "1,000");
  await page.waitForFunction(() => document.querySelector("#ranking caption").textContent.includes("sending €1,000,"));
  sameAsCore(await table(page), rank("FRA-SEN", { send: "1000" }));
  // A French-typed amount still reads in English: 200,50 is 200.50 (two decimals, no group).
  await compare(page, "FRA-SEN", "send", "200,50");
  await page.waitForFunction(() => document.querySelector("#ranking caption").textContent.includes("sending €200.50,"));
  sameAsCore(await table(page), rank("FRA-SEN", { send: "200.50" }));
  for (const [mode, amount, target] of [
    ["receive", "100000", { receive: "100000" }],
    ["total", "200", { total: "200" }],
  ]) {
    await compare(page, "FRA-SEN", mode, amount);
    await page.waitForFunction(
      (m) => document.querySelector("#ranking caption").textContent.includes(m),
      mode === "total" ? "paid in total" : "recipient gets",
    );
    sameAsCore(await table(page), rank("FRA-SEN", target));
  }
  await compare(page, "FRA-SEN", "send", "200");
  await page.waitForFunction(() => document.querySelector("#ranking caption").textContent.includes("sending €200,"));
  rows = await table(page);
  sameAsCore(rows, rank("FRA-SEN", { send: "200" }));
  assert.match(plain(rows[2].text[3]), /^€4\.90/);
  assert.match(plain(rows[2].text[6]), /^1\.6704%/);
  assert.match(plain(rows[2].text[11]), /2 hours ago/);
  await accessible(page, "en");
  await page.screenshot({ path: shots[1], fullPage: true });
  console.log(`screenshots: ${shots.join(", ")}`);
} catch (err) {
  failures.push(err.stack ?? String(err));
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.error(`comparator test failed:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("comparator test: ok (French and English; send, receive, total paid; payout filter; amounts typed either way; figures equal core's; axe-core clean)");
