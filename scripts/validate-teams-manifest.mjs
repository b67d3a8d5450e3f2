// Validates a Teams app manifest against Microsoft's JSON schema for the version its "$schema" names, with the
// schemas bundled in @microsoft/app-manifest. Prints every failure and exits 1 if there is any.
//   node scripts/validate-teams-manifest.mjs path/to/manifest.json
import { readFileSync } from "node:fs";
import { AppManifestUtils } from "@microsoft/app-manifest";

const path = process.argv[2];
if (!path) {
  console.error("Aufruf: node scripts/validate-teams-manifest.mjs <manifest.json>");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));

// The package falls back to downloading a schema it does not bundle; CI has no such network, and a check that
// depends on it would pass or fail by accident.
globalThis.fetch = async (url) => {
  throw new Error(`Schema nicht in @microsoft/app-manifest enthalten: ${url}`);
};

const failures = await AppManifestUtils.validateAgainstSchema(manifest);
for (const failure of failures) console.log(failure);
console.log(`Teams-Manifest ${manifest.manifestVersion} (${manifest.$schema}): ${failures.length} Fehler`);
process.exitCode = failures.length === 0 ? 0 : 1;
