#include "core/arm/list_pages.h"

namespace azureml::arm {

Result<std::vector<nlohmann::json>, ArmError> list_all(ArmClient& arm, std::string_view collection,
                                                       std::string_view api_version, const Query& query) {
  std::vector<nlohmann::json> items;
  std::string next(collection);
  for (int page = 0; !next.empty() && page < 1000; ++page) {
    RequestOptions options;
    if (page == 0) options.query = query;
    auto response = arm.get(next, api_version, options);
    if (!response) return fail(std::move(response.error()));
    const nlohmann::json& body = response->json;
    next.clear();
    if (!body.is_object()) break;
    if (auto value = body.find("value"); value != body.end() && value->is_array())
      for (const auto& item : *value) items.push_back(item);
    if (auto link = body.find("nextLink"); link != body.end() && link->is_string()) next = link->get<std::string>();
  }
  return items;
}

}  // namespace azureml::arm
