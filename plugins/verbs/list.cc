// `list -w WS -g RG [--type T]`: the computes of a workspace with their type and state.
#include <ostream>

#include "core/ops/list_computes.h"
#include "plugins/azure_access.h"
#include "plugins/options.h"
#include "plugins/output/table.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

// The compute types ARM reports (properties.computeType).
const std::vector<std::string> kComputeTypes = {"Kubernetes",        "AmlCompute",  "ComputeInstance", "AKS",
                                                "VirtualMachine",    "HDInsight",   "Databricks",      "DataFactory",
                                                "DataLakeAnalytics", "SynapseSpark"};

nlohmann::ordered_json to_json(const ops::ComputeSummary& compute) {
  nlohmann::ordered_json json = {{"name", compute.name},
                                 {"type", compute.type},
                                 {"provisioningState", compute.provisioning_state},
                                 {"location", compute.location},
                                 {"id", compute.id}};
  if (!compute.resource_id.empty()) json["resourceId"] = compute.resource_id;
  return json;
}

VerbResult run(const Invocation& call) {
  auto access = AzureAccess::open(call);
  if (!access) return error_result(call, ExitCode::usage, access.error());
  std::optional<std::string> type;
  if (call.options.given("type")) type = call.options.get("type");

  auto computes = ops::list_computes((*access)->arm(), *(*access)->workspace(call), type);
  if (!computes) return error_result(call, computes.error());

  VerbResult out;
  out.data = nlohmann::ordered_json::array();
  for (const auto& compute : *computes) out.data.push_back(to_json(compute));
  out.human = [computes = std::move(*computes)](std::ostream& stream) {
    Table table({"NAME", "TYPE", "STATE", "LOCATION"});
    for (const auto& compute : computes)
      table.add_row({compute.name, compute.type, compute.provisioning_state, compute.location});
    table.print(stream);
  };
  return out;
}

}  // namespace

Verb make_list_verb() {
  VerbSpec spec;
  spec.name = "list";
  spec.summary = "List the computes of an Azure Machine Learning workspace";
  spec.description =
      "Lists every compute target of the workspace, attached Kubernetes clusters and Azure ML compute "
      "clusters alike, with its type and provisioning state.";
  spec.examples = {
      {"List the Kubernetes computes of a workspace", "list -w my-workspace -g my-group --type Kubernetes"}};
  spec.options = workspace_options();
  spec.options.push_back(
      {"type", 0, OptionType::choice, "TYPE", "Only computes of this type.", std::nullopt, kComputeTypes});
  for (auto& option : azure_options()) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
