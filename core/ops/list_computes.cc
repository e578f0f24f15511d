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
  auto computes =
      arm::list_read(arm, workspace.str() + "/computes", arm::api_versions::kMachineLearning, read_compute_summary);
  if (!computes) return fail(computes.error());
  if (type)
    std::erase_if(computes.value(), [&](const ComputeSummary& summary) { return !equals_ci(summary.type, *type); });
  return std::move(computes).value();
}

}  // namespace azureml::ops
