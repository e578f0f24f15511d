#pragma once
// Small text helpers shared across modules.
#include <span>
#include <string>
#include <string_view>

namespace azureml {

// "a, b or c" with each item quoted: used in "allowed values" hints.
std::string quoted_list(std::span<const std::string> items, std::string_view last_joiner = " or ");

bool ends_with_ci(std::string_view text, std::string_view suffix);

}  // namespace azureml
