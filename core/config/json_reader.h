#pragma once
// Strict JSON (RFC 8259) into a positioned Node tree. nlohmann_json 3.11 reports no
// positions for values, and every diagnostic here needs line:col, hence our own reader.
#include <string_view>

#include "core/config/document.h"
#include "core/util/result.h"

namespace azureml::config {

Result<Node, ParseError> read_json(std::string_view text);

}  // namespace azureml::config
