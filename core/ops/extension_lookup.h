#pragma once
// The AzureML extension of a cluster: found by its type, whatever its name (the Azure CLI's
// docs name it amlarc-compute, the studio azureml, scripts anything), with one list request.
// A cluster runs at most one; a second one under another name would fail to install.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/extension/settings.h"
#include "core/ops/op_error.h"
#include "core/util/json_shape.h"
#include "core/util/result.h"

namespace azureml::ops {

inline constexpr const char* kAzureMLExtensionType = "Microsoft.AzureML.Kubernetes";
inline constexpr const char* kDefaultExtensionName = "amlarc-compute";
inline constexpr const char* kReleaseNamespace = "azureml";

// An extension as ARM returns it, read.
struct ExtensionView {
  arm::ResourceId id;
  std::string type;                // properties.extensionType
  std::string provisioning_state;  // Succeeded, Failed, Canceled, Creating, Updating, Deleting
  std::string version;             // properties.currentVersion (else version)
  std::string release_train;
  std::string release_namespace;
  extension::SettingMap public_settings;
  // The keys of configurationProtectedSettings as the GET names them (with empty values, never
  // the values); nullopt when the answer has no such map, so they cannot be known.
  std::optional<std::vector<std::string>> protected_names;
  nlohmann::json statuses;    // properties.statuses, or null
  nlohmann::json error_info;  // properties.errorInfo, or null
  nlohmann::json identity;    // top-level identity, or null
  nlohmann::json resource;    // the document as read
  // Why it failed, one line each: errorInfo and its details, then each status at level Error.
  std::vector<std::string> failure_lines;
  bool azureml() const;
};
// Reads every field above through `resource`, whose error() then tells a field of another type
// than the Extension schema gives (the caller ends with arm::unexpected_shape).
ExtensionView read_extension(const JsonShape& resource);
// An extension an operation ended with (its PUT's, PATCH's or last poll's answer), checked.
Result<ExtensionView, arm::ArmError> read_extension_answer(const nlohmann::json& resource, const char* method,
                                                           const arm::ResourceId& id);

struct ExtensionChoice {
  arm::ResourceId id;                     // the extension the command acts on
  std::optional<ExtensionView> existing;  // it, when it exists
  std::string note;                       // "using the AzureML extension 'azureml' installed on the cluster"
};

// Lists the cluster's extensions and picks the one to act on: `name` when given (an error when
// it is not AzureML's, or when AzureML's runs under another name), else the AzureML extension
// installed, else kDefaultExtensionName.
Result<ExtensionChoice, OpError> choose_extension(arm::ArmClient& arm, const arm::ResourceId& cluster,
                                                  const std::optional<std::string>& name);

// The extension's failure as the user needs it: errorInfo, then each Error status, one per line.
std::string failure_details(const ExtensionView& extension);

}  // namespace azureml::ops
