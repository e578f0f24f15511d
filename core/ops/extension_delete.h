#pragma once
// `extension delete`: the AzureML extension off the cluster (DELETE with forceDelete, as the
// Azure CLI sends it, then wait), and with delete_relay the Relay and Service Bus namespaces
// that were made for it — only those tagged created_by: Azure Arc-enabled ML, which this
// product and the Azure CLI set; others are left and said. Nothing installed is not an error:
// the end state holds.
#include <optional>
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/long_running.h"
#include "core/arm/resource_id.h"
#include "core/ops/change_set.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

struct ExtensionDeleteRequest {
  arm::ResourceId cluster;
  std::optional<std::string> name;
  bool force = false;         // forceDelete=true: ARM drops the resource without waiting for the agent
  bool delete_relay = false;  // also the Relay / Service Bus namespaces made for the extension
  ChangeMode mode;            // dry run or not, waited for or not, progress (change_set.h)
};

struct DeleteOutcome {
  std::string action;  // deleted, absent, started; in a dry run: would be deleted
  std::optional<arm::ResourceId> id;
  std::vector<Change> changes;
  std::vector<std::string> notes;
  bool dry_run = false;
};

Result<DeleteOutcome, OpError> delete_extension(arm::ArmClient& arm, const ExtensionDeleteRequest& request);

}  // namespace azureml::ops
