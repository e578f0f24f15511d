// See pattern.h for why this pragma is here and only here. (GCC's warning; clang has no such group.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "tests/fakes/pattern.h"

#include <regex>

namespace azureml::fakes {

struct Pattern::Compiled {
  std::regex regex;
};

Pattern::Pattern(const std::string& expression)
    : compiled_(std::make_shared<const Compiled>(
          Compiled{std::regex(expression, std::regex::ECMAScript | std::regex::icase)})) {}

bool Pattern::search(std::string_view text) const {
  return std::regex_search(text.begin(), text.end(), compiled_->regex);
}

bool Pattern::match(std::string_view text) const {
  return std::regex_match(text.begin(), text.end(), compiled_->regex);
}

bool Pattern::match(std::string_view text, std::vector<std::string>& groups) const {
  std::match_results<std::string_view::const_iterator> found;
  if (!std::regex_match(text.begin(), text.end(), found, compiled_->regex)) return false;
  groups.clear();
  for (const auto& group : found) groups.push_back(group.str());
  return true;
}

}  // namespace azureml::fakes
