#pragma once
// The api-version of every ARM resource type the product touches, in one place, with why it
// was chosen (../shared/reference/azure-rest-contract.md has the facts).
#include <string_view>

#include "core/arm/resource_id.h"

namespace azureml::arm::api_versions {

// Each was checked against Azure/azure-rest-api-specs (../shared/reference/contract-audit.md §3
// cites the files); the contract tier (tests/contract) runs the Azure SDK for JavaScript's
// models against what we send, and its README says which version each SDK speaks.

// Workspaces, computes, usages, vmSizes: a stable version whose spec has every operation and
// field we use, with Kubernetes-compute examples; that schema is unchanged since 2022-05-01.
inline constexpr std::string_view kMachineLearning = "2025-06-01";
// KubernetesConfiguration extensions: the default tag (package-2025-03) of the spec's readme.
inline constexpr std::string_view kExtensions = "2025-03-01";
// Cluster GETs: what az k8s-extension uses (consts.py), so both send the same requests.
inline constexpr std::string_view kConnectedClusters = "2021-10-01";
inline constexpr std::string_view kManagedClusters = "2022-11-01";
// Management locks: the latest stable version of Microsoft.Authorization/locks.
inline constexpr std::string_view kLocks = "2020-05-01";
// Relay and Service Bus (the extension's messaging): 2021-11-01, stable for both, with the same
// bodies and names as the Azure CLI's AzureML handler sends (its Relay calls use 2017-04-01:
// ../shared/reference/az-k8s-extension-handler.md). It is not the latest: 2024-01-01 is
// stable for both; moving needs its answer shapes checked first.
inline constexpr std::string_view kRelay = "2021-11-01";
inline constexpr std::string_view kServiceBus = "2021-11-01";

// The cluster GET's version for a connectedClusters or managedClusters id.
inline std::string_view cluster(ClusterKind kind) {
  return kind == ClusterKind::managed ? kManagedClusters : kConnectedClusters;
}

}  // namespace azureml::arm::api_versions
