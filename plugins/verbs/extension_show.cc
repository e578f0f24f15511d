// `extension show`: the AzureML extension's state, settings and errors, and its pods.
#include <ostream>

#include "core/ops/extension_show.h"
#include "plugins/cluster_command.h"
#include "plugins/extension_options.h"
#include "plugins/extension_output.h"
#include "plugins/options.h"
#include "plugins/output/table.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

nlohmann::ordered_json to_json(const ops::ExtensionReport& report) {
  const ops::ExtensionView& e = report.extension;
  nlohmann::ordered_json protected_names = nlohmann::ordered_json::array();
  for (const auto& name : e.protected_names) protected_names.push_back(name);
  nlohmann::ordered_json json = {{"name", e.id.name()},
                                 {"id", e.id.str()},
                                 {"extensionType", e.type},
                                 {"provisioningState", e.provisioning_state},
                                 {"version", e.version},
                                 {"releaseTrain", e.release_train},
                                 {"releaseNamespace", e.release_namespace},
                                 {"configurationSettings", cli::to_json(e.public_settings)},
                                 {"configurationProtectedSettings", protected_names},
                                 {"identity", e.identity},
                                 {"statuses", e.statuses.is_null() ? nlohmann::json::array() : e.statuses},
                                 {"errorInfo", e.error_info}};
  if (!report.failure.empty()) json["failure"] = report.failure;
  if (report.pods) {
    nlohmann::ordered_json pods = nlohmann::ordered_json::array();
    for (const auto& pod : *report.pods)
      pods.push_back({{"name", pod.name}, {"phase", pod.phase}, {"healthy", pod.healthy}, {"restarts", pod.restarts},
                      {"problems", pod.problems}});
    json["pods"] = std::move(pods);
  } else {
    json["pods"] = nullptr;
    json["podsNotRead"] = report.pods_not_read;
  }
  return json;
}

void print(std::ostream& out, const ops::ExtensionReport& report) {
  const ops::ExtensionView& e = report.extension;
  out << "extension " << e.id.name() << " (" << e.type << ") on " << e.id.parent().name() << ": "
      << e.provisioning_state << ", version " << e.version << ", release train " << e.release_train << "\n";
  if (!report.failure.empty()) out << "failure:\n  " << report.failure << "\n";
  print_settings(out, "settings", e.public_settings);
  if (!e.protected_names.empty()) {
    std::string names;
    for (const auto& name : e.protected_names) names += (names.empty() ? "" : ", ") + name;
    out << "protected settings (values never shown): " << names << "\n";
  }
  if (!report.pods) {
    out << "pods: not read (" << report.pods_not_read << ")\n";
    return;
  }
  if (report.pods->empty()) {
    out << "pods: none in namespace " << e.release_namespace << "\n";
    return;
  }
  Table table({"POD", "PHASE", "HEALTHY", "RESTARTS", "PROBLEMS"});
  for (const auto& pod : *report.pods) {
    std::string problems;
    for (const auto& p : pod.problems) problems += (problems.empty() ? "" : "; ") + p;
    table.add_row({pod.name, pod.phase, pod.healthy ? "yes" : "no", std::to_string(pod.restarts), problems});
  }
  table.print(out);
}

VerbResult run(const Invocation& call) {
  auto command = open_cluster_command(call);
  if (!command) return error_result(call, ExitCode::usage, command.error());
  auto report = ops::show_extension(command->azure->arm(),
                                    {command->cluster, extension_name(call), command->access()});
  if (!report) return error_result(call, report.error());
  VerbResult out;
  out.data = to_json(*report);
  out.human = [report = std::move(*report)](std::ostream& stream) { print(stream, report); };
  return out;
}

}  // namespace

Verb make_extension_show_verb() {
  VerbSpec spec;
  spec.name = "extension show";
  spec.summary = "Show the Azure Machine Learning extension of a cluster";
  spec.description =
      "Shows the extension's provisioning state, version and public settings (protected ones by name only), "
      "why it failed when it did, and — when the kubectl context is this cluster — its pods: running or not, "
      "and why. Exits 4 when the cluster has no AzureML extension.";
  spec.examples = {{"Show the extension of the current Arc cluster", "extension show"},
                   {"Show an AKS cluster's as JSON", "extension show --cluster-type managedClusters --cluster-name "
                                                     "aks1 -g my-group -o json"}};
  spec.options = extension_target_options();
  return {spec, run};
}

}  // namespace azureml::cli
