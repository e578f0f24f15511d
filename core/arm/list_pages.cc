#include "core/arm/list_pages.h"

namespace azureml::arm {

std::optional<ArmError> each_item(ArmClient& arm, std::string_view collection, std::string_view api_version,
                                  const Query& query, const std::function<void(const JsonShape& item)>& take) {
  std::string next(collection);
  for (int page = 0; !next.empty() && page < 1000; ++page) {
    RequestOptions options;
    if (page == 0) options.query = query;
    auto response = arm.get(next, api_version, options);
    if (!response) return std::move(response.error());
    // A page is {"value": [objects], "nextLink": string or absent}; any other shape ends the
    // list with an error rather than a short or empty one.
    const JsonShape page_shape(response->json);
    for (const auto& item : page_shape.objects("value")) take(item);
    next = page_shape.text("nextLink");
    if (page_shape.error()) return unexpected_shape(*page_shape.error(), *response);
  }
  return std::nullopt;
}

Result<std::vector<nlohmann::json>, ArmError> list_all(ArmClient& arm, std::string_view collection,
                                                       std::string_view api_version, const Query& query) {
  std::vector<nlohmann::json> items;
  const auto keep = [&](const JsonShape& item) { items.push_back(item.json()); };
  if (auto failed = each_item(arm, collection, api_version, query, keep)) return fail(std::move(*failed));
  return items;
}

}  // namespace azureml::arm
