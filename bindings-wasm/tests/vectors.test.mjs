// Runs every JSON vector file in testdata/vectors (the files the Rust and Python suites run),
// dispatching on each file's "operation", with testdata/README.md's comparison rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RUNNERS, compare } from "./cases.mjs";

const VECTORS = fileURLToPath(new URL("../../testdata/vectors/", import.meta.url));

// Every vector operation has a runner in cases.mjs but those listed here (with their reason in
// cases.mjs NOT_EXPOSED). Kept explicit so that a new vector file with an operation nobody
// wired fails here instead of being skipped silently.
const NOT_EXPOSED = new Set(["published"]);

const files = readdirSync(VECTORS).filter((f) => f.endsWith(".json")).sort();
const skipped = new Set();

test("the vector folder has files", () => assert.ok(files.length >= 8, files.join(", ")));

for (const file of files) {
  const data = JSON.parse(readFileSync(VECTORS + file, "utf8"));
  const run = RUNNERS[data.operation];
  if (!run) {
    skipped.add(data.operation);
    test(`${file}: operation ${data.operation}`, { skip: `the JS API does not expose ${data.operation}` }, () => {});
    continue;
  }
  test(`${file} (${data.operation}, ${data.cases.length} cases)`, () => {
    assert.ok(data.cases.length > 0);
    const failures = [];
    for (const c of data.cases) {
      let out;
      try {
        out = run(c.input);
      } catch (err) {
        if (c.error === undefined) failures.push(`${c.name}: threw ${err.name} ${err.code}: ${err.message}`);
        else if (err.name !== "RemitError" || err.code !== c.error)
          failures.push(`${c.name}: expected RemitError ${c.error}, got ${err.name} ${err.code}: ${err.message}`);
        continue;
      }
      if (c.error !== undefined) failures.push(`${c.name}: expected error ${c.error}, got ${JSON.stringify(out)}`);
      else compare(c.name, c.expected, out, failures);
    }
    assert.deepEqual(failures, []);
  });
}

test("only the operations the JS API deliberately leaves out are skipped", () => {
  assert.deepEqual([...skipped].sort(), [...NOT_EXPOSED].sort());
});

test("the comparison rule itself", () => {
  const f = [];
  compare("a", { x: "2", y: null, z: ["1"] }, { x: 2, y: undefined, z: [1], extra: 5 }, f);
  assert.deepEqual(f, []);
  compare("b", { x: "2.00" }, { x: "2" }, f);
  compare("c", { y: null }, { y: "0" }, f);
  compare("d", { z: ["1"] }, { z: ["1", "2"] }, f);
  compare("e", { w: "1" }, {}, f);
  compare("g", { v: "1" }, { v: null }, f);
  assert.equal(f.length, 5, f.join("\n"));
});
