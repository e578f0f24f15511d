#pragma once
// YAML (through yaml-cpp) into the positioned Node tree. Scalars are typed by the YAML 1.2
// core schema: a quoted scalar is always a string, a plain one may be null, bool or number.
#include <string_view>

#include "core/config/document.h"
#include "core/util/result.h"

namespace azureml::config {

Result<Node, ParseError> read_yaml(std::string_view text);

// What an unquoted scalar means under the YAML 1.2 core schema (the YAML writer quotes
// any string that would read back as something else).
Node::Kind yaml_plain_scalar_kind(std::string_view scalar);

}  // namespace azureml::config
