#pragma once
// `extension install` and `extension update`: Microsoft.AzureML.Kubernetes on a connected or
// managed cluster, with the settings the Azure CLI's handler would send (extension/), after
// every check that can be made first, and converging when run again:
//   install  nothing there (or Failed): provide Relay / Service Bus, PUT, wait.
//            Succeeded with the same public settings: nothing sent ("unchanged").
//            Succeeded with other settings: PATCH. Its protected settings follow
//            protected_settings.h: left out (Azure keeps them) unless given, dropped or a
//            connection string changes, and then whole. Installed settings no longer given
//            stay (a PATCH cannot remove one) and are named. Creating/Updating: waited for.
//   update   the given settings merged over the installed ones, then PATCH as above.
// Requests for a fresh Arc install with Relay: GET cluster, list extensions, GET hybrid
// connection, GET Relay namespace, PUT it (+ polls), PUT hybrid connection, PUT rule,
// listKeys, PUT extension (+ polls), GET extension. A re-run: GET cluster, list extensions.
#include "core/arm/arm_client.h"
#include "core/ops/extension_request.h"

namespace azureml::ops {

Result<ExtensionOutcome, OpError> install_extension(arm::ArmClient& arm, const ExtensionRequest& request);
Result<ExtensionOutcome, OpError> update_extension(arm::ArmClient& arm, const ExtensionRequest& request);

}  // namespace azureml::ops
