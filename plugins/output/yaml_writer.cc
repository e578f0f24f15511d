#include "plugins/output/yaml_writer.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/config/yaml_reader.h"

namespace azureml::cli {
namespace {

// YAML 1.1 readers (PyYAML among them) take these as booleans.
constexpr std::array<std::string_view, 16> kYaml11Words = {"y",  "Y",  "yes", "Yes", "YES", "n",   "N",   "no",
                                                           "No", "NO", "on",  "On",  "ON",  "off", "Off", "OFF"};

bool plain_is_safe(const std::string& s) {
  if (s.empty()) return false;
  const auto safe_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '-';
  };
  if (!std::isalnum(static_cast<unsigned char>(s[0])) && s[0] != '_' && s[0] != '/') return false;
  if (!std::all_of(s.begin(), s.end(), safe_char)) return false;
  if (std::find(kYaml11Words.begin(), kYaml11Words.end(), s) != kYaml11Words.end()) return false;
  if (config::yaml_plain_scalar_kind(s) != config::Node::Kind::string) return false;
  // A leading digit reads as a YAML 1.1 number unless a letter other than e, x, b or o says otherwise.
  if (std::isdigit(static_cast<unsigned char>(s[0])))
    return std::any_of(s.begin(), s.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) &&
             std::string_view("eExXbBoO").find(c) == std::string_view::npos;
    });
  return true;
}

std::string scalar(const nlohmann::ordered_json& value) {
  if (value.is_null()) return "null";
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    return plain_is_safe(s) ? s : nlohmann::ordered_json(s).dump();  // JSON string syntax is valid YAML
  }
  return value.dump();
}

bool is_empty_collection(const nlohmann::ordered_json& v) { return v.is_structured() && v.empty(); }

void write(const nlohmann::ordered_json& value, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      out += pad + scalar(key) + ":";
      if (child.is_structured() && !child.empty()) {
        out += "\n";
        write(child, indent + (child.is_object() ? 2 : 0), out);
      } else {
        out += " " + (is_empty_collection(child) ? child.dump() : scalar(child)) + "\n";
      }
    }
  } else if (value.is_array()) {
    for (const auto& child : value) {
      if (child.is_object() && !child.empty()) {
        std::string nested;
        write(child, indent + 2, nested);
        nested.replace(0, static_cast<std::size_t>(indent + 2), pad + "- ");
        out += nested;
      } else if (child.is_array() && !child.empty()) {
        out += pad + "-\n";
        write(child, indent + 2, out);
      } else {
        out += pad + "- " + (is_empty_collection(child) ? child.dump() : scalar(child)) + "\n";
      }
    }
  } else {
    out += pad + scalar(value) + "\n";
  }
}

}  // namespace

std::string to_yaml(const nlohmann::ordered_json& value) {
  if (is_empty_collection(value)) return value.dump() + "\n";
  std::string out;
  write(value, 0, out);
  return out;
}

}  // namespace azureml::cli
