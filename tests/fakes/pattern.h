#pragma once
// A case-insensitive ECMAScript regular expression, the one way the fakes match paths and ids.
// std::regex is built only in pattern.cc: with -fsanitize, GCC 12 reports false
// -Wmaybe-uninitialized warnings inside <regex>'s compiler, silenced there and nowhere else.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace azureml::fakes {

class Pattern {
 public:
  // Throws std::regex_error for an invalid expression.
  explicit Pattern(const std::string& expression);

  bool search(std::string_view text) const;  // anywhere in the text
  bool match(std::string_view text) const;   // the whole text
  // The whole text; `groups` gets the match and each capture ("" for one that did not take part).
  bool match(std::string_view text, std::vector<std::string>& groups) const;

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace azureml::fakes
