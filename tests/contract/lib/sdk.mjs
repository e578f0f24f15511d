// The official Azure SDK clients, set up so that they only ever talk to a fake on 127.0.0.1,
// and the catalog of their operation specs (path template, method, parameters, body mappers).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// One entry per SDK package: the client class, and which api-version of ours (api_versions.h)
// it stands for.
export const PACKAGES = [
  { pkg: "@azure/arm-machinelearning", client: "AzureMachineLearningWorkspaces", ours: "kMachineLearning" },
  { pkg: "@azure/arm-kubernetesconfiguration", client: "SourceControlConfigurationClient", ours: "kExtensions" },
  { pkg: "@azure/arm-hybridkubernetes", client: "ConnectedKubernetesClient", ours: "kConnectedClusters" },
  { pkg: "@azure/arm-containerservice", client: "ContainerServiceClient", ours: "kManagedClusters" },
  { pkg: "@azure/arm-locks", client: "ManagementLockClient", ours: "kLocks" },
  { pkg: "@azure/arm-relay", client: "RelayAPI", ours: "kRelay" },
  { pkg: "@azure/arm-servicebus", client: "ServiceBusManagementClient", ours: "kServiceBus" },
];

export const ARM_AUDIENCE = "https://management.azure.com";

// An unsigned JWT for ARM that expires in 2100: fake-azure accepts it with acceptForeignTokens.
// No wall time is read; the value is the same on every run.
export function dummyToken() {
  const part = (object) => Buffer.from(JSON.stringify(object)).toString("base64url");
  const claims = { aud: ARM_AUDIENCE, iss: "contract-test", sub: "contract-test", exp: 4102444800, nbf: 0 };
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

export const dummyCredential = {
  async getToken() {
    return { token: dummyToken(), expiresOnTimestamp: 4102444800000 };
  },
};

// A pipeline policy that refuses any request that is not for 127.0.0.1 (or localhost): a
// mistake in the set-up must fail the test, never reach the internet.
const localOnlyPolicy = {
  name: "contractLocalOnly",
  async sendRequest(request, next) {
    const host = new URL(request.url).hostname;
    if (host !== "127.0.0.1" && host !== "localhost") {
      throw new Error(`contract test: refusing a request to ${request.url} (only 127.0.0.1 is allowed)`);
    }
    return next(request);
  },
};

// A policy that hands every exchange (request, status, parsed body) to `record`.
function recordingPolicy(record) {
  return {
    name: "contractRecorder",
    async sendRequest(request, next) {
      const response = await next(request);
      let body;
      try {
        body = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
      } catch {
        body = response.bodyAsText;
      }
      record({ method: request.method, url: request.url, status: response.status, body });
      return response;
    },
  };
}

export function loadPackage(pkg) {
  const mod = require(pkg);
  const version = require(`${pkg}/package.json`).version;
  return { mod, version };
}

// A client of `entry` for `endpoint` (the fake's URL): the endpoint and $host both point at it
// (the generated clients build URLs from $host, which defaults to management.azure.com), the
// token scope is ARM's, no retries, no proxy, and nothing may leave 127.0.0.1.
export function makeClient(entry, endpoint, subscription, record) {
  const { mod } = loadPackage(entry.pkg);
  const Client = mod[entry.client];
  if (!Client) throw new Error(`${entry.pkg} has no export ${entry.client}`);
  const perCall = [{ policy: localOnlyPolicy, position: "perCall" }];
  if (record) perCall.push({ policy: recordingPolicy(record), position: "perRetry" });
  return new Client(dummyCredential, subscription, {
    endpoint,
    $host: endpoint,
    credentialScopes: [`${ARM_AUDIENCE}/.default`],
    retryOptions: { maxRetries: 0 },
    redirectOptions: { maxRetries: 0 },
    additionalPolicies: perCall,
  });
}

class Captured extends Error {
  constructor(spec) {
    super("captured");
    this.spec = spec;
  }
}

// Every operation spec the client's operation groups can send, found by calling each method with
// placeholder arguments while sendOperationRequest only records the spec it is given. Returns
// [{name: "group.method", spec}], one per distinct spec, named by its shortest public method.
export async function operationCatalog(entry) {
  const client = makeClient(entry, "https://127.0.0.1:9", "00000000-0000-0000-0000-000000000000");
  client.sendOperationRequest = async (_args, spec) => {
    throw new Captured(spec);
  };
  const names = new Map();  // spec -> [names]
  for (const group of Object.keys(client)) {
    const target = client[group];
    if (!target || typeof target !== "object" || target === client) continue;
    const proto = Object.getPrototypeOf(target);
    if (!proto || proto === Object.prototype) continue;
    for (const method of Object.getOwnPropertyNames(proto)) {
      if (method === "constructor" || typeof target[method] !== "function") continue;
      const args = Array.from({ length: target[method].length }, () => "x");
      let spec;
      try {
        let result = target[method](...args);
        if (result && typeof result.next === "function") result = result.next();
        await result;
      } catch (error) {
        if (error instanceof Captured) spec = error.spec;
      }
      if (!spec) continue;
      if (!names.has(spec)) names.set(spec, []);
      names.get(spec).push(`${group}.${method}`);
    }
  }
  const catalog = [];
  for (const [spec, found] of names) {
    const rank = (n) => [n.split(".")[1].startsWith("_") ? 1 : 0, n.length];
    found.sort((a, b) => {
      const [ra, la] = rank(a);
      const [rb, lb] = rank(b);
      return ra - rb || la - lb || a.localeCompare(b);
    });
    catalog.push({ name: found[0], spec });
  }
  return catalog;
}

// The operations of every package whose path template and method match a request. A request
// matches the operation with the most literal characters among those that match.
export class OperationMatcher {
  constructor() {
    this.entries = [];
  }

  add(entry, version, catalog) {
    for (const { name, spec } of catalog) {
      if (!spec.path || spec.path === "{nextLink}") continue;
      const params = new Map();
      for (const p of spec.urlParameters ?? []) params.set(p.mapper.serializedName, p);
      const names = [];
      let literal = 0;
      const source = spec.path.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name, text) => {
        if (text !== undefined) {
          literal += text.length;
          return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        }
        names.push(name);
        return params.get(name)?.skipEncoding ? "(.+)" : "([^/]+)";
      });
      this.entries.push({
        pkg: entry.pkg, version, name, spec, names, params, literal,
        regex: new RegExp(`^${source}$`, "i"),
      });
    }
  }

  // {operation, pathValues} or null.
  match(method, path) {
    let best = null;
    for (const entry of this.entries) {
      if (entry.spec.httpMethod !== method) continue;
      const m = entry.regex.exec(path);
      if (!m) continue;
      if (best && best.entry.literal >= entry.literal) continue;
      const pathValues = {};
      entry.names.forEach((name, i) => (pathValues[name] = decodeURIComponent(m[i + 1])));
      best = { entry, pathValues };
    }
    return best;
  }
}
