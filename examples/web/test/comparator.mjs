#!/usr/bin/env node
// Browser test of the comparator page (examples/web): serves the page and the built `web`
// package (bindings-wasm/pkg-web, from bindings-wasm/build.sh) on 127.0.0.1, drives Debian's
// headless chromium through playwright-core (a devDependency of bindings-wasm), fills the form
// and checks the ranked table, then saves a screenshot.
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

/** The ranked table as text: one array of cell texts per row. */
async function table(page) {
  return page.$$eval("#ranking tbody tr", (rows) =>
    rows.map((tr) => [...tr.cells].map((td) => td.textContent.trim())),
  );
}

/** Submits the form and waits for the table to show the given corridor. */
async function compare(page, corridorId, mode, amount) {
  await page.selectOption("#corridor", corridorId);
  await page.check(`input[name="mode"][value="${mode}"]`);
  await page.fill("#amount", amount);
  await page.click("#submit");
}

const COL = { rank: 0, provider: 1, fee: 3, margin: 4, total: 5, pct: 6, paid: 7, gets: 8, speed: 9 };
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (err) => failures.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") failures.push(`console error: ${msg.text()}`);
  });
  await page.goto(`${base}/examples/web/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });

  // The page loaded the wasm module in the browser and ranked the first corridor on load.
  await compare(page, "FRA-SEN", "send", "200");
  let rows = await table(page);
  // Order by total cost %, hand-checked at mid 655.957 XOF/EUR:
  //   Sahel Digital   0.99 + 200*(655.957-648.5)/655.957 = 0.99 + 2.27362 = 3.26362 -> 1.6318%
  //   Teranga Mobile  1.5% of 200 = 3.00 + 200*(655.957-650)/655.957 = 4.81627 -> 2.4081%
  //   Baobab Transfer 4.90 + 3.34076 = 8.24076 -> 4.1204% (testdata/vectors/cost.json,
  //                   eur_xof_fixed_fee), recipient gets 200*645 = 129000 XOF
  //   Banque Exemple  12 + 200*15.957/655.957 = 16.86526 -> 8.4326%
  assert.deepEqual(
    rows.map((r) => r[COL.provider]),
    ["Sahel Digital", "Teranga Mobile", "Baobab Transfer", "Banque Exemple"],
  );
  assert.deepEqual(rows.map((r) => r[COL.rank]), ["1", "2", "3", "4"]);
  assert.equal(rows[3][COL.pct], "8.4326%");
  const sahel = rows[0];
  assert.equal(sahel[COL.fee], "EUR 0.99");
  assert.equal(sahel[COL.margin], "1.1368%");
  assert.equal(sahel[COL.total], "EUR 3.26");
  assert.equal(sahel[COL.pct], "1.6318%");
  assert.equal(sahel[COL.gets], "XOF 129700");
  assert.equal(sahel[COL.speed], "Same day");
  const baobab = rows[2];
  assert.equal(baobab[COL.fee], "EUR 4.90");
  assert.equal(baobab[COL.margin], "1.6704%");
  assert.equal(baobab[COL.total], "EUR 8.24");
  assert.equal(baobab[COL.pct], "4.1204%");
  assert.equal(baobab[COL.paid], "EUR 204.90");
  assert.equal(baobab[COL.gets], "XOF 129000");
  // One bar per offer, and the two target lines.
  assert.equal(await page.locator("#chart rect").count(), 4);
  assert.equal(await page.locator("#chart line.target").count(), 2);

  // Reverse: the recipient must get 100000 XOF; ranked by what the sender pays. Baobab:
  // 100000/645 = 155.0388 -> 155.04 EUR (155.03*645 = 99994.35 is short), pays 159.94
  // (testdata/vectors/send_for.json, eur_xof_on_top).
  await compare(page, "FRA-SEN", "receive", "100000");
  await page.waitForFunction(() =>
    document.querySelector("#ranking caption").textContent.includes("recipient gets"),
  );
  rows = await table(page);
  assert.equal(rows[2][COL.provider], "Baobab Transfer");
  assert.equal(rows[2][COL.paid], "EUR 159.94");
  assert.equal(rows[2][COL.gets], "XOF 100001");
  assert.equal((await page.textContent("#amount-currency")).trim(), "XOF");

  // A bad amount is an error message (RemitError invalid_decimal), not a broken page ...
  await compare(page, "FRA-SEN", "send", "1,000");
  await page.waitForSelector("#error:not([hidden])");
  const error = await page.textContent("#error");
  assert.match(error, /invalid_decimal/);
  assert.equal(await page.isHidden("#results"), true);
  // ... and the module still works afterwards (an error must not trap the instance).
  // GBP 500 to India: Chai Remit's tiered fee is the 250-1000 band's 1.99;
  // 500*(110-108.4)/110 = 7.27273 + 1.99 = 9.26273 -> 1.8525%.
  await compare(page, "GBR-IND", "send", "500");
  await page.waitForSelector("#error[hidden]", { state: "attached" });
  rows = await table(page);
  assert.deepEqual(
    rows.map((r) => r[COL.provider]),
    ["Rupee Wallet", "Chai Remit", "Post and Pay", "Thames Example Bank"],
  );
  assert.equal(rows[1][COL.fee], "GBP 1.99");
  assert.equal(rows[1][COL.pct], "1.8525%");

  // An offer that cannot serve the amount is listed apart, not ranked: Peso Pronto takes at
  // most USD 2999, and MXN 100000 needs about USD 5780 at 17.31.
  await compare(page, "USA-MEX", "receive", "100000");
  await page.waitForFunction(() => document.querySelector("#excluded li"));
  rows = await table(page);
  assert.equal(rows.length, 3);
  assert.ok(!rows.some((r) => r[COL.provider] === "Peso Pronto"));
  assert.match(await page.textContent("#excluded li"), /^Peso Pronto: no send amount delivers/);

  // The screenshot: France to Senegal, EUR 200, as a visitor first sees it.
  await compare(page, "FRA-SEN", "send", "200");
  mkdirSync(outDir, { recursive: true });
  const shot = join(outDir, "comparator.png");
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
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
console.log("comparator test: ok (ranking, reverse solve, error recovery, tiered fee, excluded offer)");
