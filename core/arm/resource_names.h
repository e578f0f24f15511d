#pragma once
// The names a user types for ARM resources (-g, -w, a compute NAME, --cluster-name, an
// extension's --name), checked offline before any request. The ResourceId builders take names
// as given, so without this check a name holding '/' or '?' would change the request's path or
// query and address another resource (`-g 'rg?x'` read group rg's workspace; `-g a/b` asked for
// group 'a'). The rules are the characters ARM accepts for each kind; lengths are left to ARM
// except where a longer name can never exist (resource groups: 90).
#include <optional>
#include <string>
#include <string_view>

namespace azureml::arm {

enum class NameKind {
  resource_group,  // letters, digits, '_', '-', '.', '(' and ')' (and Unicode letters); 1-90; no trailing '.'
  workspace,       // letters, digits, '-' and '_'; starts with a letter or digit
  compute,         // letters, digits and '-'; starts with a letter
  cluster,         // letters, digits, '-', '_' and '.'; starts with a letter or digit
  extension,       // letters, digits, '-', '_' and '.'; starts with a letter or digit
};

// What is wrong with `name` as a name of `kind`, as the rest of a sentence that starts with the
// flag and the name ("--resource-group 'a/b' " + problem), or nullopt when it is fine:
//   "is not a resource group name: '/' is not allowed (use letters, digits, '_', '-', '.', '(' and ')')"
std::optional<std::string> name_problem(NameKind kind, std::string_view name);

// A subscription id is a GUID: 8-4-4-4-12 hex digits.
bool is_subscription_id(std::string_view text);

}  // namespace azureml::arm
