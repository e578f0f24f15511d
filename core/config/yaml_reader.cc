#include "core/config/yaml_reader.h"

#include "core/config/yaml_text.h"

// Two readers make the same tree: the block-subset reader (yaml_block_reader.cc) reads the common
// case in one pass and gives up on anything else; yaml-cpp's event parser (yaml_event_reader.cc)
// reads the rest.

namespace azureml::config {

Node::Kind yaml_plain_scalar_kind(std::string_view s) {
  if (yaml::is_null_word(s)) return Node::Kind::null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return Node::Kind::boolean;
  if (yaml::is_core_number(s)) return Node::Kind::number;
  return Node::Kind::string;
}

Result<Node, ParseError> read_yaml(std::string_view text) {
  if (auto fast = detail::read_yaml_block_subset(text)) return std::move(*fast);
  return detail::read_yaml_events(text);
}

}  // namespace azureml::config
