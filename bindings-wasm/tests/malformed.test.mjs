// The malformed-input corpus (testdata/malformed/cases.json) through the npm package's Node
// build: each case gives its documented RemitError code or output, the same as the Rust and
// Python runners, and the module keeps working (the ordinary quote is priced after every case
// and at the end). The operations the JS package cannot run are listed in cases.mjs
// (NOT_EXPOSED, with the reason) and asserted exactly: nothing is skipped silently.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  RUNNERS, NOT_EXPOSED, malformedCases, runCase, compare, canonical, priceOrdinaryQuote,
} from "./cases.mjs";

const CASES = malformedCases();
const skipped = new Map(); // operation -> case count

test("the corpus has its cases", () => assert.ok(CASES.length >= 100, `${CASES.length} cases`));

for (const c of CASES) {
  if (!RUNNERS[c.operation]) {
    skipped.set(c.operation, (skipped.get(c.operation) ?? 0) + 1);
    test(`${c.name} (${c.category}, ${c.operation})`, { skip: NOT_EXPOSED[c.operation] ?? "no runner" }, () => {});
    continue;
  }
  test(`${c.name} (${c.category}, ${c.operation})`, () => {
    const got = runCase(c.operation, c.input);
    if (c.error !== undefined) {
      assert.deepEqual(got, { error: c.error }, `${c.name}: got ${JSON.stringify(got)}`);
    } else {
      assert.equal(got.error, undefined, `${c.name}: threw ${got.error}`);
      const failures = [];
      compare(c.name, c.expected, got.output, failures);
      assert.deepEqual(failures, []);
      canonical(got.output); // plain JSON data: no float, no function, no handle
    }
    priceOrdinaryQuote(); // the module still works after this case (error or not)
  });
}

test("only the operations the JS package cannot run are skipped", () => {
  // NOT_EXPOSED also lists operations that only vectors exercise (published).
  const inCorpus = Object.keys(NOT_EXPOSED).filter((op) => CASES.some((c) => c.operation === op));
  assert.deepEqual([...skipped.keys()].sort(), inCorpus.sort());
  for (const op of Object.keys(NOT_EXPOSED)) assert.equal(RUNNERS[op], undefined, op);
});

test("the module still works after the whole corpus", () => {
  for (const c of CASES) if (RUNNERS[c.operation]) runCase(c.operation, c.input);
  priceOrdinaryQuote();
});

test("canonical JSON: sorted keys, decimals as strings, floats refused", () => {
  assert.equal(canonical({ b: [1, "2.50", null], a: { d: true, c: undefined } }), '{"a":{"d":true},"b":[1,"2.50",null]}');
  assert.equal(canonical("é\n\u0000"), '"é\\n\\u0000"');
  assert.throws(() => canonical({ x: 1.5 }), TypeError);
});
