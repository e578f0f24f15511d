#pragma once
// Every item of an ARM collection: GET it, then each `nextLink`, gathering `value`.
#include <functional>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"

namespace azureml::arm {

// At most 1000 pages: a server that repeats a link must not loop forever. A page may be empty
// and still have a nextLink.
// `query` goes on the first request only (nextLink carries its own).
// A page must be {"value": [objects], "nextLink": string}; `check_item` reads each item as the
// caller will, so that a field of another type is reported against the page that held it:
// "GET <page> answered JSON of an unexpected shape: at $.value[3].properties … (request id X)".
using ItemCheck = std::function<void(const JsonShape& item)>;
Result<std::vector<nlohmann::json>, ArmError> list_all(ArmClient& arm, std::string_view collection,
                                                       std::string_view api_version, const Query& query = {},
                                                       const ItemCheck& check_item = {});

// Every item read into what the caller keeps, in one pass: `read` takes each item's JsonShape,
// and a field of another type ends the list with unexpected_shape as list_all does.
template <typename Read, typename Item = std::invoke_result_t<Read, const JsonShape&>>
Result<std::vector<Item>, ArmError> list_read(ArmClient& arm, std::string_view collection, std::string_view api_version,
                                              Read read, const Query& query = {}) {
  std::vector<Item> out;
  auto items = list_all(arm, collection, api_version, query, [&](const JsonShape& item) { out.push_back(read(item)); });
  if (!items) return fail(std::move(items.error()));
  return out;
}

}  // namespace azureml::arm
