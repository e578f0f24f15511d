// `show NAME -w WS -g RG`: a compute's state and properties joined with its cluster's AzureML
// extension and that extension's pods.
#include <ostream>

#include "core/ops/show_compute.h"
#include "core/util/text.h"
#include "plugins/azure_access.h"
#include "plugins/extension_output.h"
#include "plugins/kube_access.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

nlohmann::ordered_json to_json(const ops::ComputeReport& report) {
  const ops::ComputeSummary& compute = report.compute;
  nlohmann::ordered_json json = {
      {"name", compute.name},
      {"id", compute.id},
      {"location", compute.location},
      {"computeType", compute.type},
      {"provisioningState", compute.provisioning_state},
      {"provisioningErrors", report.provisioning_errors},
      {"resourceId",
       compute.resource_id.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(compute.resource_id)},
      {"properties", report.properties}};
  if (report.extension)
    json["extension"] = cli::to_json(*report.extension);
  else
    json["extension"] = nullptr;
  if (!report.extension_problem.empty()) json["extensionNotShown"] = report.extension_problem;
  return json;
}

void print(std::ostream& out, const ops::ComputeReport& report) {
  const ops::ComputeSummary& compute = report.compute;
  out << "compute " << printable(compute.name) << " (" << printable(compute.type)
      << "): " << printable(compute.provisioning_state) << "\n";
  if (!compute.resource_id.empty()) out << "cluster: " << printable(compute.resource_id) << "\n";
  if (report.properties.contains("namespace")) {
    out << "namespace: " << printable(report.namespace_name)
        << ", default instance type: " << printable(report.default_instance_type) << "\n";
  }
  if (report.extension) {
    cli::print(out, *report.extension);
  } else if (!report.extension_problem.empty()) {
    out << "extension: " << report.extension_problem << "\n";
  }
}

VerbResult run(const Invocation& call) {
  auto access = AzureAccess::open(call);
  if (!access) return error_result(call, ExitCode::usage, access.error());
  ops::ClusterAccess cluster;
  auto kube = KubeAccess::open(call);
  if (kube)
    cluster.kube = &(*kube)->client();
  else
    cluster.problem = kube.error().describe();
  auto report = ops::show_compute((*access)->arm(), *(*access)->workspace(call), *call.options.positional(), cluster);
  if (!report) return error_result(call, report.error());
  VerbResult out;
  out.data = to_json(*report);
  out.human = [report = std::move(*report)](std::ostream& stream) { print(stream, report); };
  return out;
}

}  // namespace

Verb make_show_verb() {
  VerbSpec spec;
  spec.name = "show";
  spec.summary = "Show a compute with its cluster's extension and pods";
  spec.description =
      "Shows the compute's state, errors and properties; for an attached Kubernetes cluster also the AzureML "
      "extension's state and settings, and — when the kubectl context is that cluster — its pods.";
  spec.examples = {{"Show an attached cluster as JSON", "show arc-compute -w my-workspace -g my-group -o json"}};
  spec.positional = PositionalSpec{"NAME", "The compute's name in the workspace.", true};
  spec.options = workspace_options();
  for (auto group : {kube_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
