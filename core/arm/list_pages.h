#pragma once
// Every item of an ARM collection: GET it, then each `nextLink`, gathering `value`.
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"

namespace azureml::arm {

// At most 1000 pages: a server that repeats a link must not loop forever. A page may be empty
// and still have a nextLink.
// `query` goes on the first request only (nextLink carries its own).
Result<std::vector<nlohmann::json>, ArmError> list_all(ArmClient& arm, std::string_view collection,
                                                       std::string_view api_version, const Query& query = {});

}  // namespace azureml::arm
