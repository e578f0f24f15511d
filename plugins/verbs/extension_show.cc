// `extension show`: the AzureML extension's state, settings and errors, and its pods.
#include <ostream>

#include "core/ops/extension_show.h"
#include "plugins/cluster_command.h"
#include "plugins/extension_options.h"
#include "plugins/extension_output.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

VerbResult run(const Invocation& call) {
  auto command = open_cluster_command(call);
  if (!command) return error_result(call, command.error());
  auto report = ops::show_extension(command->azure->arm(), {command->cluster, extension_name(call), command->access()});
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
                   {"Show an AKS cluster's as JSON",
                    "extension show --cluster-type managedClusters --cluster-name "
                    "aks1 -g my-group -o json"}};
  spec.options = extension_target_options();
  return {spec, run};
}

}  // namespace azureml::cli
