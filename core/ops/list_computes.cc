#include "core/ops/list_computes.h"

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

std::string text_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

ComputeSummary summary_of(const nlohmann::json& compute) {
  const nlohmann::json properties = compute.is_object() ? compute.value("properties", nlohmann::json::object())
                                                        : nlohmann::json::object();
  return {text_at(compute, "name"),     text_at(properties, "computeType"), text_at(properties, "provisioningState"),
          text_at(compute, "location"), text_at(properties, "resourceId"),  text_at(compute, "id")};
}

}  // namespace

Result<std::vector<ComputeSummary>, arm::ArmError> list_computes(arm::ArmClient& arm, const arm::ResourceId& workspace,
                                                                 const std::optional<std::string>& type) {
  auto items = arm::list_all(arm, workspace.str() + "/computes", arm::api_versions::kMachineLearning);
  if (!items) return fail(items.error());
  std::vector<ComputeSummary> computes;
  for (const auto& compute : *items) {
    ComputeSummary summary = summary_of(compute);
    if (!type || equals_ci(summary.type, *type)) computes.push_back(std::move(summary));
  }
  return computes;
}

}  // namespace azureml::ops
