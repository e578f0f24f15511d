#include "plugins/compute_metadata.h"

#include "plugins/options.h"

namespace azureml::cli {

OptionSpec assign_identity_option() {
  return {"assign-identity",
          0,
          OptionType::string_list,
          "IDENTITY",
          "A managed identity: '[system]' for a system-assigned one, or a user-assigned identity's id. Repeatable.",
          std::nullopt,
          {}};
}

Result<ops::ManagedIdentity, std::vector<std::string>> assigned_identity(const Invocation& call) {
  std::vector<ops::IdentityProblem> problems;
  ops::ManagedIdentity identity = ops::parse_identities(call.options.list("assign-identity"), problems);
  if (problems.empty()) return identity;
  std::vector<std::string> lines;
  for (const auto& problem : problems)
    lines.push_back("--assign-identity '" + problem.value + "' is " + problem.message);
  return fail(std::move(lines));
}

std::vector<OptionSpec> description_and_tags_options() {
  return {
      {"description", 0, OptionType::string, "TEXT", "The compute's description in the workspace.", std::nullopt, {}},
      {"tags", 0, OptionType::string_list, "KEY=VALUE", "A tag on the compute. Repeatable.", std::nullopt, {}}};
}

Result<std::map<std::string, std::string>, std::vector<std::string>> tags_given(const Invocation& call) {
  std::map<std::string, std::string> tags;
  std::vector<std::string> problems;
  for (const auto& tag : call.options.list("tags")) {
    const auto equals = tag.find('=');
    if (equals == std::string::npos || equals == 0) {
      problems.push_back("--tags '" + tag + "' is not KEY=VALUE (for example --tags team=vision)");
      continue;
    }
    tags[tag.substr(0, equals)] = tag.substr(equals + 1);
  }
  if (!problems.empty()) return fail(std::move(problems));
  return tags;
}

}  // namespace azureml::cli
