#include "core/config/k8s_names.h"

#include <algorithm>
#include <cctype>

#include "core/util/text.h"

namespace azureml::config {
namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool is_dns1123_label(std::string_view s) {
  return !s.empty() && s.size() <= 63 && lower_alnum(s.front()) && lower_alnum(s.back()) &&
         std::all_of(s.begin(), s.end(), [](char c) { return lower_alnum(c) || c == '-'; });
}

// apimachinery's IsDNS1123Subdomain: dot-separated lowercase parts, 253 characters in all
// (unlike a label, a part itself has no 63-character cap).
bool is_dns1123_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    const std::string_view part = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || !lower_alnum(part.front()) || !lower_alnum(part.back()) ||
        !std::all_of(part.begin(), part.end(), [](char c) { return lower_alnum(c) || c == '-'; }))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_qualified_part(std::string_view s) {
  return !s.empty() && s.size() <= 63 && alnum(s.front()) && alnum(s.back()) &&
         std::all_of(s.begin(), s.end(), [](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

const char* kQualifiedRule =
    "alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character, "
    "at most 63 characters";

}  // namespace

std::optional<NameProblem> check_namespace_name(std::string_view name) {
  if (is_dns1123_label(name)) return std::nullopt;
  if (name.empty()) return NameProblem{"must not be empty", "remove it to use 'default'"};
  if (name.size() > 63)
    return NameProblem{"'" + std::string(name) + "' is " + std::to_string(name.size()) + " characters long",
                       "a namespace name has at most 63 characters"};
  const std::string lowered = to_lower(name);
  std::string hint =
      "a namespace name uses lowercase letters, digits and '-', and starts and ends with a letter or digit";
  if (is_dns1123_label(lowered)) hint += ", e.g. '" + lowered + "'";
  return NameProblem{"'" + std::string(name) + "' is not a valid namespace name", hint};
}

std::optional<NameProblem> check_label_key(std::string_view key) {
  if (key.empty()) return NameProblem{"a label key must not be empty", ""};
  const std::size_t slash = key.find('/');
  std::string_view name = key;
  if (slash != std::string_view::npos) {
    const std::string_view prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (!is_dns1123_subdomain(prefix))
      return NameProblem{"label key '" + std::string(key) + "' has an invalid prefix '" + std::string(prefix) + "'",
                         "a prefix is a lowercase DNS subdomain such as 'example.com', at most 253 characters"};
    if (name.find('/') != std::string_view::npos)
      return NameProblem{"label key '" + std::string(key) + "' has more than one '/'", "use prefix/name"};
  }
  if (name.size() > 63)
    return NameProblem{
        "label key '" + std::string(key) + "' has a name part " + std::to_string(name.size()) + " characters long",
        "the part after any '/' has at most 63 characters"};
  if (!is_qualified_part(name))
    return NameProblem{"label key '" + std::string(key) + "' is not a valid label name",
                       std::string("a label name uses ") + kQualifiedRule};
  return std::nullopt;
}

std::optional<NameProblem> check_label_value(std::string_view value) {
  if (value.empty() || is_qualified_part(value)) return std::nullopt;
  if (value.size() > 63)
    return NameProblem{
        "label value '" + std::string(value) + "' is " + std::to_string(value.size()) + " characters long",
        "a label value has at most 63 characters"};
  return NameProblem{"label value '" + std::string(value) + "' is not valid",
                     std::string("a label value is empty or uses ") + kQualifiedRule};
}

}  // namespace azureml::config
