#pragma once
// The api-version of every ARM resource type the product touches, in one place, with why it
// was chosen (../shared/reference/azure-rest-contract.md has the facts).
#include <string_view>

#include "core/arm/resource_id.h"

namespace azureml::arm::api_versions {

// Workspaces, computes, usages, quotas: a stable version with full Kubernetes-compute examples;
// the Kubernetes compute schema is unchanged since 2022-05-01.
inline constexpr std::string_view kMachineLearning = "2025-06-01";
// KubernetesConfiguration extensions: the latest stable.
inline constexpr std::string_view kExtensions = "2025-03-01";
// Cluster GETs: what az k8s-extension uses (consts.py), so both send the same requests.
inline constexpr std::string_view kConnectedClusters = "2021-10-01";
inline constexpr std::string_view kManagedClusters = "2022-11-01";
// Management locks.
inline constexpr std::string_view kLocks = "2020-05-01";
// Relay and Service Bus (the extension's messaging): their latest stable versions.
inline constexpr std::string_view kRelay = "2021-11-01";
inline constexpr std::string_view kServiceBus = "2021-11-01";

// The cluster GET's version for a connectedClusters or managedClusters id.
inline std::string_view cluster(ClusterKind kind) {
  return kind == ClusterKind::managed ? kManagedClusters : kConnectedClusters;
}

}  // namespace azureml::arm::api_versions
