#include "core/config/document.h"

namespace azureml::config {

std::string_view describe(Node::Kind kind) {
  switch (kind) {
    case Node::Kind::null:
      return "null";
    case Node::Kind::boolean:
      return "a boolean";
    case Node::Kind::number:
      return "a number";
    case Node::Kind::string:
      return "a string";
    case Node::Kind::map:
      return "a map";
    case Node::Kind::sequence:
      return "a list";
  }
  return "a value";
}

std::string to_string(Position position) {
  return std::to_string(position.line) + ":" + std::to_string(position.column);
}

std::string in_words(Position position) {
  return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

}  // namespace azureml::config
