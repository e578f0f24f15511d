#pragma once
// Every item of an ARM collection: GET it, then each `nextLink`, gathering `value`.
#include <functional>
#include <string_view>
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

}  // namespace azureml::arm
