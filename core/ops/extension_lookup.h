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
  nlohmann::json statuses;                   // properties.statuses, or null
  nlohmann::json error_info;                 // properties.errorInfo, or null
  nlohmann::json identity;                   // top-level identity, or null
  nlohmann::json resource;                   // the document as read
  bool azureml() const;
};
ExtensionView read_extension(const nlohmann::json& resource);

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
