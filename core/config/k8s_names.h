#pragma once
// Kubernetes name and label syntax (apimachinery validation), with messages that say the rule.
#include <optional>
#include <string>
#include <string_view>

namespace azureml::config {

struct NameProblem {
  std::string message;
  std::string hint;
};

// A namespace name is an RFC 1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63 characters.
std::optional<NameProblem> check_namespace_name(std::string_view name);

// A label key is [prefix/]name: prefix an RFC 1123 subdomain (<= 253), name a qualified name (<= 63).
std::optional<NameProblem> check_label_key(std::string_view key);

// A label value is empty or a qualified name part: [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?, <= 63.
std::optional<NameProblem> check_label_value(std::string_view value);

}  // namespace azureml::config
