// Our api-versions (core/arm/api_versions.h) beside the one each pinned SDK package speaks.
import { readFileSync } from "node:fs";

import { PACKAGES, loadPackage, makeClient } from "./sdk.mjs";

// {kMachineLearning: "2025-06-01", ...} from the header's `inline constexpr std::string_view`s.
export function ourApiVersions(headerPath) {
  const text = readFileSync(headerPath, "utf8");
  const versions = {};
  for (const m of text.matchAll(/constexpr\s+std::string_view\s+(k\w+)\s*=\s*"([^"]+)"/g)) versions[m[1]] = m[2];
  return versions;
}

// [{pkg, version, client, sdkApiVersion, constant, ours, same}] for every package.
export function coverage(headerPath) {
  const ours = ourApiVersions(headerPath);
  return PACKAGES.map((entry) => {
    const { version } = loadPackage(entry.pkg);
    const client = makeClient(entry, "https://127.0.0.1:9", "00000000-0000-0000-0000-000000000000");
    const sdkApiVersion = client.apiVersion;
    const mine = ours[entry.ours];
    if (!mine) throw new Error(`${headerPath} has no ${entry.ours} (the api-version ${entry.pkg} stands for)`);
    return { pkg: entry.pkg, version, client: entry.client, sdkApiVersion, constant: entry.ours, ours: mine, same: mine === sdkApiVersion };
  });
}

export function coverageTable(rows) {
  const lines = ["  package                                    SDK api-version   ours (api_versions.h)"];
  for (const r of rows) {
    const name = `${r.pkg}@${r.version}`.padEnd(42);
    const note = r.same ? "same" : r.sdkApiVersion < r.ours ? "SDK older: our newer fields are checked against its older model" : "SDK newer";
    lines.push(`  ${name} ${r.sdkApiVersion.padEnd(17)} ${r.constant} ${r.ours}  (${note})`);
  }
  return lines.join("\n");
}
