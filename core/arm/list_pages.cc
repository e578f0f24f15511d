#include "core/arm/list_pages.h"

namespace azureml::arm {

Result<std::vector<nlohmann::json>, ArmError> list_all(ArmClient& arm, std::string_view collection,
                                                       std::string_view api_version, const Query& query,
                                                       const ItemCheck& check_item) {
  std::vector<nlohmann::json> items;
  std::string next(collection);
  for (int page = 0; !next.empty() && page < 1000; ++page) {
    RequestOptions options;
    if (page == 0) options.query = query;
    auto response = arm.get(next, api_version, options);
    if (!response) return fail(std::move(response.error()));
    // A page is {"value": [objects], "nextLink": string or absent}; any other shape ends the
    // list with an error rather than a short or empty one.
    const JsonShape page_shape(response->json);
    for (const auto& item : page_shape.objects("value")) {
      if (check_item) check_item(item);
      items.push_back(item.json());
    }
    next = page_shape.text("nextLink");
    if (page_shape.error()) return fail(unexpected_shape(*page_shape.error(), *response));
  }
  return items;
}

}  // namespace azureml::arm
