#pragma once
// The api-version of every ARM resource type the product touches, in one place, with why it
// was chosen (../shared/reference/azure-rest-contract.md has the facts).
#include <string_view>

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

}  // namespace azureml::arm::api_versions
