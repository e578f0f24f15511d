// `detach NAME -w WS -g RG --yes`: the Kubernetes compute out of the workspace, after confirmation;
// the cluster stays.
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
  if (!confirmed(call, "Detach compute " + name + " from its workspace?", {"detaching", "detached"}, refusal))
    return error_result(call, ExitCode::usage, refusal);
  ops::DetachRequest request{*(*access)->workspace(call), name, ops::ComputeRemoval::detach, std::move(*mode)};
  auto outcome = ops::detach_compute((*access)->arm(), request);
  if (!outcome) return error_result(call, outcome.error());
  return removal_result(std::move(*outcome), "compute");
}

}  // namespace

Verb make_detach_verb() {
  VerbSpec spec;
  spec.name = "detach";
  spec.summary = "Detach a Kubernetes compute from its workspace";
  spec.description =
      "Removes the compute from the workspace (underlyingResourceAction=Detach) and waits; the cluster and "
      "its AzureML extension stay. A compute that is not there is not an error. Asks for confirmation at a terminal; "
      "scripts pass --yes.";
  spec.examples = {{"Detach a compute", "detach arc-compute -w my-workspace -g my-group --yes"}};
  spec.positional = PositionalSpec{"NAME", "The compute's name in the workspace.", true};
  spec.options = {yes_option()};
  for (auto group : {change_options(), workspace_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
