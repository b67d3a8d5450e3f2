// Prints one closing line over all test projects, read from their TRX files: "N passed, N failed, N skipped".
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "TestResults";
let passed = 0, failed = 0, skipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".trx"))) {
  const counters = readFileSync(join(dir, file), "utf8").match(/<Counters [^>]*>/);
  if (!counters) continue;
  const get = (name) => Number(counters[0].match(new RegExp(`${name}="(\\d+)"`))?.[1] ?? 0);
  passed += get("passed");
  failed += get("failed") + get("error") + get("timeout") + get("aborted");
  skipped += get("notExecuted");
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed + failed === 0) process.exitCode = 1;
