#include "tests/fakes/kube_selector.h"

#include <algorithm>

#include "tests/fakes/kube_resources.h"

namespace azureml::fakes {
namespace {

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Splits at commas outside parentheses: "a in (x,y),b" -> "a in (x,y)", "b".
std::vector<std::string_view> split_requirements(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')') --depth;
    if (text[i] == ',' && depth == 0) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

bool valid_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_' || c == '/';
  });
}

bool valid_value(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
  });
}

// The fields a type can be selected by: what the real API server registers for it.
bool supported_field(const KubeResource& resource, std::string_view field) {
  if (field == "metadata.name" || field == "metadata.namespace") return true;
  if (resource.plural == "pods") return field == "spec.nodeName" || field == "status.phase";
  if (resource.plural == "nodes") return field == "spec.unschedulable";
  return false;
}

}  // namespace

std::optional<KubeSelector> KubeSelector::parse_labels(std::string_view text, std::string& error) {
  KubeSelector selector;
  if (trim_spaces(text).empty()) return selector;
  for (std::string_view part : split_requirements(text)) {
    part = trim_spaces(part);
    Requirement requirement;
    std::string_view key;
    if (part.starts_with('!')) {
      key = trim_spaces(part.substr(1));
      requirement.op = Operator::not_exists;
    } else if (const auto open = part.find('('); open != std::string_view::npos) {
      // "key in (a,b)" / "key notin (a,b)"
      const std::string_view head = trim_spaces(part.substr(0, open));
      const auto space = head.find(' ');
      if (space == std::string_view::npos || !part.ends_with(')')) {
        error = "unable to parse requirement: found '" + std::string(part) + "', expected: in, notin";
        return std::nullopt;
      }
      key = trim_spaces(head.substr(0, space));
      const std::string_view word = trim_spaces(head.substr(space));
      if (word != "in" && word != "notin") {
        error = "unable to parse requirement: found '" + std::string(word) + "', expected: in, notin";
        return std::nullopt;
      }
      requirement.op = word == "in" ? Operator::in : Operator::not_in;
      const std::string_view list = part.substr(open + 1, part.size() - open - 2);
      for (std::string_view value : split_requirements(list)) requirement.values.emplace_back(trim_spaces(value));
    } else if (const auto not_equal = part.find("!="); not_equal != std::string_view::npos) {
      key = trim_spaces(part.substr(0, not_equal));
      requirement.op = Operator::not_equals;
      requirement.values.emplace_back(trim_spaces(part.substr(not_equal + 2)));
    } else if (const auto equal = part.find('='); equal != std::string_view::npos) {
      key = trim_spaces(part.substr(0, equal));
      const std::size_t skip = part.substr(equal).starts_with("==") ? 2 : 1;
      requirement.op = Operator::equals;
      requirement.values.emplace_back(trim_spaces(part.substr(equal + skip)));
    } else {
      key = part;
      requirement.op = Operator::exists;
    }
    if (!valid_key(key)) {
      error = "unable to parse requirement: invalid label key \"" + std::string(key) + "\"";
      return std::nullopt;
    }
    for (const std::string& value : requirement.values) {
      if (!valid_value(value)) {
        error = "unable to parse requirement: invalid label value: \"" + value + "\"";
        return std::nullopt;
      }
    }
    requirement.key = std::string(key);
    selector.requirements_.push_back(std::move(requirement));
  }
  return selector;
}

std::optional<KubeSelector> KubeSelector::parse_fields(std::string_view text, const KubeResource& resource,
                                                       std::string& error) {
  KubeSelector selector;
  selector.fields_ = true;
  if (trim_spaces(text).empty()) return selector;
  for (std::string_view part : split_requirements(text)) {
    part = trim_spaces(part);
    Requirement requirement;
    std::size_t at = part.find("!=");
    std::size_t skip = 2;
    requirement.op = Operator::not_equals;
    if (at == std::string_view::npos) {
      at = part.find('=');
      skip = part.substr(at == std::string_view::npos ? 0 : at).starts_with("==") ? 2 : 1;
      requirement.op = Operator::equals;
    }
    if (at == std::string_view::npos) {
      error = "invalid selector: '" + std::string(part) + "'; can't understand '" + std::string(part) + "'";
      return std::nullopt;
    }
    requirement.key = std::string(trim_spaces(part.substr(0, at)));
    requirement.values.emplace_back(trim_spaces(part.substr(at + skip)));
    if (!supported_field(resource, requirement.key)) {
      error = "field label not supported: " + requirement.key;
      return std::nullopt;
    }
    selector.requirements_.push_back(std::move(requirement));
  }
  return selector;
}

std::optional<std::string> KubeSelector::value_of(const nlohmann::json& object, const std::string& key) const {
  if (!fields_) {
    const nlohmann::json* labels = nullptr;
    if (object.contains("metadata") && object["metadata"].contains("labels")) labels = &object["metadata"]["labels"];
    if (labels == nullptr || !labels->contains(key) || !(*labels)[key].is_string()) return std::nullopt;
    return (*labels)[key].get<std::string>();
  }
  // A field: walk the dotted path; a missing field compares as its zero value, as in the API
  // server's field sets ("" for strings, "false" for spec.unschedulable).
  const nlohmann::json* node = &object;
  std::size_t start = 0;
  while (start <= key.size()) {
    const std::size_t dot = std::min(key.find('.', start), key.size());
    const std::string segment = key.substr(start, dot - start);
    if (!node->is_object() || !node->contains(segment)) return key == "spec.unschedulable" ? "false" : "";
    node = &(*node)[segment];
    start = dot + 1;
  }
  if (node->is_string()) return node->get<std::string>();
  if (node->is_boolean()) return node->get<bool>() ? "true" : "false";
  return node->dump();
}

bool KubeSelector::matches(const nlohmann::json& object) const {
  for (const Requirement& requirement : requirements_) {
    const std::optional<std::string> value = value_of(object, requirement.key);
    const auto listed = [&] {
      return value &&
             std::find(requirement.values.begin(), requirement.values.end(), *value) != requirement.values.end();
    };
    bool ok = false;
    switch (requirement.op) {
      case Operator::equals:
        ok = value && *value == requirement.values.front();
        break;
      case Operator::not_equals:
        ok = !value || *value != requirement.values.front();
        break;
      case Operator::in:
        ok = listed();
        break;
      case Operator::not_in:
        ok = !listed();
        break;
      case Operator::exists:
        ok = value.has_value();
        break;
      case Operator::not_exists:
        ok = !value.has_value();
        break;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace azureml::fakes
