#pragma once
// JSON values as block YAML. Strings that would read back as another type ("2", "true",
// "null") are quoted, so the YAML means exactly what the JSON does.
#include <nlohmann/json.hpp>
#include <string>

namespace azureml::cli {

std::string to_yaml(const nlohmann::ordered_json& value);

}  // namespace azureml::cli
