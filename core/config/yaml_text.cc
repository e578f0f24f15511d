#include "core/config/yaml_text.h"

#include <algorithm>
#include <cctype>

namespace azureml::config::yaml {

namespace {

bool is_digits(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i > start;
}

}  // namespace

bool is_core_integer(std::string_view s) {
  auto all = [](std::string_view digits, auto predicate) {
    return !digits.empty() && std::all_of(digits.begin(), digits.end(), predicate);
  };
  if (s.starts_with("0o")) return all(s.substr(2), [](char c) { return c >= '0' && c <= '7'; });
  if (s.starts_with("0x"))
    return all(s.substr(2), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  return is_digits(s, i) && i == s.size();
}

bool is_core_number(std::string_view s) {
  std::string_view unsigned_part = s;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) unsigned_part.remove_prefix(1);
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  if (is_core_integer(s)) return true;
  // [-+]? ( .digits | digits(.digits?)? ) ([eE][-+]?digits)?
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const bool integer_part = is_digits(s, i);
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!is_digits(s, i) && !integer_part) return false;
  } else if (!integer_part) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!is_digits(s, i)) return false;
  }
  return i == s.size();
}

bool is_null_word(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string too_deep_message() { return "the document nests deeper than " + std::to_string(kMaxDepth) + " levels"; }

}  // namespace azureml::config::yaml
