#include "core/arm/resource_names.h"

#include <cctype>

#include "core/util/text.h"

namespace azureml::arm {
namespace {

struct Rule {
  std::string_view what;         // "resource group"
  std::string_view punctuation;  // allowed besides ASCII letters and digits
  std::string_view allowed;      // the allowed characters, as the message says them
  bool first_must_be_letter = false;
  bool non_ascii_letters = false;  // Unicode letters (resource groups); bytes >= 0x80 pass
};

Rule rule_of(NameKind kind) {
  switch (kind) {
    case NameKind::resource_group:
      return {"resource group name", "_-.()", "letters, digits, '_', '-', '.', '(' and ')'", false, true};
    case NameKind::workspace:
      return {"workspace name", "-_", "letters, digits, '-' and '_'"};
    case NameKind::compute:
      return {"compute name", "-", "letters, digits and '-', starting with a letter", true};
    case NameKind::cluster:
      return {"cluster name", "-_.", "letters, digits, '-', '_' and '.'"};
    case NameKind::extension:
      return {"extension name", "-_.", "letters, digits, '-', '_' and '.'"};
  }
  return {"name", "-_.", "letters, digits, '-', '_' and '.'"};
}

// A character as a message shows it: 'x', or a named one that would be invisible.
std::string shown(char c) {
  if (c == ' ') return "a space";
  if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return "'" + printable(std::string(1, c)) + "'";
  return "'" + std::string(1, c) + "'";
}

}  // namespace

std::optional<std::string> name_problem(NameKind kind, std::string_view name) {
  const Rule rule = rule_of(kind);
  const std::string head =
      std::string(rule.what.starts_with("e") ? "is not an " : "is not a ") + std::string(rule.what) + ": ";
  const std::string use = " (use " + std::string(rule.allowed) + ")";
  if (name.empty()) return head + "it is empty" + use;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || rule.punctuation.find(c) != std::string_view::npos) continue;
    if (u >= 0x80 && rule.non_ascii_letters) continue;
    return head + shown(c) + " is not allowed" + use;
  }
  const auto first = static_cast<unsigned char>(name.front());
  if (rule.first_must_be_letter && !std::isalpha(first)) return head + "it must start with a letter" + use;
  if (!rule.first_must_be_letter && !rule.non_ascii_letters && !std::isalnum(first))
    return head + "it must start with a letter or digit" + use;
  if (kind == NameKind::resource_group) {
    if (name.size() > 90) return head + "it has " + std::to_string(name.size()) + " characters, at most 90 are allowed";
    if (name.back() == '.') return head + "it must not end with '.'";
  }
  return std::nullopt;
}

bool is_subscription_id(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace azureml::arm
