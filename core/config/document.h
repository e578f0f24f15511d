#pragma once
// A parsed JSON or YAML document with the position of every key and value, so that
// validation can say file:line:col. Both readers produce this one tree.
#include <string>
#include <string_view>
#include <vector>

namespace azureml::config {

struct Position {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based, in characters
};

class Node {
 public:
  enum class Kind { null, boolean, number, string, map, sequence };
  struct Entry;

  Kind kind = Kind::null;
  Position position;
  std::string text;            // scalars: the value as written (strings unescaped)
  std::vector<Entry> entries;  // maps: in document order, duplicate keys kept
  std::vector<Node> items;     // sequences

  bool is_scalar() const { return kind != Kind::map && kind != Kind::sequence; }
};

struct Node::Entry {
  std::string key;
  Position key_position;
  Node value;
};

// "a string", "a map", ...: for "must be X, found Y" messages.
std::string_view describe(Node::Kind kind);

// The position's "line:col" form.
std::string to_string(Position position);
// "line 3, column 5", for pointing at a second place inside a message.
std::string in_words(Position position);

struct ParseError {
  Position position;
  std::string message;
  std::string hint;
};

}  // namespace azureml::config
