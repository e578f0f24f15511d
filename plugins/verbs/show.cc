// `show NAME -w WS -g RG`: a compute's state and properties joined with its cluster's AzureML
// extension and that extension's pods.
#include <ostream>

#include "core/ops/show_compute.h"
#include "plugins/azure_access.h"
#include "plugins/extension_output.h"
#include "plugins/kube_access.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

nlohmann::ordered_json to_json(const ops::ComputeReport& report) {
  const nlohmann::json& compute = report.compute;
  const nlohmann::json properties = compute.value("properties", nlohmann::json::object());
  nlohmann::ordered_json json = {{"name", compute.value("name", "")},
                                 {"id", compute.value("id", "")},
                                 {"location", compute.value("location", "")},
                                 {"computeType", properties.value("computeType", "")},
                                 {"provisioningState", properties.value("provisioningState", "")},
                                 {"provisioningErrors", properties.value("provisioningErrors", nlohmann::json())},
                                 {"resourceId", properties.value("resourceId", nlohmann::json())},
                                 {"properties", properties.value("properties", nlohmann::json())}};
  if (report.extension) json["extension"] = cli::to_json(*report.extension);
  else json["extension"] = nullptr;
  if (!report.extension_problem.empty()) json["extensionNotShown"] = report.extension_problem;
  return json;
}

void print(std::ostream& out, const ops::ComputeReport& report) {
  const nlohmann::json properties = report.compute.value("properties", nlohmann::json::object());
  out << "compute " << report.compute.value("name", "") << " (" << properties.value("computeType", "") << "): "
      << properties.value("provisioningState", "") << "\n";
  if (properties.contains("resourceId") && properties["resourceId"].is_string())
    out << "cluster: " << properties["resourceId"].get<std::string>() << "\n";
  const nlohmann::json inner = properties.value("properties", nlohmann::json());
  if (inner.is_object() && inner.contains("namespace")) {
    out << "namespace: " << inner.value("namespace", "") << ", default instance type: "
        << inner.value("defaultInstanceType", "") << "\n";
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
  if (kube) cluster.kube = &(*kube)->client();
  else cluster.problem = kube.error().describe();
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
