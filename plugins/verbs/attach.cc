// `attach NAME -w WS -g RG [-f CONFIG] [cluster flags]`: the cluster as a Kubernetes compute of
// the workspace, checked first, converging when run again (ops/attach_compute.h).
#include <ostream>

#include "core/ops/attach_compute.h"
#include "plugins/attach_config_input.h"
#include "plugins/cluster_command.h"
#include "plugins/extension_options.h"
#include "plugins/extension_output.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

nlohmann::ordered_json to_json(const ops::AttachOutcome& outcome) {
  const nlohmann::json properties = outcome.compute.is_object() ? outcome.compute.value("properties", nlohmann::json())
                                                                : nlohmann::json();
  nlohmann::ordered_json json = {{"action", outcome.action}, {"name", outcome.id.name()}, {"id", outcome.id.str()},
                                 {"dryRun", outcome.dry_run}};
  if (properties.is_object()) {
    json["provisioningState"] = properties.value("provisioningState", "");
    json["resourceId"] = properties.value("resourceId", "");
    json["properties"] = properties.value("properties", nlohmann::json::object());
  }
  if (outcome.extension) json["extension"] = cli::to_json(*outcome.extension);
  json["notes"] = outcome.notes;
  json["warnings"] = outcome.warnings;
  json["changes"] = cli::to_json(outcome.changes);
  return json;
}

void print(std::ostream& out, const ops::AttachOutcome& outcome) {
  out << "compute " << outcome.id.name() << ": " << outcome.action;
  if (outcome.compute.is_object() && outcome.compute.contains("properties"))
    out << " (" << outcome.compute["properties"].value("provisioningState", "") << ")";
  out << "\n";
  if (outcome.extension) out << "extension " << outcome.extension->id.name() << ": " << outcome.extension->action << "\n";
  if (outcome.dry_run) {
    out << (outcome.changes.empty() ? "nothing would be sent\n" : "the plan (nothing was sent):\n");
    print_changes(out, outcome.changes, true);
  }
  print_lines(out, "notes", outcome.notes);
}

VerbResult run(const Invocation& call) {
  auto wait = wait_options(call);
  if (!wait) return error_result(call, ExitCode::usage, wait.error());
  auto command = open_cluster_command(call);
  if (!command) return error_result(call, ExitCode::usage, command.error());
  auto config = read_attach_config(call, command->kube ? &command->kube->client() : nullptr);
  if (!config) return error_result(call, ExitCode::usage, config.error());

  std::ostream& err = call.err;
  ops::AttachRequest request;
  request.workspace = *command->azure->workspace(call);
  request.cluster = command->cluster;
  request.name = *call.options.positional();
  request.config = std::move(*config);
  request.cluster_access = command->access();
  request.skip_preflight = call.options.flag("skip-preflight");
  request.overwrite = call.options.flag("overwrite");
  request.dry_run = call.options.flag("dry-run");
  request.wait = wait_mode(call);
  request.wait_options = *wait;
  request.progress = [&err](const std::string& line) { err << line << '\n'; };
  if (call.options.flag("install-extension")) {
    auto settings = user_settings(call);
    if (!settings) {
      return error_result(call, ops::OpError{ExitCode::usage,
                                             "the extension settings could not be read; nothing was changed",
                                             settings.error()});
    }
    ops::ExtensionRequest& extension = request.install_extension.emplace();
    extension.cluster = command->cluster;
    extension.settings = std::move(*settings);
    if (call.options.given("release-train")) extension.release_train = call.options.get("release-train");
    if (call.options.given("version")) extension.version = call.options.get("version");
    extension.cluster_access = request.cluster_access;
    extension.dry_run = request.dry_run;
    extension.wait_options = *wait;  // the compute needs the extension done, so always waited for
    extension.progress = request.progress;
  } else if (call.options.given("config") || call.options.given("config-protected") || call.options.given("config-file")) {
    return error_result(call, ExitCode::usage, "extension settings are used only with --install-extension");
  }

  auto outcome = ops::attach_compute(command->azure->arm(), request);
  if (!outcome) return error_result(call, outcome.error());
  VerbResult out;
  out.data = to_json(*outcome);
  out.human = [outcome = std::move(*outcome)](std::ostream& stream) { print(stream, outcome); };
  return out;
}

}  // namespace

Verb make_attach_verb() {
  VerbSpec spec;
  spec.name = "attach";
  spec.summary = "Attach a cluster to an Azure Machine Learning workspace as a compute target";
  spec.description =
      "Attaches the cluster (Arc or AKS; on Arc found from the kubectl context) to the workspace as a "
      "Kubernetes compute with the attach configuration's namespace and instance types, after checking "
      "the configuration, the AzureML extension (Succeeded, or installed first with --install-extension) "
      "and, on the cluster, the namespace and the nodes each instance type needs. Then waits until the "
      "compute is Succeeded. Run again, an identical compute is left alone; a different one is refused "
      "with the differences unless --overwrite.";
  spec.examples = {
      {"Attach the current Arc cluster with an attach configuration",
       "attach arc-compute -w my-workspace -g my-group -f examples/attach-advanced.json"},
      {"Install the extension first, then attach", "attach arc-compute -w my-workspace -g my-group "
                                                   "--install-extension --config enableTraining=true"},
  };
  spec.positional = PositionalSpec{"NAME", "The compute's name in the workspace.", true};
  spec.options = {attach_config_option("Attach configuration: namespace and instance types"),
                  {"install-extension", 0, OptionType::flag, "",
                   "Install (or converge) the AzureML extension first, with --config settings.", std::nullopt, {}},
                  {"skip-preflight", 0, OptionType::flag, "", "Do not check the namespace and nodes on the cluster.",
                   std::nullopt, {}},
                  {"overwrite", 0, OptionType::flag, "", "Replace an existing compute's settings.", std::nullopt, {}}};
  for (auto group : {extension_settings_options(), change_options(), workspace_options(), cluster_options(),
                     kube_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
