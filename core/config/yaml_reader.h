#pragma once
// YAML into the positioned Node tree (columns in characters, as the JSON reader counts them).
// Scalars are typed by the YAML 1.2 core schema: a quoted scalar is always a string, a plain
// one may be null, bool or number; explicit core tags (!!str, !!int, ...) are honoured, others
// are errors. Aliases are expanded (within a budget), merge keys ('<<') merged, and a document
// may nest 256 levels deep, as in JSON.
#include <optional>
#include <string_view>

#include "core/config/document.h"
#include "core/util/result.h"

namespace azureml::config {

Result<Node, ParseError> read_yaml(std::string_view text);

// What an unquoted scalar means under the YAML 1.2 core schema (the YAML writer quotes
// any string that would read back as something else).
Node::Kind yaml_plain_scalar_kind(std::string_view scalar);

namespace detail {
// read_yaml's two readers, apart for the tests that compare them. The first reads the common
// block-style subset fast and gives nothing for any other text (or a wrong one); the second
// reads any YAML through yaml-cpp's event parser.
std::optional<Node> read_yaml_block_subset(std::string_view text);
Result<Node, ParseError> read_yaml_events(std::string_view text);
}  // namespace detail

}  // namespace azureml::config
