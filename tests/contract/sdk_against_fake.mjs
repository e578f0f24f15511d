// Job 1: Microsoft's generated SDK clients against fake-azure. Each step runs the SDK operation
// one of our verbs stands for; the SDK's deserializers and LRO pollers must accept every answer,
// and every answer body is then checked field by field against the operation's response model.
//
//   node sdk_against_fake.mjs --fake-azure build/bin/fake-azure --source-dir .
// starts fake-azure --https on a free port with lib/seeds.mjs's sdkSeed, runs itself again with
// --url and NODE_EXTRA_CA_CERTS naming the fake's CA (Node reads it at start-up only), and stops
// the fake by its PID. Prints one line per step and problem; exits 1 when any failed.
// Answer checks: a wrong JSON type fails; a value outside an enum or a constraint fails when the
// SDK speaks our api-version (else it may be the versions' difference: a note); names the model
// lacks and nulls it does not allow are notes (real answers have both: the spec's own example
// Compute/get/KubernetesCompute.json answers "vcName": null).
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { localEnvironment, runNode, startServer, stopAll, temporaryDirectory } from "./lib/processes.mjs";
import { sdkSeed, SUB, LOCKED_SUB, RG, WORKSPACE, ARC, AKS, ARC_ID, UAI_ID } from "./lib/seeds.mjs";

const { values } = parseArgs({
  options: { url: { type: "string" }, "fake-azure": { type: "string" }, "source-dir": { type: "string" } },
});
if (!values["source-dir"] || (!values.url && !values["fake-azure"])) {
  console.error("usage: node sdk_against_fake.mjs --fake-azure FAKE_AZURE --source-dir SOURCE_DIR");
  process.exit(2);
}
const apiVersionsHeader = path.join(path.resolve(values["source-dir"]), "core/arm/api_versions.h");

if (!values.url) {
  // The parent: the fake, and this job again in a process that trusts the fake's CA.
  const dir = temporaryDirectory("azureml-contract-sdk-");
  let code = 1;
  try {
    writeFileSync(path.join(dir, "seed.json"), JSON.stringify(sdkSeed));
    const fake = await startServer(path.resolve(values["fake-azure"]), ["--https", "--seed", path.join(dir, "seed.json")], "fake-azure");
    try {
      code = await runNode(fileURLToPath(import.meta.url), ["--url", fake.info.url, "--source-dir", values["source-dir"]],
        localEnvironment({ NODE_EXTRA_CA_CERTS: fake.info.caFile }));
    } finally {
      await fake.stop();
    }
  } catch (error) {
    console.log(`  FAIL  ${error.message}`);
  } finally {
    stopAll();
  }
  process.exit(code);
}

const { coverage } = await import("./lib/api_versions.mjs");
const { ModelChecker } = await import("./lib/mapper_check.mjs");
const { PACKAGES, makeClient, operationCatalog, OperationMatcher, loadPackage } = await import("./lib/sdk.mjs");

const url = values.url;
const sameVersion = new Map(coverage(apiVersionsHeader).map((row) => [row.pkg, row.same]));

const exchanges = [];
const record = (exchange) => exchanges.push(exchange);
const byName = Object.fromEntries(PACKAGES.map((p) => [p.pkg.replace("@azure/arm-", ""), p]));
const client = (name, subscription = SUB) => makeClient(byName[name], url, subscription, record);

const ml = client("machinelearning");
const k8s = client("kubernetesconfiguration");
const relay = client("relay");
const bus = client("servicebus");
const locks = client("locks", LOCKED_SUB);
const aks = client("containerservice");
const arc = client("hybridkubernetes");

const fast = { updateIntervalInMs: 0 };
const all = async (iterator) => {
  const items = [];
  for await (const item of iterator) items.push(item);
  return items;
};
async function notFound(promise, what) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.statusCode, 404, `${what}: expected 404, got ${error.statusCode}: ${error.message}`);
    return;
  }
  assert.fail(`${what} is still there`);
}

const protectedSettings = {
  "relayserver.connectionString": "Endpoint=sb://x/;SharedAccessKeyName=azureml_rw;SharedAccessKey=secret",
  sslKeyPemFile: "-----BEGIN PRIVATE KEY-----",
};

// One extension's life on a cluster: create, get (protected settings: keys only), update, list, delete.
async function extensionLife(clusterRp, clusterResourceName, clusterName, options) {
  const args = [RG, clusterRp, clusterResourceName, clusterName];
  const created = await k8s.extensions.beginCreateAndWait(...args, "azureml", {
    ...(options.identity ? { identity: { type: "SystemAssigned" } } : {}),
    extensionType: "microsoft.azureml.kubernetes",
    releaseTrain: "stable",
    autoUpgradeMinorVersion: true,
    scope: { cluster: { releaseNamespace: "azureml" } },
    configurationSettings: { enableTraining: "True", "nodeSelector.pool": "cpu" },
    configurationProtectedSettings: protectedSettings,
  }, fast);
  assert.equal(created.provisioningState, "Succeeded", "create ends Succeeded");
  const got = await k8s.extensions.get(...args, "azureml");
  assert.deepEqual(got.configurationProtectedSettings, { "relayserver.connectionString": "", sslKeyPemFile: "" },
    "GET names the protected settings with empty values (azure-service-operator's notes on the RP)");
  assert.equal(got.scope?.cluster?.releaseNamespace, "azureml");
  if (options.identity) assert.ok(got.identity?.principalId, "the system-assigned identity has a principalId");
  else assert.ok(got.aksAssignedIdentity?.principalId, "an AKS extension reports aksAssignedIdentity");
  const updated = await k8s.extensions.beginUpdateAndWait(...args, "azureml",
    { configurationSettings: { enableInference: "True" } }, fast);
  assert.equal(updated.provisioningState, "Succeeded", "update ends Succeeded");
  assert.equal(updated.configurationSettings?.enableTraining, "True", "PATCH merges configurationSettings");
  assert.equal(updated.configurationSettings?.enableInference, "True", "PATCH adds the new setting");
  const listed = await all(k8s.extensions.list(...args));
  assert.ok(listed.some((e) => e.name === "azureml"), "list shows the extension");
  await k8s.extensions.beginDeleteAndWait(...args, "azureml", { ...fast, forceDelete: options.forceDelete });
  await notFound(k8s.extensions.get(...args, "azureml"), "the deleted extension");
}

const steps = [
  ["ML workspaces.get", async () => {
    const ws = await ml.workspaces.get(RG, WORKSPACE);
    assert.equal(ws.location, "eastus");
  }],
  ["ML computeOperations.beginCreateOrUpdateAndWait (Kubernetes)", async () => {
    const compute = await ml.computeOperations.beginCreateOrUpdateAndWait(RG, WORKSPACE, "k8s", {
      location: "eastus",
      properties: {
        computeType: "Kubernetes",
        resourceId: ARC_ID,
        properties: {
          namespace: "azureml",
          defaultInstanceType: "defaultinstancetype",
          instanceTypes: {
            defaultinstancetype: {
              resources: { requests: { cpu: "1", memory: "4Gi", "nvidia.com/gpu": "0" }, limits: { cpu: "1", memory: "4Gi", "nvidia.com/gpu": "0" } },
            },
            gpu: {
              nodeSelector: { accelerator: "nvidia" },
              resources: { requests: { cpu: "2", memory: "16Gi", "nvidia.com/gpu": "1" }, limits: { cpu: "2", memory: "16Gi", "nvidia.com/gpu": "1" } },
            },
          },
        },
      },
    }, fast);
    assert.equal(compute.properties.computeType, "Kubernetes");
    assert.equal(compute.properties.provisioningState, "Succeeded");
    assert.equal(compute.properties.properties.instanceTypes.gpu.nodeSelector.accelerator, "nvidia");
  }],
  ["ML computeOperations.get (Kubernetes)", async () => {
    const compute = await ml.computeOperations.get(RG, WORKSPACE, "k8s");
    assert.equal(compute.properties.resourceId, ARC_ID);
  }],
  ["ML computeOperations.beginCreateOrUpdateAndWait (AmlCompute with identity)", async () => {
    const compute = await ml.computeOperations.beginCreateOrUpdateAndWait(RG, WORKSPACE, "cpu", {
      location: "eastus",
      identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: { [UAI_ID]: {} } },
      properties: {
        computeType: "AmlCompute",
        properties: {
          vmSize: "STANDARD_DS3_V2",
          vmPriority: "Dedicated",
          scaleSettings: { maxNodeCount: 4, minNodeCount: 0, nodeIdleTimeBeforeScaleDown: "PT120S" },
        },
      },
    }, fast);
    assert.equal(compute.properties.computeType, "AmlCompute");
    assert.equal(compute.properties.provisioningState, "Succeeded");
    assert.ok(compute.identity.principalId, "system-assigned principalId");
    assert.ok(compute.identity.userAssignedIdentities[UAI_ID].principalId, "user-assigned principalId");
    assert.equal(compute.properties.properties.scaleSettings.maxNodeCount, 4);
  }],
  ["ML computeOperations.get (AmlCompute)", async () => {
    const compute = await ml.computeOperations.get(RG, WORKSPACE, "cpu");
    assert.equal(compute.properties.properties.vmPriority, "Dedicated");
  }],
  ["ML computeOperations.beginUpdateAndWait (scale settings, ClusterUpdateParameters)", async () => {
    const compute = await ml.computeOperations.beginUpdateAndWait(RG, WORKSPACE, "cpu", {
      properties: { scaleSettings: { maxNodeCount: 6, minNodeCount: 1, nodeIdleTimeBeforeScaleDown: "PT300S" } },
    }, fast);
    assert.equal(compute.properties.properties.scaleSettings.maxNodeCount, 6);
    assert.equal(compute.properties.properties.vmSize, "STANDARD_DS3_V2");
  }],
  ["ML computeOperations.list", async () => {
    const names = (await all(ml.computeOperations.list(RG, WORKSPACE))).map((c) => c.name).sort();
    assert.deepEqual(names, ["cpu", "k8s"]);
  }],
  ["ML computeOperations.beginDeleteAndWait (Detach, Delete)", async () => {
    await ml.computeOperations.beginDeleteAndWait(RG, WORKSPACE, "k8s", "Detach", fast);
    await ml.computeOperations.beginDeleteAndWait(RG, WORKSPACE, "cpu", "Delete", fast);
    await notFound(ml.computeOperations.get(RG, WORKSPACE, "k8s"), "the detached compute");
    await notFound(ml.computeOperations.get(RG, WORKSPACE, "cpu"), "the deleted compute");
  }],
  ["ML usages.list", async () => {
    const usages = await all(ml.usages.list("eastus"));
    assert.ok(usages.some((u) => u.name?.value === "standardDSv2Family" && u.limit === 100));
  }],
  ["ML virtualMachineSizes.list", async () => {
    const sizes = await ml.virtualMachineSizes.list("eastus");
    assert.ok(sizes.value.some((s) => s.name === "Standard_DS3_v2" && s.vCPUs === 4));
  }],
  ["Extensions on a connectedCluster: create, get, update, list, delete",
    () => extensionLife("Microsoft.Kubernetes", "connectedClusters", ARC, { identity: true })],
  ["Extensions on an AKS managedCluster: create, get, update, list, delete (forceDelete)",
    () => extensionLife("Microsoft.ContainerService", "managedClusters", AKS, { identity: false, forceDelete: true })],
  ["Relay namespaces.beginCreateOrUpdateAndWait, get", async () => {
    const ns = await relay.namespaces.beginCreateOrUpdateAndWait(RG, "relayns1",
      { location: "eastus", tags: { created_by: "Azure Arc-enabled ML" } }, fast);
    assert.equal(ns.tags.created_by, "Azure Arc-enabled ML");
    const got = await relay.namespaces.get(RG, "relayns1");
    assert.equal(got.provisioningState, "Succeeded");
    assert.ok(got.serviceBusEndpoint);
  }],
  ["Relay hybridConnections.createOrUpdate, get", async () => {
    await relay.hybridConnections.createOrUpdate(RG, "relayns1", ARC, { requiresClientAuthorization: true });
    const hc = await relay.hybridConnections.get(RG, "relayns1", ARC);
    assert.equal(hc.requiresClientAuthorization, true);
  }],
  ["Relay hybridConnections.createOrUpdateAuthorizationRule, listKeys", async () => {
    const rule = await relay.hybridConnections.createOrUpdateAuthorizationRule(RG, "relayns1", ARC, "azureml_rw",
      { rights: ["Manage", "Send", "Listen"] });
    assert.deepEqual(rule.rights, ["Manage", "Send", "Listen"]);
    const keys = await relay.hybridConnections.listKeys(RG, "relayns1", ARC, "azureml_rw");
    assert.match(keys.primaryConnectionString, /^Endpoint=sb:\/\/relayns1\.servicebus\.windows\.net\/;SharedAccessKeyName=azureml_rw;/);
  }],
  ["Service Bus namespaces.beginCreateOrUpdateAndWait, get", async () => {
    await bus.namespaces.beginCreateOrUpdateAndWait(RG, "sbns1", {
      location: "eastus", sku: { name: "Standard", tier: "Standard" }, tags: { created_by: "Azure Arc-enabled ML" },
    }, fast);
    const got = await bus.namespaces.get(RG, "sbns1");
    assert.equal(got.sku.name, "Standard");
  }],
  ["Service Bus topics.createOrUpdate, get", async () => {
    await bus.topics.createOrUpdate(RG, "sbns1", "azureml", { maxSizeInMegabytes: 5120, defaultMessageTimeToLive: "P60D" });
    const topic = await bus.topics.get(RG, "sbns1", "azureml");
    assert.equal(topic.maxSizeInMegabytes, 5120);
  }],
  ["Service Bus subscriptions.createOrUpdate, get", async () => {
    await bus.subscriptions.createOrUpdate(RG, "sbns1", "azureml", "azureml",
      { maxDeliveryCount: 1, defaultMessageTimeToLive: "P14D", lockDuration: "PT30S" });
    const subscription = await bus.subscriptions.get(RG, "sbns1", "azureml", "azureml");
    assert.equal(subscription.maxDeliveryCount, 1);
  }],
  ["Service Bus namespaces.listKeys (RootManageSharedAccessKey)", async () => {
    const keys = await bus.namespaces.listKeys(RG, "sbns1", "RootManageSharedAccessKey");
    assert.match(keys.primaryConnectionString, /^Endpoint=sb:\/\/sbns1\.servicebus\.windows\.net\//);
  }],
  ["Locks managementLocks.listAtResourceGroupLevel, listAtSubscriptionLevel ($filter=atScope())", async () => {
    const group = await all(locks.managementLocks.listAtResourceGroupLevel("rg-locked", { filter: "atScope()" }));
    assert.ok(group.some((l) => l.name === "group-read-only" && l.level === "ReadOnly"), "the group's lock");
    const subscription = await all(locks.managementLocks.listAtSubscriptionLevel({ filter: "atScope()" }));
    assert.ok(subscription.some((l) => l.name === "subscription-no-delete" && l.level === "CanNotDelete"), "the subscription's lock");
    await all(locks.managementLocks.listAtResourceGroupLevel("rg-locked"));
  }],
  ["AKS managedClusters.get", async () => {
    const cluster = await aks.managedClusters.get(RG, AKS);
    assert.ok(cluster.agentPoolProfiles?.[0]?.count > 0);
    assert.ok(cluster.fqdn);
  }],
  ["Arc connectedClusterOperations.get", async () => {
    const cluster = await arc.connectedClusterOperations.get(RG, ARC);
    assert.equal(cluster.location, "eastus");
    assert.ok(cluster.totalNodeCount > 0);
  }],
];

let failures = 0;
for (const [name, step] of steps) {
  try {
    await step();
    console.log(`  ok    ${name}`);
  } catch (error) {
    failures++;
    const status = error.statusCode ? ` (HTTP ${error.statusCode}${error.code ? ` ${error.code}` : ""})` : "";
    console.log(`  FAIL  ${name}: ${error.message}${status}`);
  }
}

// Every answer the SDK received, checked against its operation's response model.
const matcher = new OperationMatcher();
const checkers = new Map();
for (const entry of PACKAGES) {
  const catalog = await operationCatalog(entry);
  matcher.add(entry, loadPackage(entry.pkg).version, catalog);
  if (catalog[0]) checkers.set(entry.pkg, new ModelChecker(catalog[0].spec.serializer.modelMappers));
}
// The answer checks must find the fault of an answer known to be wrong (else the models did not load).
{
  const found = matcher.match("GET", "/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w/computes/c");
  const bad = { properties: { computeType: "AmlCompute", properties: { scaleSettings: { maxNodeCount: "4" } } } };
  const issues = found ? checkers.get(found.entry.pkg).walk(found.entry.spec.responses[200].bodyMapper, bad, "", "response") : [];
  if (!issues.some((i) => i.kind === "type" && i.path === "properties.properties.scaleSettings.maxNodeCount")) {
    failures++;
    console.log("  FAIL  canary: the answer checks did not see a string where AmlCompute's maxNodeCount is a number");
  }
}
const notes = new Set();
let checked = 0;
for (const exchange of exchanges) {
  const path = new URL(exchange.url).pathname;
  const found = matcher.match(exchange.method, path);
  if (!found) continue;  // an operation status URL the fake handed out: the poller judged it
  const { entry } = found;
  const response = entry.spec.responses[exchange.status];
  if (!response) {
    if (exchange.status < 400) {
      failures++;
      console.log(`  FAIL  ${entry.name}: the spec has no response ${exchange.status} (${exchange.method} ${path})`);
    }
    continue;
  }
  if (!response.bodyMapper || exchange.body === undefined) continue;
  checked++;
  for (const issue of checkers.get(entry.pkg).walk(response.bodyMapper, exchange.body, "", "response")) {
    const line = `${entry.pkg.replace("@azure/", "")} ${entry.name} ${exchange.status}: ${issue.path || "(body)"}: ${issue.message}`;
    const fails = issue.kind === "type" || ((issue.kind === "enum" || issue.kind === "constraint") && sameVersion.get(entry.pkg));
    if (fails) {
      failures++;
      console.log(`  FAIL  answer ${line}`);
    } else {
      notes.add(line.replace(/\[\d+\]/g, "[]").replace(/ \((?:string|number|boolean|an object|an array|null)[^)]*\)$/, ""));
    }
  }
}
console.log(`  ${checked} answers checked against their response models`);
for (const line of notes) console.log(`  note  answer ${line}`);
process.exit(failures ? 1 : 0);
