// `compute show NAME -w WS -g RG`: a compute cluster's size, priority, scale settings, node
// counts, identity, state and errors.
#include <ostream>

#include "core/arm/api_versions.h"
#include "core/ops/aml_compute.h"
#include "core/ops/compute_common.h"
#include "core/util/text.h"
#include "plugins/azure_access.h"
#include "plugins/compute_output.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

VerbResult run(const Invocation& call) {
  auto access = AzureAccess::open(call);
  if (!access) return error_result(call, ExitCode::usage, access.error());
  const std::string name = *call.options.positional();
  const auto workspace = *(*access)->workspace(call);
  const auto id = arm::ResourceId::compute(workspace, name);
  auto compute = (*access)->arm().get(id.str(), arm::api_versions::kMachineLearning);
  if (!compute) {
    ops::OpError error = ops::OpError::from(compute.error());
    if (ops::is_not_found(compute.error()))
      error.message = "compute " + name + " not found in workspace " + workspace.name() + "\n'list' shows its computes";
    return error_result(call, error);
  }
  const std::string type = ops::compute_type(compute->json);
  if (!equals_ci(type, "AmlCompute")) {
    return error_result(
        call, ExitCode::usage,
        "compute " + name + " has computeType " + type + ", not AmlCompute: 'show " + name + "' shows it");
  }
  VerbResult out;
  out.data = ops::aml_compute_view(compute->json);
  out.human = [view = out.data, name](std::ostream& stream) {
    stream << "compute cluster " << name << "\n";
    print_aml_compute(stream, view);
  };
  return out;
}

}  // namespace

Verb make_compute_show_verb() {
  VerbSpec spec;
  spec.name = "compute show";
  spec.summary = "Show a compute cluster: size, scale settings, nodes, identity, state, errors";
  spec.examples = {{"Show a cluster as JSON", "compute show cpu-cluster -w my-workspace -g my-group -o json"}};
  spec.positional = PositionalSpec{"NAME", "The compute cluster's name in the workspace.", true};
  for (auto group : {workspace_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
