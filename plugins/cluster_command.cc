#include "plugins/cluster_command.h"

#include "core/kube/arc_identity.h"
#include "core/util/text.h"
#include "plugins/options.h"

namespace azureml::cli {

Result<ClusterCommand, ops::OpError> open_cluster_command(const Invocation& call) {
  const auto usage = [](std::string message) { return fail(ops::OpError{ExitCode::usage, std::move(message), {}}); };
  ClusterCommand command;
  ExitCode kube_code = ExitCode::usage;
  if (auto kube = KubeAccess::open(call)) {
    command.kube = std::move(kube.value());
  } else {
    command.kube_problem = kube.error().describe();
    kube_code = kube.error().exit_code();
  }

  // Flags first; the Arc ConfigMap only when no cluster is named.
  auto named = cluster_from_options(call, call.options.get("subscription"));
  if (!named) return usage(named.error());
  std::optional<arm::ResourceId> from_arc;
  std::string arc_problem;
  ExitCode arc_code = ExitCode::usage;  // the context is not an Arc cluster: name one
  if (!*named) {
    if (!command.kube) {
      arc_problem = command.kube_problem;
      arc_code = kube_code;
    } else if (auto map = command.kube->client().config_map(kube::kArcNamespace, kube::kArcConfigMap); !map) {
      arc_problem = map.error().describe();
      arc_code = map.error().exit_code();
    } else if (auto identity = *map ? kube::arc_identity(**map) : std::nullopt) {
      from_arc = arm::ResourceId::connected_cluster(identity->subscription, identity->resource_group, identity->name);
    } else {
      arc_problem = "the kubectl context's cluster is not an Azure Arc cluster (no readable " +
                    std::string(kube::kArcNamespace) + "/" + kube::kArcConfigMap + ")";
    }
    if (!from_arc) {
      const std::string name_one =
          "pass --cluster-name with -g (and --cluster-type managedClusters for AKS), or "
          "--cluster-resource-id";
      // Not an Arc cluster, or no kubeconfig: a usage error. A cluster that could not be asked
      // (a credential, the API server): that failure, with its own exit code, comes first.
      if (arc_code == ExitCode::interrupted)  // Ctrl-C while asking: nothing has been sent to Azure yet
        return fail(ops::OpError{arc_code, printable_lines(arc_problem) + "\nnothing was changed in Azure", {}});
      if (arc_code == ExitCode::usage)
        return usage("no cluster given: " + name_one + ", or run with a kubectl context on an Azure Arc cluster\n(" +
                     printable_lines(arc_problem) + ")");
      return fail(ops::OpError{arc_code,
                               "could not ask the kubectl context's cluster which Azure Arc cluster it is: " +
                                   printable_lines(arc_problem) + "\n(or name the cluster: " + name_one + ")",
                               {}});
    }
  }
  auto azure = AzureAccess::open(call, from_arc ? std::optional(from_arc->subscription_id()) : std::nullopt);
  if (!azure) return usage(azure.error());
  command.azure = std::move(azure.value());
  if (from_arc) {
    command.cluster = *from_arc;
  } else {
    auto resolved = command.azure->cluster(call);  // again: the subscription may come from the environment
    if (!resolved) return usage(resolved.error());
    command.cluster = **resolved;
  }
  return command;
}

}  // namespace azureml::cli
