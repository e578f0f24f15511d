#include "core/ops/extension_show.h"

#include "core/ops/doctor_checks.h"

namespace azureml::ops {

Result<ExtensionReport, OpError> show_extension(arm::ArmClient& arm, const ExtensionShowRequest& request) {
  auto choice = choose_extension(arm, request.cluster, request.name);
  if (!choice) return fail(choice.error());
  if (!choice->existing) {
    return fail(OpError{ExitCode::not_found,
                        "no AzureML extension" + (request.name ? " named '" + *request.name + "'" : std::string()) +
                            " on cluster " + request.cluster.str() + "\ninstall it with 'extension install'",
                        {}});
  }
  ExtensionReport report{*choice->existing, failure_details(*choice->existing), std::nullopt, ""};

  if (!request.cluster_access.kube) {
    report.pods_not_read = request.cluster_access.problem.empty() ? "no kubeconfig" : request.cluster_access.problem;
    return report;
  }
  ClusterInfo cluster = unread_cluster(request.cluster);
  if (request.cluster.cluster_kind() == arm::ClusterKind::managed) {  // its API server names it
    auto read = read_cluster(arm, request.cluster);
    if (!read) return fail(read.error());
    cluster = *read;
  }
  kube::KubeClient* kube = confirmed_client(request.cluster_access, cluster, report.pods_not_read);
  if (!kube) return report;
  const std::string release_namespace =
      report.extension.release_namespace.empty() ? kReleaseNamespace : report.extension.release_namespace;
  auto pods = kube->pods(release_namespace);
  if (!pods) {
    report.pods_not_read = pods.error().describe();
    return report;
  }
  report.pods.emplace();
  for (const auto& pod : *pods) {
    PodState state{pod.name, pod.phase, true, pod_problems(pod), 0};
    state.healthy = state.problems.empty();
    for (const auto& container : pod.containers) state.restarts += container.restart_count;
    report.pods->push_back(std::move(state));
  }
  return report;
}

}  // namespace azureml::ops
