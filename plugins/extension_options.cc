#include "plugins/extension_options.h"

#include <ostream>

#include "plugins/azure_access.h"
#include "plugins/kube_access.h"
#include "plugins/options.h"

namespace azureml::cli {

std::vector<OptionSpec> extension_target_options() {
  std::vector<OptionSpec> options = {
      {"name",
       0,
       OptionType::string,
       "NAME",
       "The extension's name (default: the AzureML extension installed on the cluster, else amlarc-compute).",
       std::nullopt,
       {}},
      {"resource-group", 'g', OptionType::string, "NAME", "Resource group of the cluster.", std::nullopt, {}},
  };
  for (auto group : {cluster_options(), kube_options(), azure_options()})
    for (auto& option : group) options.push_back(std::move(option));
  return options;
}

std::vector<OptionSpec> extension_settings_options() {
  return {
      {"config",
       0,
       OptionType::string_list,
       "KEY=VALUE",
       "A configuration setting, e.g. enableTraining=true (readable by anyone who can read the extension).",
       std::nullopt,
       {}},
      {"config-protected",
       0,
       OptionType::string_list,
       "KEY=VALUE",
       "A protected setting (secrets, sslCertPemFile, sslKeyPemFile): sent once, never shown again.",
       std::nullopt,
       {}},
      {"drop-protected",
       0,
       OptionType::string_list,
       "KEY",
       "Remove this protected setting of the installed extension. A change that sends protected settings sends "
       "them whole, so every other one must be given again or dropped by name.",
       std::nullopt,
       {}},
      {"config-file",
       0,
       OptionType::string,
       "FILE",
       "Settings in YAML or JSON: maps configurationSettings and configurationProtectedSettings ('-' for stdin). "
       "--config and --config-protected override it.",
       std::nullopt,
       {}},
      {"release-train", 0, OptionType::string, "TRAIN", "The release train (default: stable).", std::nullopt, {}},
      {"version",
       0,
       OptionType::string,
       "VERSION",
       "Pin this extension version (turns off minor-version auto-upgrade).",
       std::nullopt,
       {}},
  };
}

std::optional<std::string> extension_name(const Invocation& call) {
  if (!call.options.given("name")) return std::nullopt;
  return call.options.get("name");
}

Result<extension::UserSettings, std::vector<std::string>> user_settings(const Invocation& call) {
  extension::UserSettings settings;
  std::vector<extension::SettingProblem> problems;
  if (call.options.given("config-file"))
    extension::add_file(settings, call.options.get("config-file"), call.in, problems);
  extension::add_assignments(settings, call.options.list("config"), false, problems);
  extension::add_assignments(settings, call.options.list("config-protected"), true, problems);
  std::vector<std::string> errors;
  for (const auto& problem : problems) {
    if (problem.severity == extension::Severity::warning)
      call.err << extension::format(problem) << '\n';
    else
      errors.push_back(extension::format(problem));
  }
  if (!errors.empty()) return fail(std::move(errors));
  return settings;
}

}  // namespace azureml::cli
