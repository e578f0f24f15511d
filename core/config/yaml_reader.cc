#include "core/config/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace azureml::config {
namespace {

Position position_of(const YAML::Mark& mark) { return {mark.line + 1, mark.column + 1}; }

bool is_core_number(std::string_view s) {
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "-.inf" || s == "+.inf" || s == ".nan" || s == ".NaN" ||
      s == ".NAN")
    return true;
  auto all = [](std::string_view digits, auto predicate) {
    return !digits.empty() && std::all_of(digits.begin(), digits.end(), predicate);
  };
  if (s.starts_with("0o")) return all(s.substr(2), [](char c) { return c >= '0' && c <= '7'; });
  if (s.starts_with("0x")) return all(s.substr(2), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  // [-+]? ( .digits | digits(.digits?)? ) ([eE][-+]?digits)?
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const bool integer_part = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits() && !integer_part) return false;
  } else if (!integer_part) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

}  // namespace

Node::Kind yaml_plain_scalar_kind(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Node::Kind::null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return Node::Kind::boolean;
  if (is_core_number(s)) return Node::Kind::number;
  return Node::Kind::string;
}

namespace {

class Converter {
 public:
  explicit Converter(std::size_t budget) : budget_(budget) {}

  // Aliases make a small file expand into a huge tree; the budget stops that.
  bool convert(const YAML::Node& in, Node& out) {
    if (budget_ == 0) return false;
    --budget_;
    out.position = position_of(in.Mark());
    switch (in.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = Node::Kind::null;
        return true;
      case YAML::NodeType::Scalar:
        out.text = in.Scalar();
        out.kind = in.Tag() == "?" ? yaml_plain_scalar_kind(out.text) : Node::Kind::string;
        return true;
      case YAML::NodeType::Sequence:
        out.kind = Node::Kind::sequence;
        for (const auto& item : in) {
          out.items.emplace_back();
          if (!convert(item, out.items.back())) return false;
        }
        return true;
      case YAML::NodeType::Map:
        out.kind = Node::Kind::map;
        for (const auto& pair : in) {  // yaml-cpp keeps duplicate keys: the validator reports them
          Node::Entry entry;
          entry.key_position = position_of(pair.first.Mark());
          entry.key = pair.first.IsScalar() ? pair.first.Scalar() : std::string();
          if (!convert(pair.second, entry.value)) return false;
          out.entries.push_back(std::move(entry));
        }
        return true;
    }
    return true;
  }

 private:
  std::size_t budget_;
};

}  // namespace

Result<Node, ParseError> read_yaml(std::string_view text) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    return fail(ParseError{position_of(e.mark), e.msg, "check the indentation and quoting around this point"});
  }
  if (documents.empty() || (documents.size() == 1 && documents[0].IsNull() && documents[0].Tag().empty()))
    return fail(ParseError{{1, 1}, "the document is empty", "expected a map of settings"});
  if (documents.size() > 1)
    return fail(ParseError{position_of(documents[1].Mark()), "the file holds " + std::to_string(documents.size()) +
                                                                  " YAML documents; one is expected",
                           "remove the '---' separators, or split the file"});
  Node root;
  if (!Converter(text.size() * 4 + 1024).convert(documents[0], root))
    return fail(ParseError{{1, 1}, "the document expands to too many values through aliases",
                           "write the values out instead of using anchors and aliases"});
  return root;
}

}  // namespace azureml::config
