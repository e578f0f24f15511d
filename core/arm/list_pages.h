#pragma once
// Every item of an ARM collection: GET it, then each `nextLink`, gathering `value`.
#include <functional>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"

namespace azureml::arm {

// At most 1000 pages: a server that repeats a link must not loop forever. A page may be empty
// and still have a nextLink.
// `query` goes on the first request only (nextLink carries its own).
// A page must be {"value": [objects], "nextLink": string}. `take` reads each item as a reader
// made from its page, so that a field of another type is reported against the page that held
// it: "GET <page> answered JSON of an unexpected shape: at $.value[3].properties … (request id
// X)". Returns the error that ended the list, or nullopt.
std::optional<ArmError> each_item(ArmClient& arm, std::string_view collection, std::string_view api_version,
                                  const Query& query, const std::function<void(const JsonShape& item)>& take);

// Every item as it is.
Result<std::vector<nlohmann::json>, ArmError> list_all(ArmClient& arm, std::string_view collection,
                                                       std::string_view api_version, const Query& query = {});

// Every item read into what the caller keeps, in one pass: `read` takes each item's JsonShape.
template <typename Read, typename Item = std::invoke_result_t<Read, const JsonShape&>>
Result<std::vector<Item>, ArmError> list_read(ArmClient& arm, std::string_view collection, std::string_view api_version,
                                              Read read, const Query& query = {}) {
  std::vector<Item> out;
  const auto keep = [&](const JsonShape& item) { out.push_back(read(item)); };
  if (auto failed = each_item(arm, collection, api_version, query, keep)) return fail(std::move(*failed));
  return out;
}

}  // namespace azureml::arm
