// Job 2: our binary's requests through the official models. The real kubectl-azureml runs the
// online scenarios against fake-azure (and fake-kube where a verb reads the cluster); then every
// ARM request it sent (GET {fake}/_fake/requests) is matched to the SDK operation with the same
// method and path template, its query names checked against the operation's parameters, and its
// body put through the operation's request-body mapper: walked field by field, and deserialized
// and serialized again with @azure/core-client's createSerializer(Mappers). A field that does not
// survive (unknown name, wrong nesting, wrong type, read-only, null the model does not allow)
// fails, naming the field, the operation and the request; known-deviations.json lists the ones
// we know of, each with its reason, and an entry that no longer happens fails too.
//
//   node requests_through_models.mjs --binary B --fake-azure F --fake-kube K --source-dir S
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { coverage } from "./lib/api_versions.mjs";
import { ModelChecker } from "./lib/mapper_check.mjs";
import { fakeRequest, runBinary, startServer, stopAll, temporaryDirectory } from "./lib/processes.mjs";
import { PACKAGES, OperationMatcher, loadPackage, operationCatalog } from "./lib/sdk.mjs";
import { binarySeed, SUB, RG, WORKSPACE, AKS, UAI_ID } from "./lib/seeds.mjs";

const { values } = parseArgs({
  options: {
    binary: { type: "string" }, "fake-azure": { type: "string" }, "fake-kube": { type: "string" },
    "source-dir": { type: "string" }, verbose: { type: "boolean" },
  },
});
for (const name of ["binary", "fake-azure", "fake-kube", "source-dir"]) {
  if (!values[name]) {
    console.error("usage: node requests_through_models.mjs --binary B --fake-azure F --fake-kube K --source-dir S");
    process.exit(2);
  }
}
for (const name of ["binary", "fake-azure", "fake-kube"]) values[name] = path.resolve(values[name]);
const source = path.resolve(values["source-dir"]);
const here = path.dirname(fileURLToPath(import.meta.url));

// The provider namespaces the SDK set covers: a request there that no operation matches is a
// wrong path, not a gap in the set.
const COVERED = /\/providers\/(Microsoft\.MachineLearningServices|Microsoft\.KubernetesConfiguration|Microsoft\.Relay|Microsoft\.ServiceBus|Microsoft\.Authorization\/locks|Microsoft\.ContainerService|Microsoft\.Kubernetes)\b/i;
const POLL = /\/(operations|operationResults|operationStatuses)\/[^/]+$/i;

const W = ["-w", WORKSPACE, "-g", RG, "--subscription", SUB];
function scenarios(kubeconfig) {
  const K = ["--kubeconfig", kubeconfig];
  return [
    ["extension install (Arc, Relay and Service Bus)",
      ["extension", "install", ...K, "--config", "enableTraining=true", "--config", "servicebus.enabled=true"]],
    ["extension update (settings change)",
      ["extension", "update", ...K, "--config", "enableInference=true", "--config", "inferenceRouterServiceType=NodePort",
        "--config", "allowInsecureConnections=true"]],
    ["extension install (AKS)",
      ["extension", "install", "--cluster-type", "managedClusters", "--cluster-name", AKS, "-g", RG, "--subscription", SUB,
        "--kubeconfig", "/nonexistent/kubeconfig", "--config", "enableTraining=true"]],
    ["attach (no configuration)", ["attach", "arc-default", ...K, ...W]],
    ["attach with an identity, description and tags",
      ["attach", "arc-tagged", ...K, ...W, "--assign-identity", "[system]", "--description", "GPU pool",
        "--tags", "team=vision", "--skip-preflight"]],
    ["attach -f examples/attach-advanced.yaml",
      ["attach", "arc-advanced", ...K, ...W, "-f", path.join(source, "examples", "attach-advanced.yaml"), "--skip-preflight"]],
    ["compute create (AmlCompute)", ["compute", "create", "cpu", ...W, "--vm-size", "Standard_DS3_v2", "--max-nodes", "4"]],
    ["compute create --overwrite (scale and a user-assigned identity)",
      ["compute", "create", "cpu", ...W, "--vm-size", "Standard_DS3_v2", "--max-nodes", "6", "--min-nodes", "1",
        "--idle-seconds-before-scaledown", "300", "--assign-identity", UAI_ID, "--overwrite"]],
    ["compute create --overwrite (scale only: Compute_Update PATCH)",
      ["compute", "create", "cpu", ...W, "--vm-size", "Standard_DS3_v2", "--max-nodes", "8", "--min-nodes", "1",
        "--idle-seconds-before-scaledown", "300", "--overwrite"]],
    ["compute identity assign --system", ["compute", "identity", "assign", "cpu", ...W, "--system"]],
    ["compute identity remove --user-assigned", ["compute", "identity", "remove", "cpu", ...W, "--user-assigned", UAI_ID]],
    ["compute identity remove --system", ["compute", "identity", "remove", "cpu", ...W, "--system"]],
    ["detach", ["detach", "arc-default", ...W, "--yes"]],
    ["compute delete", ["compute", "delete", "cpu", ...W, "--yes"]],
    ["extension delete --delete-relay", ["extension", "delete", ...K, "--yes", "--delete-relay"]],
  ];
}

// The checks must find the faults of a body known to be wrong; if they find nothing, the models
// did not load (a changed SDK layout) and a clean result would mean nothing.
function canary(matcher, checkers) {
  const cases = [
    ["PUT", "/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w/computes/c",
      { location: "eastus", properties: { computeType: "AmlCompute", provisioningState: "Creating",
        properties: { vmSize: "x", scaleSettings: { maxNodeCount: "4" }, subnetId: "x" } } },
      ["properties.provisioningState", "properties.properties.scaleSettings.maxNodeCount", "properties.properties.subnetId"]],
    ["PATCH", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Kubernetes/connectedClusters/c/providers/Microsoft.KubernetesConfiguration/extensions/e",
      { properties: { configurationSettings: { a: null, b: 1 } }, configurationSettings: {} },
      ['properties.configurationSettings.a', "properties.configurationSettings.b", "configurationSettings"]],
  ];
  for (const [method, requestPath, body, expected] of cases) {
    const found = matcher.match(method, requestPath);
    if (!found) throw new Error(`canary: no SDK operation matches ${method} ${requestPath}`);
    const checker = checkers.get(found.entry.pkg);
    const mapper = found.entry.spec.requestBody.mapper;
    const paths = new Set([...checker.walk(mapper, body, "", "request"), ...checker.roundTrip(mapper, body).issues].map((i) => i.path));
    for (const p of expected)
      if (!paths.has(p)) throw new Error(`canary: ${found.entry.name} did not flag ${p} in ${JSON.stringify(body)} (found ${[...paths].join(", ")})`);
  }
}

const dir = temporaryDirectory("azureml-contract-");
let failures = 0;
const fail = (line) => {
  failures++;
  console.log(`  FAIL  ${line}`);
};

try {
  // The SDK operations, and one model checker per package.
  const matcher = new OperationMatcher();
  const checkers = new Map();
  for (const entry of PACKAGES) {
    const catalog = await operationCatalog(entry);
    matcher.add(entry, loadPackage(entry.pkg).version, catalog);
    checkers.set(entry.pkg, new ModelChecker(catalog[0].spec.serializer.modelMappers));
  }
  canary(matcher, checkers);
  const versions = new Map(coverage(path.join(source, "core/arm/api_versions.h")).map((r) => [r.pkg, r]));
  const known = JSON.parse(readFileSync(path.join(here, "known-deviations.json"), "utf8"));
  const seen = new Set();

  writeFileSync(path.join(dir, "seed.json"), JSON.stringify(binarySeed));
  const azure = await startServer(values["fake-azure"], ["--seed", path.join(dir, "seed.json")], "fake-azure");
  const kube = await startServer(values["fake-kube"],
    ["--fixture", path.join(source, "tests/fakes/fixtures/arc-cluster.yaml"), "--kubeconfig-out", path.join(dir, "kubeconfig")],
    "fake-kube");
  const url = azure.info.url;
  // Exactly what a signed-in CI job has (online_fixture.h): the fake's service principal, the
  // authority and ARM on the fake, no proxy, the managed identity probe on a refusing port.
  const env = {
    PATH: "/nonexistent", HOME: "/nonexistent",
    AZURE_TENANT_ID: "00000000-0000-0000-0000-0000000000aa", AZURE_CLIENT_ID: "11111111-1111-1111-1111-111111111111",
    AZURE_CLIENT_SECRET: "fakesecret", AZURE_AUTHORITY_HOST: url, AZUREML_ARM_ENDPOINT: url,
    AZURE_POD_IDENTITY_AUTHORITY_HOST: "http://127.0.0.1:9", AZURE_SUBSCRIPTION_ID: SUB, NO_PROXY: "127.0.0.1,localhost",
  };
  // Under scripts/sanitize, the sanitizers' options (where reports go) reach the binary too.
  for (const name of ["ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"]) if (process.env[name]) env[name] = process.env[name];

  const requests = [];  // {scenario, request}
  for (const [name, args] of scenarios(path.join(dir, "kubeconfig"))) {
    const run = await runBinary(values.binary, [...args, "-o", "json"], env, source);
    const recorded = (await fakeRequest(`${url}/_fake/requests`)).requests;
    await fakeRequest(`${url}/_fake/requests`, "DELETE");
    if (run.code !== 0) {
      fail(`scenario '${name}': kubectl-azureml ${args.join(" ")} exited ${run.code}:\n${run.err.trim()}`);
      continue;
    }
    console.log(`  ok    scenario ${name}`);
    for (const request of recorded) {
      if (request.path.startsWith("/subscriptions/") || request.path.startsWith("/providers/")) requests.push({ scenario: name, request });
    }
  }
  await kube.stop();
  await azure.stop();

  // Each request through its operation.
  const used = new Map();  // pkg -> Set of api-versions we sent
  let bodies = 0;
  const notCovered = new Set();
  const matched = new Map();  // "package operation" -> requests
  for (const { scenario, request } of requests) {
    const where = `${request.method} ${request.path} (${scenario})`;
    const found = matcher.match(request.method, request.path);
    if (!found) {
      if (POLL.test(request.path)) continue;  // a status URL the fake handed out
      if (COVERED.test(request.path)) fail(`no SDK operation has this method and path: ${where}`);
      else notCovered.add(`${request.method} ${request.path.replace(/\/subscriptions\/[^/]+/, "/subscriptions/{s}")}`);
      continue;
    }
    const { entry, pathValues } = found;
    const op = `${entry.pkg.replace("@azure/", "")} ${entry.name}`;
    matched.set(op, (matched.get(op) ?? 0) + 1);
    if (!used.has(entry.pkg)) used.set(entry.pkg, new Set());
    used.get(entry.pkg).add(request.query["api-version"]);
    const issues = [];
    // Query parameters: names the operation takes, values its types allow.
    const query = new Map((entry.spec.queryParameters ?? []).map((p) => [p.mapper.serializedName, p]));
    for (const [name, value] of Object.entries(request.query)) {
      const parameter = query.get(name);
      if (!parameter) {
        issues.push({ path: `?${name}`, kind: "query", message: `not a query parameter of the operation (it takes ${[...query.keys()].join(", ")})` });
        continue;
      }
      const type = parameter.mapper.type;
      if (type.name === "Enum" && !type.allowedValues.some((v) => String(v).toLowerCase() === value.toLowerCase()))
        issues.push({ path: `?${name}`, kind: "query", message: `${JSON.stringify(value)} is not one of ${JSON.stringify(type.allowedValues)}` });
      if (type.name === "Boolean" && value !== "true" && value !== "false")
        issues.push({ path: `?${name}`, kind: "query", message: `${JSON.stringify(value)} is not true or false` });
    }
    for (const parameter of query.values()) {
      if (parameter.mapper.required && !parameter.mapper.isConstant && request.query[parameter.mapper.serializedName] === undefined)
        issues.push({ path: `?${parameter.mapper.serializedName}`, kind: "query", message: "required by the operation, but missing" });
    }
    // Path parameters: enums and constraints of the operation's URL parameters.
    const checker = checkers.get(entry.pkg);
    for (const [name, value] of Object.entries(pathValues)) {
      const parameter = entry.params.get(name);
      if (!parameter || parameter.mapper.type.name === "Composite") continue;
      for (const issue of checker.walk(parameter.mapper, value, `{${name}}`, "request")) issues.push(issue);
    }
    // The body.
    const body = request.body ? JSON.parse(request.body) : undefined;
    const bodySpec = entry.spec.requestBody;
    if (body !== undefined && !bodySpec) {
      issues.push({ path: "(body)", kind: "body", message: "the operation takes no body" });
    } else if (bodySpec) {
      if (body === undefined) {
        if (bodySpec.mapper.required) issues.push({ path: "(body)", kind: "body", message: "the operation requires a body" });
      } else {
        bodies++;
        if (values.verbose) console.log(`  body  ${op} (${scenario}): ${request.body}`);
        issues.push(...checker.walk(bodySpec.mapper, body, "", "request"));
        const { issues: lost } = checker.roundTrip(bodySpec.mapper, body);
        // A field the walk already explained is named once.
        for (const issue of lost) if (!issues.some((i) => i.path === issue.path)) issues.push(issue);
      }
    }
    for (const issue of issues) {
      const deviation = known.find((k) => k.operation === entry.name && k.kind === issue.kind && new RegExp(`^${k.path}$`).test(issue.path));
      if (deviation) {
        seen.add(deviation);
        if (values.verbose) console.log(`  known ${op}: ${issue.path}: ${issue.message} [${deviation.reason}]`);
        continue;
      }
      fail(`${op}: ${issue.path || "(body)"}: ${issue.message}\n        request: ${where}`);
    }
  }
  for (const deviation of known) {
    if (!seen.has(deviation))
      fail(`known-deviations.json lists ${deviation.operation} ${deviation.kind} ${deviation.path}, which no request shows any more: remove it`);
  }
  console.log(`  ${requests.length} ARM requests sent, ${bodies} bodies put through the SDK models; operations:`);
  for (const [op, count] of [...matched].sort()) console.log(`    ${op} x${count}`);
  for (const line of notCovered) console.log(`  note  no package of the set covers ${line}`);
  console.log("  api-versions sent / spoken by the SDK:");
  for (const [pkg, sent] of used) {
    const row = versions.get(pkg);
    console.log(`    ${pkg.padEnd(36)} sent ${[...sent].join(",")}  SDK ${row.sdkApiVersion}${[...sent].includes(row.sdkApiVersion) ? "" : "  (checked against the SDK's version of the model)"}`);
  }
} catch (error) {
  fail(error.stack ?? String(error));
} finally {
  stopAll();
}
process.exit(failures ? 1 : 0);
