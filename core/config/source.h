#pragma once
// Where a configuration comes from: a file or standard input, and which syntax it uses.
#include <istream>
#include <string>

#include "core/config/document.h"
#include "core/util/result.h"

namespace azureml::config {

enum class Format { json, yaml };

struct Source {
  std::string name;  // as the user gave it; "<stdin>" for '-'
  std::string text;
};

// `path` "-" reads `standard_input`. The error says which file and why.
Result<Source> read_source(const std::string& path, std::istream& standard_input);

// By extension (.json, .yaml, .yml), else by content: JSON starts with '{' or '['.
Format detect_format(const Source& source);

Result<Node, ParseError> parse_source(const Source& source);

}  // namespace azureml::config
