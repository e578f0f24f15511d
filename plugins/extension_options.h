#pragma once
// The options of the `extension` commands, declared once, and what they read into. As in
// `az k8s-extension`, -g is the cluster's resource group here.
#include <optional>
#include <string>
#include <vector>

#include "core/arm/long_running.h"
#include "core/extension/settings.h"
#include "core/ops/change_set.h"
#include "core/util/result.h"
#include "plugins/verb.h"

namespace azureml::cli {

// --name, -g/--resource-group (the cluster's), the cluster flags, kubectl's and Azure's.
std::vector<OptionSpec> extension_target_options();
// --config, --config-protected, --config-file, --release-train, --version.
std::vector<OptionSpec> extension_settings_options();
// --dry-run, --no-wait, --timeout.
std::vector<OptionSpec> change_options();

std::optional<std::string> extension_name(const Invocation& call);

// The settings given; warnings are printed at once. The error: every problem, formatted.
Result<extension::UserSettings, std::vector<std::string>> user_settings(const Invocation& call);

// --timeout as the wait's deadline; progress lines go to stderr. The error is for exit 2.
Result<arm::WaitOptions> wait_options(const Invocation& call);
ops::Wait wait_mode(const Invocation& call);

}  // namespace azureml::cli
