#pragma once
// `extension show`: the AzureML extension's state, version and public settings (protected ones
// by name only, when ARM lists them), its errors, and — when the kubectl context is this
// cluster — the state of its pods. One list request (plus the cluster's GET for an AKS
// cluster whose context must be confirmed), and one pod list.
#include <optional>
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/kube/objects.h"
#include "core/ops/cluster_access.h"
#include "core/ops/extension_lookup.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

struct ExtensionShowRequest {
  arm::ResourceId cluster;
  std::optional<std::string> name;
  ClusterAccess cluster_access;
};

struct PodState {
  std::string name;
  std::string phase;
  bool healthy = true;
  std::vector<std::string> problems;  // why not healthy
  int restarts = 0;
};

struct ExtensionReport {
  ExtensionView extension;
  std::string failure;                        // failure_details() when it failed; "" otherwise
  std::optional<std::vector<PodState>> pods;  // nullopt when the cluster was not read
  std::string pods_not_read;                  // why not
};

Result<ExtensionReport, OpError> show_extension(arm::ArmClient& arm, const ExtensionShowRequest& request);

}  // namespace azureml::ops
