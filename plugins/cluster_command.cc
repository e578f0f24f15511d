#include "plugins/cluster_command.h"

#include "core/kube/arc_identity.h"
#include "core/util/text.h"
#include "plugins/options.h"

namespace azureml::cli {

Result<ClusterCommand> open_cluster_command(const Invocation& call) {
  ClusterCommand command;
  if (auto kube = KubeAccess::open(call)) command.kube = std::move(kube.value());
  else command.kube_problem = kube.error().describe();

  // Flags first; the Arc ConfigMap only when no cluster is named.
  auto named = cluster_from_options(call, call.options.get("subscription"));
  if (!named) return fail(named.error());
  std::optional<arm::ResourceId> from_arc;
  std::string arc_problem;
  if (!*named) {
    if (!command.kube) {
      arc_problem = command.kube_problem;
    } else if (auto map = command.kube->client().config_map(kube::kArcNamespace, kube::kArcConfigMap); !map) {
      arc_problem = map.error().describe();
    } else if (auto identity = *map ? kube::arc_identity(**map) : std::nullopt) {
      from_arc = arm::ResourceId::connected_cluster(identity->subscription, identity->resource_group, identity->name);
    } else {
      arc_problem = "the kubectl context's cluster is not an Azure Arc cluster (no readable " +
                    std::string(kube::kArcNamespace) + "/" + kube::kArcConfigMap + ")";
    }
    if (!from_arc) {
      return fail("no cluster given: pass --cluster-name with -g (and --cluster-type managedClusters for AKS), or "
                  "--cluster-resource-id, or run with a kubectl context on an Azure Arc cluster\n(" +
                  printable_lines(arc_problem) + ")");
    }
  }
  auto azure = AzureAccess::open(call, from_arc ? std::optional(from_arc->subscription_id()) : std::nullopt);
  if (!azure) return fail(azure.error());
  command.azure = std::move(azure.value());
  if (from_arc) {
    command.cluster = *from_arc;
  } else {
    auto resolved = command.azure->cluster(call);  // again: the subscription may come from the environment
    if (!resolved) return fail(resolved.error());
    command.cluster = **resolved;
  }
  return command;
}

}  // namespace azureml::cli
