#pragma once
// One finding about an input: where, which field, what is wrong, and how to fix it.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config/document.h"

namespace azureml::config {

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  Position position;
  std::string path;     // field path, e.g. instanceTypes.gpu.resources.limits["nvidia.com/gpu"]; empty for the document
  std::string message;  // what is wrong
  std::string hint;     // allowed values or the fix; may be empty
};

// file:line:col: error: path: message (hint)
std::string format(const Diagnostic& diagnostic, const std::string& file);
nlohmann::ordered_json to_json(const Diagnostic& diagnostic, const std::string& file);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// Appends one path segment, quoting keys that are not plain identifiers.
std::string join_path(const std::string& parent, const std::string& key);

}  // namespace azureml::config
