// `extension delete`: the AzureML extension off the cluster, and with --delete-relay the Relay
// and Service Bus made for it.
#include <istream>
#include <ostream>

#include "core/ops/extension_delete.h"
#include "plugins/change_mode.h"
#include "plugins/confirm.h"
#include "plugins/cluster_command.h"
#include "plugins/extension_options.h"
#include "plugins/extension_output.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

VerbResult run(const Invocation& call) {
  auto mode = change_mode(call);
  if (!mode) return error_result(call, ExitCode::usage, mode.error());
  auto command = open_cluster_command(call);
  if (!command) return error_result(call, command.error());
  std::string refusal;
  const std::string what = std::string("Delete the AzureML extension from cluster ") + command->cluster.name() +
                           (call.options.flag("delete-relay") ? " with its Relay and Service Bus?" : "?");
  if (!confirmed(call, what, {"deleting", "deleted"}, refusal)) return error_result(call, ExitCode::usage, refusal);

  ops::ExtensionDeleteRequest request;
  request.cluster = command->cluster;
  request.name = extension_name(call);
  request.force = call.options.flag("force");
  request.delete_relay = call.options.flag("delete-relay");
  request.mode = std::move(*mode);
  auto outcome = ops::delete_extension(command->azure->arm(), request);
  if (!outcome) return error_result(call, outcome.error());

  VerbResult out;
  out.data = {{"action", outcome->action},
              {"id", outcome->id ? outcome->id->str() : std::string()},
              {"dryRun", outcome->dry_run},
              {"notes", outcome->notes},
              {"changes", to_json(outcome->changes)}};
  out.human = [outcome = std::move(*outcome)](std::ostream& stream) {
    stream << "extension " << (outcome.id ? outcome.id->name() : std::string()) << ": " << outcome.action << "\n";
    if (outcome.dry_run) {
      stream << "the plan (nothing was sent):\n";
      print_changes(stream, outcome.changes, false);
    }
    print_lines(stream, "notes", outcome.notes);
  };
  return out;
}

}  // namespace

Verb make_extension_delete_verb() {
  VerbSpec spec;
  spec.name = "extension delete";
  spec.summary = "Delete the Azure Machine Learning extension from a cluster";
  spec.description =
      "Deletes the extension and waits until it is gone. --force deletes it from Azure without waiting for "
      "the cluster's agent (for a cluster that is gone). --delete-relay also deletes the Relay and Service Bus "
      "namespaces made for the extension (tagged created_by: Azure Arc-enabled ML). Nothing installed is not an "
      "error. Asks for confirmation at a terminal; scripts pass --yes.";
  spec.examples = {{"Delete it and the Relay made for it", "extension delete --delete-relay --yes"}};
  spec.options = {
      yes_option(),
      {"force",
       0,
       OptionType::flag,
       "",
       "Delete from Azure without waiting for the cluster (forceDelete=true).",
       std::nullopt,
       {}},
      {"delete-relay",
       0,
       OptionType::flag,
       "",
       "Also delete the Relay and Service Bus made for the extension.",
       std::nullopt,
       {}},
  };
  for (auto group : {change_options(), extension_target_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
