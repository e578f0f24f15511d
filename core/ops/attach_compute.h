#pragma once
// `attach`: a Kubernetes cluster as a compute target of an Azure ML workspace (a PUT of a
// `Kubernetes` compute whose resourceId is the cluster), after the checks that would otherwise
// fail later: the workspace (its location), the AzureML extension Succeeded on the cluster (or
// installed first), and on the confirmed kubectl context the namespace and the instance types'
// nodes. Idempotent: an identical compute is reported unchanged with no PUT; a different one is
// an error showing the difference unless `overwrite`; a compute of another type is exit 2.
// Requests on a ready cluster: GET workspace, GET compute, list extensions, PUT compute, polls,
// GET compute. Run again: GET workspace, GET compute. (A fleet reads each workspace once.)
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/config/attach_config.h"
#include "core/ops/aml_compute.h"
#include "core/ops/change_set.h"
#include "core/ops/cluster_access.h"
#include "core/ops/compute_common.h"
#include "core/ops/extension_request.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

struct AttachRequest {
  arm::ResourceId workspace;
  std::optional<std::string> workspace_location;  // read already (a fleet reads each workspace once)
  arm::ResourceId cluster;
  std::string name;  // the compute's
  config::AttachConfig config = config::service_default_config();
  // What the reference clients also send (audit D11): a managed identity for the compute
  // (az ml compute attach --identity-type), its description and tags.
  ManagedIdentity identity;
  std::optional<std::string> description;
  std::map<std::string, std::string> tags;
  ClusterAccess cluster_access;
  bool skip_preflight = false;
  std::optional<ExtensionRequest> install_extension;  // --install-extension and its settings
  bool overwrite = false;
  ChangeMode mode;  // dry run or not, waited for or not, progress (change_set.h)
};

struct AttachOutcome {
  std::string action;  // created, updated (overwrite), unchanged, started; dry run: would be ...
  arm::ResourceId id;
  nlohmann::json compute;  // as ARM returned it last; null in a dry run
  std::vector<std::string> notes;
  std::vector<std::string> warnings;
  std::vector<Change> changes;
  std::optional<ExtensionOutcome> extension;  // when it was installed first
  bool dry_run = false;
};

// The body of the compute: location, computeType Kubernetes, computeLocation (the workspace's, as
// azure-ai-ml sends it), resourceId, properties.properties; identity, description and tags when
// given.
nlohmann::json kubernetes_compute_body(const AttachRequest& request, const std::string& location);

// What differs between an existing compute and the one asked for, one phrase each; empty: same.
std::vector<std::string> compute_differences(const nlohmann::json& existing, const nlohmann::json& wanted);

Result<AttachOutcome, OpError> attach_compute(arm::ArmClient& arm, const AttachRequest& request);

}  // namespace azureml::ops
