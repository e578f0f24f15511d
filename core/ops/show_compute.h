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
#include "core/ops/op_error.h"

namespace azureml::ops {

struct ComputeReport {
  nlohmann::json compute;                  // as ARM returned it
  std::optional<ExtensionReport> extension;  // Kubernetes computes whose cluster has one
  std::string extension_problem;            // why there is none to show
};

Result<ComputeReport, OpError> show_compute(arm::ArmClient& arm, const arm::ResourceId& workspace,
                                            const std::string& name, const ClusterAccess& access);

}  // namespace azureml::ops
