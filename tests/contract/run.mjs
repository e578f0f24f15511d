// The contract tier: Microsoft's generated Azure SDKs for JavaScript (pinned by package-lock.json)
// against our fakes and our binary. See README.md.
//
//   node tests/contract/run.mjs --binary build/bin/kubectl-azureml \
//        --fake-azure build/bin/fake-azure --fake-kube build/bin/fake-kube [--source-dir .]
//
// Exits 0 when both jobs pass, 1 when anything failed (each failure printed with its reason),
// 2 on usage errors or when node_modules is missing or not installed from this package-lock.json.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { localEnvironment, runNode } from "./lib/processes.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    binary: { type: "string" }, "fake-azure": { type: "string" }, "fake-kube": { type: "string" },
    "source-dir": { type: "string", default: path.resolve(here, "../..") }, verbose: { type: "boolean" },
  },
});
for (const name of ["binary", "fake-azure", "fake-kube"]) {
  if (!values[name]) {
    console.error("usage: node run.mjs --binary KUBECTL_AZUREML --fake-azure FAKE_AZURE --fake-kube FAKE_KUBE [--source-dir DIR]");
    process.exit(2);
  }
  if (!existsSync(values[name])) {
    console.error(`contract: ${values[name]} does not exist (build it first: scripts/build)`);
    process.exit(2);
  }
}

// node_modules must hold what `npm ci` installs from package-lock.json (scripts/install-deps
// runs it): every locked package at its locked version.
const fix = `run 'npm ci' in ${here} (scripts/install-deps does it)`;
if (!existsSync(path.join(here, "node_modules"))) {
  console.error(`contract: ${path.join(here, "node_modules")} is missing: ${fix}`);
  process.exit(2);
}
const locked = JSON.parse(readFileSync(path.join(here, "package-lock.json"), "utf8")).packages;
for (const [where, item] of Object.entries(locked)) {
  if (!where || item.dev || item.optional) continue;
  const manifest = path.join(here, where, "package.json");
  const installed = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).version : "missing";
  if (installed !== item.version) {
    console.error(`contract: node_modules is not what package-lock.json pins (${where} is ${installed}, the lock says ${item.version}): ${fix}`);
    process.exit(2);
  }
}

const { coverage, coverageTable } = await import("./lib/api_versions.mjs");
const env = localEnvironment();
const source = path.resolve(values["source-dir"]);
let failed = false;

console.log("contract: api-versions (core/arm/api_versions.h) and the pinned SDK packages");
console.log(coverageTable(coverage(path.join(source, "core/arm/api_versions.h"))));

console.log("contract: job 1, the SDK clients against fake-azure");
const first = await runNode(path.join(here, "sdk_against_fake.mjs"),
  ["--fake-azure", values["fake-azure"], "--source-dir", source], env);
failed ||= first !== 0;

console.log("contract: job 2, our binary's requests through the SDK models");
const second = await runNode(path.join(here, "requests_through_models.mjs"),
  ["--binary", values.binary, "--fake-azure", values["fake-azure"], "--fake-kube", values["fake-kube"], "--source-dir", source,
    ...(values.verbose ? ["--verbose"] : [])], env);
failed ||= second !== 0;

console.log(failed ? "contract: FAILED (the lines marked FAIL above say why)" : "contract: passed");
process.exit(failed ? 1 : 0);
