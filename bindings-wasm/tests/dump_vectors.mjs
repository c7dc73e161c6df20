// The JavaScript side of the cross-language consistency check (.ci/consistency.sh): every case
// of every file in testdata/vectors and of testdata/malformed/cases.json, through the npm
// package's Node build, one canonical JSON line per case: {"file","name","output"} (the
// operation's full output, keys sorted, decimals as the strings the module returns) or
// {"file","name","error"} (RemitError code), lines sorted by (file, name). A case of an
// operation the JS package cannot run (cases.mjs NOT_EXPOSED) is written as
// {"file","name","skipped": reason}; testdata/consistency/compare.py checks that list.
//
// Usage: node bindings-wasm/tests/dump_vectors.mjs OUT.jsonl   (stdout without a path)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { TESTDATA, RUNNERS, NOT_EXPOSED, runCase, canonical } from "./cases.mjs";

const files = readdirSync(TESTDATA + "vectors")
  .filter((f) => f.endsWith(".json"))
  .map((f) => `vectors/${f}`);
files.push("malformed/cases.json");

const lines = [];
for (const file of files) {
  const doc = JSON.parse(readFileSync(TESTDATA + file, "utf8"));
  for (const c of doc.cases) {
    const operation = c.operation ?? doc.operation;
    let fields;
    if (RUNNERS[operation]) fields = runCase(operation, c.input);
    else if (NOT_EXPOSED[operation]) fields = { skipped: NOT_EXPOSED[operation] };
    else throw new Error(`${file} ${c.name}: no runner for ${operation}`);
    lines.push({ key: [file, c.name], text: canonical({ file, name: c.name, ...fields }) });
  }
}
// By code point, as Rust and Python sort strings (names and paths are ASCII in practice).
const byCodePoint = (a, b) => {
  const x = [...a], y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
};
lines.sort((a, b) => byCodePoint(a.key[0], b.key[0]) || byCodePoint(a.key[1], b.key[1]));
const text = lines.map((l) => l.text + "\n").join("");
if (process.argv[2]) writeFileSync(process.argv[2], text);
else process.stdout.write(text);
