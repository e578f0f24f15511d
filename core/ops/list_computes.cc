#include "core/ops/list_computes.h"

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/util/text.h"

namespace azureml::ops {

ComputeSummary read_compute_summary(const JsonShape& compute) {
  const JsonShape properties = compute.object("properties");
  return {compute.text("name"),     properties.text("computeType"), properties.text("provisioningState"),
          compute.text("location"), properties.text("resourceId"),  compute.text("id")};
}

Result<std::vector<ComputeSummary>, arm::ArmError> list_computes(arm::ArmClient& arm, const arm::ResourceId& workspace,
                                                                 const std::optional<std::string>& type) {
  auto items = arm::list_all(arm, workspace.str() + "/computes", arm::api_versions::kMachineLearning, {},
                             [](const JsonShape& compute) { read_compute_summary(compute); });
  if (!items) return fail(items.error());
  std::vector<ComputeSummary> computes;
  for (const auto& item : *items) {
    ComputeSummary summary = read_compute_summary(JsonShape(item));
    if (!type || equals_ci(summary.type, *type)) computes.push_back(std::move(summary));
  }
  return computes;
}

}  // namespace azureml::ops
