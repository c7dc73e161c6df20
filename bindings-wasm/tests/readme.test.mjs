// The README's JavaScript quick start runs as written (through the package's own name, as a
// user imports it) and prints what its comment says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = readme.slice(readme.indexOf("## JavaScript"));
const code = /```js\n([\s\S]*?)```/.exec(section)[1];

test("README JavaScript quick start", () => {
  assert.match(code, /from "remitcost"/);
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd: fileURLToPath(new URL("..", import.meta.url)), // inside the package: "remitcost" resolves to itself
    encoding: "utf8",
  });
  // Hand-checked: App 0.99 + 200 x (655.957-652)/655.957 = 2.19648 = 1.0982% of 200; Agent as in
  // the vector eur_xof_fixed_fee; Bank 12 + 200 x 15.957/655.957 = 16.8653 = 8.4326%;
  // 100000 XOF at 652: 153.38 EUR + 0.99 fee = 154.37. EUR 200 in all: App sends 200 - 0.99 =
  // 199.01, 199.01 x 652 = 129754.52 -> 129755 XOF; Agent 195.10 x 645 = 125839.5 -> 125840
  // (half-even); Bank 188 x 640 = 120320; what each gets more than the least.
  assert.equal(
    out,
    "1 App 1.0982 130400\n2 Agent 4.1204 129000\n3 Bank 8.4326 128000\n154.37\n199.01\n" +
      "App 129755 +9435 · Agent 125840 +5520 · Bank 120320 +0\n",
  );
  const comment = /\/\/ (1 App .*)/.exec(code)[1];
  assert.equal(comment.split(" · ").join("\n") + "\n", out.split("\n").slice(0, 3).join("\n") + "\n");
});
