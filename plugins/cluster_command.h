#pragma once
// What every command about one cluster opens first: the kubectl context (when there is one),
// Azure access, and the cluster's ARM id — from the cluster flags, else from the Arc cluster
// the context points at (its azure-arc/azure-clusterconfig), whose subscription then serves
// when none is given.
#include <memory>
#include <string>

#include "core/arm/resource_id.h"
#include "core/ops/cluster_access.h"
#include "core/ops/op_error.h"
#include "core/util/result.h"
#include "plugins/azure_access.h"
#include "plugins/kube_access.h"
#include "plugins/verb.h"

namespace azureml::cli {

struct ClusterCommand {
  std::unique_ptr<KubeAccess> kube;  // null when no kubeconfig could be loaded (kube_problem says why)
  std::string kube_problem;
  std::unique_ptr<AzureAccess> azure;
  arm::ResourceId cluster;

  ops::ClusterAccess access() const { return {kube ? &kube->client() : nullptr, kube_problem}; }
};

// Exit 2 for no cluster named and none found, a malformed id, no subscription; when the Arc
// cluster could not be found because of the kubectl context, that problem's own code (3 for a
// credential that could not be had, 5 for a credential plugin that timed out, 1 for an API
// server that could not be reached or refused).
Result<ClusterCommand, ops::OpError> open_cluster_command(const Invocation& call);

}  // namespace azureml::cli
