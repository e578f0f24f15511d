#include "core/ops/extension_delete.h"

#include "core/arm/api_versions.h"
#include "core/extension/azure_names.h"
#include "core/ops/extension_lookup.h"
#include "core/util/json_shape.h"

namespace azureml::ops {
namespace {

// Deletes a namespace this product (or the Azure CLI) made for the extension; says why not otherwise.
Result<bool, arm::ArmError> delete_made_namespace(ChangeSet& changes, const arm::ResourceId& id,
                                                  std::string_view api_version, const std::string& what,
                                                  std::vector<std::string>& notes) {
  auto got = changes.arm().get(id.str(), api_version);
  if (!got) {
    if (got.error().kind == arm::ArmError::Kind::http && got.error().status == 404) return false;
    return fail(got.error());
  }
  const JsonShape resource(got->json);
  const bool ours = resource.object("tags").text(extension::kCreatedByTag) == extension::kCreatedByValue;
  if (resource.error()) return fail(arm::unexpected_shape(*resource.error(), *got));
  if (!ours) {
    notes.push_back(what + " " + id.name() + " was left in place: it is not tagged " + extension::kCreatedByTag + "=" +
                    extension::kCreatedByValue + ", so it was not made for the extension");
    return false;
  }
  auto removed = changes.remove(id.str(), api_version, {}, "delete " + what + " " + id.name());
  if (!removed) return fail(removed.error());
  return true;
}

}  // namespace

Result<DeleteOutcome, OpError> delete_extension(arm::ArmClient& arm, const ExtensionDeleteRequest& request) {
  DeleteOutcome outcome;
  outcome.dry_run = request.mode.dry_run;
  ChangeSet changes(arm, request.mode);
  auto choice = choose_extension(arm, request.cluster, request.name);
  if (!choice) return fail(with_interrupt_note(choice.error(), changes));
  if (!choice->note.empty()) outcome.notes.push_back(choice->note);

  if (!choice->existing) {
    outcome.action = "absent";
    outcome.notes.push_back("no AzureML extension" + (request.name ? " named '" + *request.name + "'" : std::string()) +
                            " on cluster " + request.cluster.name() + ": nothing to delete");
  } else {
    outcome.id = choice->id;
    arm::RequestOptions options;
    options.query = {{"forceDelete", request.force ? "true" : "false"}};
    auto removed =
        changes.remove(choice->id.str(), arm::api_versions::kExtensions, options,
                       "delete extension " + choice->id.name() + " from " + request.cluster.name(), request.mode.wait);
    if (!removed) {
      return fail(change_failure(
          removed.error(),
          "the extension was not deleted" + std::string(request.force ? ""
                                                                      : "; --force deletes it from Azure without "
                                                                        "waiting for the cluster"),
          changes));
    }
    outcome.action = action_label("deleted", request.mode.dry_run, request.mode.wait);
  }

  if (request.delete_relay) {
    const auto relay = extension::relay_names(request.cluster);
    auto gone =
        delete_made_namespace(changes, relay.namespace_id, arm::api_versions::kRelay, "Relay namespace", outcome.notes);
    if (!gone) return fail(change_failure(gone.error(), "the Relay namespace was not deleted", changes));
    const auto bus = extension::service_bus_names(request.cluster);
    gone = delete_made_namespace(changes, bus.namespace_id, arm::api_versions::kServiceBus, "Service Bus namespace",
                                 outcome.notes);
    if (!gone) return fail(change_failure(gone.error(), "the Service Bus namespace was not deleted", changes));
  }
  outcome.changes = changes.changes();
  return outcome;
}

}  // namespace azureml::ops
