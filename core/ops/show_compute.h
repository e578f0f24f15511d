#pragma once
// `show`: one document joining a compute's state and properties, the AzureML extension on its
// cluster (for a Kubernetes compute), and that extension's pods when the kubectl context is the
// cluster. Requests: GET compute, list the cluster's extensions (+ the cluster's GET for AKS
// when its context must be confirmed).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/ops/cluster_access.h"
#include "core/ops/extension_show.h"
#include "core/ops/list_computes.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

struct ComputeReport {
  ComputeSummary compute;
  nlohmann::json provisioning_errors;  // properties.provisioningErrors as ARM sent them; null when none
  nlohmann::json properties;           // properties.properties (the type's own) as ARM sent them, or null
  std::string namespace_name;          // a Kubernetes compute's namespace and default instance type
  std::string default_instance_type;
  std::optional<ExtensionReport> extension;  // Kubernetes computes whose cluster has one
  std::string extension_problem;             // why there is none to show
};

// A compute answer of another shape than the contract's is exit 1 naming the field.
Result<ComputeReport, OpError> show_compute(arm::ArmClient& arm, const arm::ResourceId& workspace,
                                            const std::string& name, const ClusterAccess& access);

}  // namespace azureml::ops
