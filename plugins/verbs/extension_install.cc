// `extension install` and `extension update`: Microsoft.AzureML.Kubernetes on the cluster, with
// every check first; run again, install converges (ops/extension_install.h).
#include <ostream>

#include "core/ops/extension_install.h"
#include "plugins/change_mode.h"
#include "plugins/cluster_command.h"
#include "plugins/extension_options.h"
#include "plugins/extension_output.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

using Operation = Result<ops::ExtensionOutcome, ops::OpError> (*)(arm::ArmClient&, const ops::ExtensionRequest&);

VerbResult run(const Invocation& call, Operation operation) {
  auto settings = user_settings(call);
  if (!settings) {
    return error_result(call,
                        ops::OpError{ExitCode::usage, "the extension settings could not be read; nothing was changed",
                                     settings.error()});
  }
  auto mode = change_mode(call);
  if (!mode) return error_result(call, ExitCode::usage, mode.error());
  auto command = open_cluster_command(call);
  if (!command) return error_result(call, command.error());

  ops::ExtensionRequest request;
  request.cluster = command->cluster;
  request.name = extension_name(call);
  request.settings = std::move(*settings);
  request.drop_protected = call.options.list("drop-protected");
  if (call.options.given("release-train")) request.release_train = call.options.get("release-train");
  if (call.options.given("version")) request.version = call.options.get("version");
  request.cluster_access = command->access();
  request.mode = std::move(*mode);

  auto outcome = operation(command->azure->arm(), request);
  if (!outcome) return error_result(call, outcome.error());
  VerbResult out;
  out.data = to_json(*outcome);
  out.human = [outcome = std::move(*outcome)](std::ostream& stream) { print(stream, outcome); };
  return out;
}

std::vector<OptionSpec> all_extension_options() {
  std::vector<OptionSpec> options = extension_settings_options();
  for (auto group : {change_options(), extension_target_options()})
    for (auto& option : group) options.push_back(std::move(option));
  return options;
}

}  // namespace

Verb make_extension_install_verb() {
  VerbSpec spec;
  spec.name = "extension install";
  spec.summary = "Install the Azure Machine Learning extension on a cluster";
  spec.description =
      "Installs Microsoft.AzureML.Kubernetes with the settings the Azure CLI would send for the same input, "
      "after checking them: at least one of enableTraining and enableInference, inference's router service "
      "type and TLS, no key both public and protected. With access to the cluster (its kubectl context), an "
      "NVIDIA device plugin or blobfuse already installed turns the matching install switch to False. On an "
      "Azure Arc cluster it provides the Azure Relay the extension talks through (and a Service Bus with "
      "servicebus.enabled=true). Run again, it sends nothing when the extension is as asked, updates it when "
      "the settings changed, and installs again one that failed.";
  spec.examples = {
      {"Install for training on the Arc cluster of the current kubectl context",
       "extension install --config enableTraining=true"},
      {"Install for training and inference on an AKS cluster",
       "extension install --cluster-type managedClusters --cluster-name aks1 -g my-group --config enableTraining=true "
       "--config enableInference=true --config inferenceRouterServiceType=LoadBalancer --config "
       "allowInsecureConnections=true"},
      {"Show what would be sent, and send nothing", "extension install --config enableTraining=true --dry-run"},
  };
  spec.options = all_extension_options();
  return {spec, [](const Invocation& call) { return run(call, ops::install_extension); }};
}

Verb make_extension_update_verb() {
  VerbSpec spec;
  spec.name = "extension update";
  spec.summary = "Change the settings of the installed Azure Machine Learning extension";
  spec.description =
      "Merges the given settings over the installed extension's and sends them, with the same checks as "
      "install. Azure replaces the protected settings whole, so every protected setting the product provides "
      "(the Relay's and Service Bus's connection strings) is sent again; give your own (TLS files) again too.";
  spec.examples = {
      {"Turn on inference over plain HTTP",
       "extension update --config enableInference=true --config inferenceRouterServiceType=NodePort --config "
       "allowInsecureConnections=true"},
  };
  spec.options = all_extension_options();
  return {spec, [](const Invocation& call) { return run(call, ops::update_extension); }};
}

}  // namespace azureml::cli
