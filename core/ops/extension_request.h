#pragma once
// What `extension install`, `update`, `show` and `delete` are asked to do, and what they did.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/long_running.h"
#include "core/arm/resource_id.h"
#include "core/extension/settings.h"
#include "core/extension/validate_settings.h"
#include "core/ops/change_set.h"
#include "core/ops/cluster_access.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

struct ExtensionRequest {
  arm::ResourceId cluster;
  std::optional<std::string> name;  // --name; nullopt: the AzureML extension installed, else amlarc-compute
  extension::UserSettings settings;
  std::vector<std::string> drop_protected;  // --drop-protected: installed protected keys to remove
  extension::FileReader read_file = extension::disk_reader();
  std::optional<std::string> release_train;  // install: "stable" when not given
  std::optional<std::string> version;        // pins the version (no minor auto-upgrade)
  ClusterAccess cluster_access;
  ChangeMode mode;  // dry run or not, waited for or not, progress (change_set.h)
};

struct ExtensionOutcome {
  // created, reinstalled, updated, unchanged, started (--no-wait); in a dry run: would create, ...
  std::string action;
  arm::ResourceId id;
  nlohmann::json extension;           // the extension as ARM returned it last; null in a dry run
  extension::Settings settings;       // what was (or would be) sent; protected values never shown
  extension::SettingMap defaults;     // the chart's defaults left to apply
  std::vector<std::string> notes;     // decisions made for the user, one sentence each
  std::vector<std::string> warnings;  // formatted "warning: …" lines
  std::vector<Change> changes;
  bool dry_run = false;
};

}  // namespace azureml::ops
