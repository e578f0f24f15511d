// `compute delete NAME -w WS -g RG --yes`: a compute cluster and its VMs
// (underlyingResourceAction=Delete), after confirmation.
#include <ostream>

#include "core/ops/detach_compute.h"
#include "plugins/azure_access.h"
#include "plugins/change_mode.h"
#include "plugins/compute_output.h"
#include "plugins/confirm.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

VerbResult run(const Invocation& call) {
  auto mode = change_mode(call);
  if (!mode) return error_result(call, ExitCode::usage, mode.error());
  auto access = AzureAccess::open(call);
  if (!access) return error_result(call, ExitCode::usage, access.error());
  const std::string name = *call.options.positional();
  std::string refusal;
  if (!confirmed(call, "Delete compute cluster " + name + " and its VMs?", {"deleting", "deleted"}, refusal))
    return error_result(call, ExitCode::usage, refusal);
  ops::DetachRequest request{*(*access)->workspace(call), name, ops::ComputeRemoval::remove, std::move(*mode)};
  auto outcome = ops::detach_compute((*access)->arm(), request);
  if (!outcome) return error_result(call, outcome.error());
  return removal_result(std::move(*outcome), "compute cluster");
}

}  // namespace

Verb make_compute_delete_verb() {
  VerbSpec spec;
  spec.name = "compute delete";
  spec.summary = "Delete a compute cluster and its VMs";
  spec.description =
      "Deletes the cluster (underlyingResourceAction=Delete) and waits until it is gone. Asks for confirmation at a "
      "terminal; scripts pass --yes. A cluster that is not there is not an error. An attached Kubernetes compute is "
      "refused: 'detach' takes it out of the workspace.";
  spec.examples = {{"Delete a cluster", "compute delete cpu-cluster -w my-workspace -g my-group --yes"}};
  spec.positional = PositionalSpec{"NAME", "The compute cluster's name in the workspace.", true};
  spec.options = {yes_option()};
  for (auto group : {change_options(), workspace_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
