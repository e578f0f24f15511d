#pragma once
// The options of the `extension` commands, declared once, and what they read into. As in
// `az k8s-extension`, -g is the cluster's resource group here.
#include <optional>
#include <string>
#include <vector>

#include "core/extension/settings.h"
#include "core/util/result.h"
#include "plugins/change_mode.h"
#include "plugins/verb.h"

namespace azureml::cli {

// --name, -g/--resource-group (the cluster's), the cluster flags, kubectl's and Azure's.
std::vector<OptionSpec> extension_target_options();
// --config, --config-protected, --config-file, --release-train, --version.
std::vector<OptionSpec> extension_settings_options();
std::optional<std::string> extension_name(const Invocation& call);

// The settings given; warnings are printed at once. The error: every problem, formatted.
Result<extension::UserSettings, std::vector<std::string>> user_settings(const Invocation& call);

}  // namespace azureml::cli
