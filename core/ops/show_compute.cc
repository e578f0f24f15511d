#include "core/ops/show_compute.h"

#include "core/arm/api_versions.h"
#include "core/util/text.h"
#include "core/util/json_fields.h"

namespace azureml::ops {

Result<ComputeReport, OpError> show_compute(arm::ArmClient& arm, const arm::ResourceId& workspace,
                                            const std::string& name, const ClusterAccess& access) {
  const auto id = arm::ResourceId::compute(workspace, name);
  auto got = arm.get(id.str(), arm::api_versions::kMachineLearning);
  if (!got) {
    OpError error = OpError::from(got.error());
    if (got.error().exit_code() == ExitCode::not_found)
      error.message = "compute " + name + " not found in workspace " + workspace.name() + "\n'list' shows its computes";
    return fail(std::move(error));
  }
  ComputeReport report{got->json, std::nullopt, ""};
  const nlohmann::json properties = got->json.is_object() ? got->json.value("properties", nlohmann::json::object())
                                                          : nlohmann::json::object();
  if (!properties.is_object() || !equals_ci(string_field(properties, "computeType"), "Kubernetes")) return report;
  auto cluster = arm::ResourceId::parse_cluster(string_field(properties, "resourceId"));
  if (!cluster) {
    report.extension_problem = "the compute's resourceId is not a cluster: " + cluster.error().describe();
    return report;
  }
  auto extension = show_extension(arm, {*cluster, std::nullopt, access});
  if (extension) report.extension = std::move(*extension);
  else report.extension_problem = extension.error().message;
  return report;
}

}  // namespace azureml::ops
