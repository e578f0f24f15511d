// What the fakes hold before each job (fake-azure's --seed format: tests/fakes/seed_file.cc).

export const SUB = "00000000-0000-0000-0000-000000000001";  // tests/fakes/fixtures/arc-cluster.yaml's
export const LOCKED_SUB = "00000000-0000-0000-0000-0000000000c1";
export const RG = "rg1";
export const WORKSPACE = "ws";
export const ARC = "cluster1";
export const AKS = "aks1";

const group = (sub, rg) => `/subscriptions/${sub}/resourceGroups/${rg}`;
export const ARC_ID = `${group(SUB, RG)}/providers/Microsoft.Kubernetes/connectedClusters/${ARC}`;
export const AKS_ID = `${group(SUB, RG)}/providers/Microsoft.ContainerService/managedClusters/${AKS}`;
export const UAI_ID = `${group(SUB, RG)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai1`;

const usages = [
  { name: "standardDSv2Family", localizedName: "Standard DSv2 Family Cluster Dedicated vCPUs", currentValue: 0, limit: 100 },
  { name: "Total Cluster Dedicated Regional vCPUs", localizedName: "Total Cluster Dedicated Regional vCPUs", currentValue: 0, limit: 100,
    type: "Microsoft.MachineLearningServices/totalCores/usages" },
  { name: "Total Cluster LowPriority Regional vCPUs", localizedName: "Total Cluster LowPriority Regional vCPUs", currentValue: 0, limit: -1,
    type: "Microsoft.MachineLearningServices/totalCores/usages" },
].map((u) => ({ subscription: SUB, location: "eastus", ...u }));

// Job 1 (the SDK clients against the fake): tokens are the SDK's dummy JWT.
export const sdkSeed = {
  options: { acceptForeignTokens: true },
  connectedClusters: [{ subscription: SUB, resourceGroup: RG, name: ARC, location: "eastus" }],
  managedClusters: [{ subscription: SUB, resourceGroup: RG, name: AKS, location: "eastus" }],
  workspaces: [{ subscription: SUB, resourceGroup: RG, name: WORKSPACE, location: "eastus" }],
  resourceGroups: [{ subscription: LOCKED_SUB, name: "rg-locked", location: "eastus" }],
  locks: [
    { scope: `/subscriptions/${LOCKED_SUB}`, name: "subscription-no-delete", level: "CanNotDelete", notes: "at the subscription" },
    { scope: group(LOCKED_SUB, "rg-locked"), name: "group-read-only", level: "ReadOnly", notes: "at the group" },
  ],
  usages,
};

// Job 2 (our binary against the fake): the binary signs in with the fake's service principal.
export const binarySeed = {
  connectedClusters: [{ subscription: SUB, resourceGroup: RG, name: ARC, location: "eastus" }],
  managedClusters: [{ subscription: SUB, resourceGroup: RG, name: AKS, location: "eastus" }],
  workspaces: [{ subscription: SUB, resourceGroup: RG, name: WORKSPACE, location: "eastus" }],
  usages,
};
