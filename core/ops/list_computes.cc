#include "core/ops/list_computes.h"

#include "core/arm/api_versions.h"
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
  std::vector<ComputeSummary> computes;
  std::string next = workspace.str() + "/computes";
  // A page may be empty with a nextLink; a server that repeats a link would loop forever.
  for (int page = 0; !next.empty(); ++page) {
    if (page == 1000) break;
    auto response = arm.get(next, arm::api_versions::kMachineLearning);
    if (!response) return fail(std::move(response.error()));
    const nlohmann::json& body = response->json;
    if (body.is_object() && body.contains("value") && body["value"].is_array())
      for (const auto& compute : body["value"]) {
        ComputeSummary summary = summary_of(compute);
        if (!type || equals_ci(summary.type, *type)) computes.push_back(std::move(summary));
      }
    next = text_at(body, "nextLink");
  }
  return computes;
}

}  // namespace azureml::ops
