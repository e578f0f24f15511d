#include "core/ops/extension_install.h"

#include <algorithm>

#include "core/arm/api_versions.h"
#include "core/extension/derive_settings.h"
#include "core/extension/known_settings.h"
#include "core/ops/cluster_info.h"
#include "core/ops/extension_lookup.h"
#include "core/ops/messaging_setup.h"
#include "core/ops/operation.h"
#include "core/ops/protected_settings.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using extension::SettingMap;
using extension::Settings;
using nlohmann::json;

constexpr const char* kTroubleshooting = "https://aka.ms/arcmltsg";
constexpr const char* kStable = "stable";

bool is_state(const std::string& state, std::string_view wanted) { return equals_ci(state, wanted); }

// "enableInference 'False' -> 'True'; foo removed; bar added".
std::string describe_changes(const SettingMap& from, const SettingMap& to) {
  std::vector<std::string> parts;
  for (const auto& [key, value] : to) {
    auto it = from.find(key);
    if (it == from.end())
      parts.push_back(key + " added");
    else if (it->second != value)
      parts.push_back(key + " '" + printable(it->second) + "' -> '" + printable(value) + "'");
  }
  for (const auto& [key, value] : from)
    if (!to.contains(key)) parts.push_back(key + " removed");
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

class Installer : Operation<ExtensionOutcome> {
 public:
  Installer(arm::ArmClient& arm, const ExtensionRequest& request) : Operation(arm, request.mode), request_(request) {}

  // `step` is install or update.
  Result<ExtensionOutcome, OpError> run(Result<ExtensionOutcome, OpError> (Installer::*step)()) {
    return run_steps([this, step] { return (this->*step)(); });
  }

  Result<ExtensionOutcome, OpError> install() {
    auto validated = validate(request_.settings);
    if (!validated) return fail(validated.error());
    if (auto ready = locate(); !ready) return fail(ready.error());
    const auto scan = scan_add_ons(request_.cluster_access, *cluster_, kReleaseNamespace);
    if (!scan.scanned) warn("warning: " + scan.not_scanned);

    std::optional<ExtensionView> existing = choice_->existing;
    if (existing) {
      auto settled = settle(*existing);
      if (!settled) return fail(settled.error());
      existing = *settled;
    }
    Settings carried = *validated;
    if (!existing || !is_state(existing->provisioning_state, "Succeeded")) {
      if (existing)
        note("the extension's last operation ended " + existing->provisioning_state + ": installing it again");
      if (!scan.scanned && existing) keep_install_flags(carried, *existing);
      auto desired = derive(request_.settings, carried, scan.installed, placeholders());
      if (!desired) return fail(desired.error());
      if (existing) {
        if (auto kept = keep_protected_on_reinstall(*desired, *existing); !kept) return fail(kept.error());
      }
      return put_extension(carried, scan.installed, existing ? "reinstalled" : "created");
    }
    if (!scan.scanned) keep_install_flags(carried, *existing);
    keep_connections(carried, *existing);
    auto desired = derive(request_.settings, carried, scan.installed, placeholders());
    if (!desired) return fail(desired.error());
    note_staying(*desired, *existing);
    if (same(*desired, *existing)) {
      if (!request_.settings.settings.protected_settings.empty()) {
        note(
            "protected settings cannot be read back from Azure, so they were not compared; "
            "'extension update' sends them again");
      }
      return finish("unchanged", existing_resource_);
    }
    note("settings differ from the installed extension's: " +
         describe_changes(existing->public_settings, desired->public_settings));
    return patch_extension(carried, scan.installed, *existing);
  }

  Result<ExtensionOutcome, OpError> update() {
    const auto& given = request_.settings.settings;
    if (given.public_settings.empty() && given.protected_settings.empty() && request_.drop_protected.empty() &&
        !request_.release_train && !request_.version) {
      return fail(OpError{ExitCode::usage,
                          "nothing to update: pass --config, --config-protected, --config-file, --drop-protected, "
                          "--release-train or --version",
                          {}});
    }
    if (auto ready = locate(); !ready) return fail(ready.error());
    if (!choice_->existing) {
      return fail(OpError{ExitCode::not_found,
                          "no AzureML extension is installed on cluster " + request_.cluster.name() +
                              "\ninstall it with 'extension install'",
                          {}});
    }
    auto settled = settle(*choice_->existing);
    if (!settled) return fail(settled.error());
    const ExtensionView existing = *settled;

    // The installed public settings, then the user's over them.
    extension::UserSettings merged;
    for (const auto& [key, value] : existing.public_settings) {
      merged.settings.public_settings[key] = value;
      merged.origin[key] = "the installed extension";
    }
    for (const auto& [key, value] : given.public_settings) {
      merged.settings.public_settings[key] = value;
      merged.origin[key] = request_.settings.where(key);
    }
    for (const auto& [key, value] : given.protected_settings) {
      merged.settings.public_settings.erase(key);
      merged.settings.protected_settings[key] = value;
      merged.origin[key] = request_.settings.where(key);
    }
    if (existing.protected_names)
      merged.installed_protected.insert(existing.protected_names->begin(), existing.protected_names->end());
    auto checked = validate(merged);
    if (!checked) return fail(checked.error());
    Settings validated = *checked;
    keep_connections(validated, existing);
    // Add-ons matter only where the user switches an install on.
    std::vector<extension::InstalledAddOn> conflicts;
    const auto scan = scan_add_ons(request_.cluster_access, *cluster_, kReleaseNamespace);
    for (const auto& add_on : scan.installed)
      if (extension::is_true(request_.settings.find(add_on.setting))) conflicts.push_back(add_on);
    auto desired = derive(merged, validated, conflicts, placeholders());
    if (!desired) return fail(desired.error());
    if (same(*desired, existing) && given.protected_settings.empty() && request_.drop_protected.empty())
      return finish("unchanged", existing_resource_);
    note("changes: " + describe_changes(existing.public_settings, desired->public_settings));
    return patch_extension(validated, conflicts, existing, &merged);
  }

 private:
  // The offline checks; warnings are said at once, errors returned together.
  Result<Settings, OpError> validate(const extension::UserSettings& user) {
    auto validated = extension::validate_settings(user, request_.read_file);
    return checked(validated.problems, std::move(validated.settings));
  }

  Result<Settings, OpError> checked(const std::vector<extension::SettingProblem>& problems, Settings settings) {
    OpError error{ExitCode::usage, "", {}};
    for (const auto& problem : problems) {
      if (problem.severity == extension::Severity::warning)
        warn(extension::format(problem));
      else
        error.details.push_back(extension::format(problem));
    }
    if (error.details.empty()) return settings;
    error.message = std::to_string(error.details.size()) + (error.details.size() == 1 ? " problem" : " problems") +
                    " with the extension settings; nothing was changed";
    return fail(std::move(error));
  }

  // The cluster (its facts) and the extension the command acts on.
  Result<bool, OpError> locate() {
    auto cluster = read_cluster(arm_, request_.cluster);
    if (!cluster) return fail(cluster.error());
    cluster_ = std::move(*cluster);
    auto choice = choose_extension(arm_, request_.cluster, request_.name);
    if (!choice) return fail(choice.error());
    choice_ = std::move(*choice);
    outcome_.id = choice_->id;
    if (!choice_->note.empty()) note(choice_->note);
    return true;
  }

  // An extension in the middle of an operation is waited for; one being deleted is an error.
  Result<ExtensionView, OpError> settle(const ExtensionView& existing) {
    existing_resource_ = existing.resource;
    if (is_state(existing.provisioning_state, "Deleting")) {
      return fail(OpError{ExitCode::failed,
                          "extension " + existing.id.name() +
                              " is being deleted\nwait until 'extension show' "
                              "finds it no more, then run this again",
                          {}});
    }
    const bool busy = arm::is_being_provisioned(existing.provisioning_state);
    if (request_.mode.dry_run || !busy) return existing;
    say("extension " + existing.id.name() + " is " + existing.provisioning_state + ": waiting for it first");
    auto done = arm::wait_for_resource(arm_, existing.resource, existing.id.str(), arm::api_versions::kExtensions,
                                       request_.mode.wait_options);
    if (!done) {
      const auto kind = done.error().kind;
      if (kind != arm::ArmError::Kind::operation_failed && kind != arm::ArmError::Kind::operation_canceled)
        return fail(OpError::from(done.error()));
      ExtensionView ended = existing;
      ended.provisioning_state = kind == arm::ArmError::Kind::operation_failed ? "Failed" : "Canceled";
      return ended;
    }
    existing_resource_ = *done;
    auto read = read_extension_answer(existing_resource_, "GET", existing.id);
    if (!read) return fail(OpError::from(read.error()));
    return std::move(read).value();
  }

  // A PUT over a failed extension replaces its protected settings whole, as a PATCH carrying
  // them does: every key it has must go out again or be dropped by name (audit D1).
  Result<bool, OpError> keep_protected_on_reinstall(const Settings& desired, const ExtensionView& existing) {
    if (!existing.protected_names) {
      note(
          "the failed extension's protected settings cannot be checked (Azure's answer does not name them): "
          "installing it again replaces them with what this command gives");
      return true;
    }
    auto problems =
        reinstall_protected_problems(desired.protected_settings, existing.protected_names, request_.drop_protected);
    if (problems.empty()) return true;
    return fail(OpError{ExitCode::usage, "the extension cannot be installed again as asked; nothing was changed",
                        std::move(problems)});
  }

  // Without a look at the cluster, the installed extension's install switches stay as they are:
  // dropping a False there would make the chart install a second device plugin.
  static void keep_install_flags(Settings& settings, const ExtensionView& existing) {
    for (const char* key : {extension::keys::kInstallNvidiaDevicePlugin, extension::keys::kInstallBlobfuseFlexvol,
                            extension::keys::kInstallBlobfuseSysctl}) {
      auto it = existing.public_settings.find(key);
      if (it != existing.public_settings.end() && !settings.public_settings.contains(key) &&
          !settings.protected_settings.contains(key))
        settings.public_settings[key] = it->second;
    }
  }

  // The installed extension's Relay and Service Bus connection strings stand in while settings
  // are derived, unless the user gives one: a kept Relay or Service Bus is neither made again
  // nor re-pointed (protected_settings.h decides whether the strings are sent at all).
  void keep_connections(Settings& settings, const ExtensionView& existing) {
    connections_ = installed_connections(existing.public_settings, request_.cluster);
    const auto kind = request_.cluster.cluster_kind().value_or(arm::ClusterKind::connected);
    if (connections_.relay != ConnectionSource::none && extension::needs_relay(settings, kind))
      settings.protected_settings[extension::keys::kRelayServerConnectionString] = kKeptConnectionString;
    if (connections_.service_bus != ConnectionSource::none && extension::needs_service_bus(settings))
      settings.protected_settings[extension::keys::kServiceBusConnectionString] = kKeptConnectionString;
  }

  // Stand-ins for the connection strings, for deriving settings before (or without) reading keys.
  static extension::DerivedSecrets placeholders() { return {kPlannedConnectionString, kPlannedConnectionString}; }

  Result<Settings, OpError> derive(const extension::UserSettings& user, const Settings& validated,
                                   const std::vector<extension::InstalledAddOn>& installed,
                                   const extension::DerivedSecrets& secrets) {
    auto derivation = extension::derive_settings(user, validated, cluster_->facts, installed, secrets);
    if (!derivation_noted_) {
      for (const auto& line : derivation.notes) note(line);
      derivation_noted_ = true;
    }
    return checked(derivation.problems, std::move(derivation.settings));
  }

  // Settings the installed extension has beyond the desired ones stay (a PATCH cannot remove
  // them), so they are no difference: a re-run would otherwise PATCH for ever.
  bool same(const Settings& desired, const ExtensionView& existing) const {
    for (const auto& [key, value] : desired.public_settings) {
      auto it = existing.public_settings.find(key);
      if (it == existing.public_settings.end() || it->second != value) return false;
    }
    if (request_.release_train && !equals_ci(*request_.release_train, existing.release_train)) return false;
    if (request_.version && *request_.version != existing.version) return false;
    return true;
  }

  // Relay and Service Bus as the settings ask, then the settings with their connection strings.
  Result<Settings, OpError> with_secrets(const extension::UserSettings& user, const Settings& validated,
                                         const std::vector<extension::InstalledAddOn>& installed) {
    extension::DerivedSecrets secrets = placeholders();
    const auto kind = request_.cluster.cluster_kind().value_or(arm::ClusterKind::connected);
    if (extension::needs_relay(validated, kind)) {
      auto relay = ensure_relay(changes_, extension::relay_names(request_.cluster), cluster_->facts.location);
      if (!relay) return fail(not_done(relay.error(), "the Relay the extension needs could not be provided"));
      secrets.relay_connection_string = *relay;
    }
    if (extension::needs_service_bus(validated)) {
      auto bus = ensure_service_bus(changes_, extension::service_bus_names(request_.cluster), cluster_->facts.location);
      if (!bus) return fail(not_done(bus.error(), "the Service Bus the extension needs could not be provided"));
      secrets.service_bus_connection_string = *bus;
    }
    return derive(user, validated, installed, secrets);
  }

  json properties_common(const Settings& settings, bool create, bool with_protected = true) const {
    json properties = json::object();
    if (create) {
      properties["extensionType"] = to_lower(kAzureMLExtensionType);
      properties["releaseTrain"] = request_.release_train.value_or(kStable);
      properties["scope"] = {{"cluster", {{"releaseNamespace", kReleaseNamespace}}}};
    } else if (request_.release_train) {
      properties["releaseTrain"] = *request_.release_train;
    }
    if (request_.version) {
      properties["autoUpgradeMinorVersion"] = false;
      properties["version"] = *request_.version;
    }
    properties["configurationSettings"] = settings.public_settings;
    if (with_protected) properties["configurationProtectedSettings"] = settings.protected_settings;
    return properties;
  }

  Result<ExtensionOutcome, OpError> put_extension(const Settings& validated,
                                                  const std::vector<extension::InstalledAddOn>& installed,
                                                  const std::string& action) {
    auto settings = with_secrets(request_.settings, validated, installed);
    if (!settings) return fail(settings.error());
    json body = json::object();
    if (request_.cluster.cluster_kind() != arm::ClusterKind::managed) body["identity"] = {{"type", "SystemAssigned"}};
    body["properties"] = properties_common(*settings, true);
    outcome_.settings = *settings;
    auto sent = changes_.put(outcome_.id.str(), arm::api_versions::kExtensions, body,
                             "install extension " + outcome_.id.name() + " on " + request_.cluster.name(),
                             redact_protected(body), request_.mode.wait);
    if (!sent) return fail(failed(sent.error(), "install"));
    return finish(action, *sent);
  }

  Result<ExtensionOutcome, OpError> patch_extension(const Settings& validated,
                                                    const std::vector<extension::InstalledAddOn>& installed,
                                                    const ExtensionView& existing,
                                                    const extension::UserSettings* merged = nullptr) {
    const extension::UserSettings& user = merged ? *merged : request_.settings;
    const auto kind = request_.cluster.cluster_kind().value_or(arm::ClusterKind::connected);
    auto planned = derive(user, validated, installed, placeholders());
    if (!planned) return fail(planned.error());
    const ProtectedPlan plan = plan_protected_settings(
        {planned->protected_settings, existing.protected_names, connections_,
         !request_.settings.settings.protected_settings.empty(),
         extension::needs_relay(validated, kind) || extension::needs_service_bus(validated), request_.drop_protected});
    for (const auto& line : plan.notes) note(line);
    if (!plan.problems.empty()) {
      return fail(OpError{ExitCode::usage, "the protected settings cannot be sent as they are; nothing was changed",
                          plan.problems});
    }
    auto secrets = with_secrets(user, validated, installed);
    if (!secrets) return fail(secrets.error());
    Settings settings = *secrets;
    if (plan.read_relay) {
      auto relay = read_relay_connection_string(changes_, extension::relay_names(request_.cluster));
      if (!relay) return fail(not_done(relay.error(), "the Relay's connection string could not be read again"));
      fill_kept(settings.protected_settings, relay_string_keys(), *relay);
    }
    if (plan.read_service_bus) {
      auto bus = read_service_bus_connection_string(changes_, extension::service_bus_names(request_.cluster));
      if (!bus) return fail(not_done(bus.error(), "the Service Bus's connection string could not be read again"));
      fill_kept(settings.protected_settings, service_bus_string_keys(), *bus);
    }
    for (const auto& key : plan.keys_to_drop) settings.protected_settings.erase(key);
    if (!plan.send) settings.protected_settings.clear();  // Azure keeps the installed ones

    json body = {{"properties", properties_common(settings, false, plan.send)}};
    outcome_.settings = settings;
    auto sent = changes_.patch(outcome_.id.str(), arm::api_versions::kExtensions, body,
                               "update extension " + outcome_.id.name() + " on " + request_.cluster.name(),
                               redact_protected(body), request_.mode.wait);
    if (!sent) return fail(failed(sent.error(), "update"));
    return finish("updated", *sent);
  }

  // Installed settings the desired ones no longer name stay: a PATCH cannot remove a setting
  // (the spec types the values as strings, so there is no null to send), and Azure keeps what a
  // PATCH leaves out. Say so, rather than let the user think they are gone.
  void note_staying(const Settings& desired, const ExtensionView& existing) {
    std::vector<std::string> staying;
    for (const auto& [key, value] : existing.public_settings)
      if (!desired.public_settings.contains(key) && !names_kept_connection(key)) staying.push_back(key);
    if (staying.empty()) return;
    note(quoted_list(staying, " and ") + (staying.size() == 1 ? " stays" : " stay") +
         " on the extension as installed: a change cannot remove a setting; to undo one, set it to the value "
         "that turns it off (extension update --config KEY=VALUE), or delete the extension and install it again");
  }

  // The public settings that name a kept Relay or Service Bus: they stay on purpose.
  bool names_kept_connection(const std::string& key) const {
    namespace k = extension::keys;
    if (connections_.relay != ConnectionSource::none &&
        (key == k::kHybridConnectionResourceId || key == k::kHybridConnectionName))
      return true;
    return connections_.service_bus != ConnectionSource::none &&
           (key == k::kServiceBusResourceId || key.starts_with(std::string(k::kTopicSubMapping) + "."));
  }

  static void fill_kept(extension::SettingMap& map, const std::vector<std::string>& keys, const std::string& value) {
    for (const auto& key : keys)
      if (auto it = map.find(key); it != map.end() && it->second == kKeptConnectionString) it->second = value;
  }

  // An error after changes were made: what was made stays and a re-run reuses it.
  OpError not_done(const arm::ArmError& error, const std::string& what) {
    if (error.kind == arm::ArmError::Kind::interrupted) return OpError::from(error);  // see run()
    std::string made;
    for (const auto& change : changes_.changes())
      if (change.done) made += (made.empty() ? "" : ", ") + change.summary;
    std::string consequence = what + "; the extension was not installed or changed";
    if (!made.empty()) consequence += "\ndone before it: " + made + " (a re-run reuses them)";
    return OpError::from(error, consequence);
  }

  // The PUT or PATCH failed, or its operation did: the extension's own account of why.
  OpError failed(const arm::ArmError& error, const std::string& verb) {
    const bool operation =
        error.kind == arm::ArmError::Kind::operation_failed || error.kind == arm::ArmError::Kind::operation_canceled;
    if (error.kind == arm::ArmError::Kind::timeout) {
      return OpError::from(error, "the " + verb +
                                      " goes on in Azure: 'extension show' tells its state, and "
                                      "running this again waits for it");
    }
    if (error.kind == arm::ArmError::Kind::interrupted) return OpError::from(error);  // see run()
    if (!operation) return not_done(error, "the " + verb + " request was refused");
    std::string details;
    // One more GET, best effort; an answer of another shape is said, not dropped.
    if (auto resource = arm_.get(outcome_.id.str(), arm::api_versions::kExtensions)) {
      auto read = read_extension_answer(resource->json, "GET", outcome_.id);
      details = read ? failure_details(*read) : read.error().summary();
    }
    OpError out = OpError::from(error);
    out.message = "extension " + outcome_.id.name() + " failed to " + verb + ": " + error.summary();
    if (!details.empty()) out.message += "\n" + details;
    out.message += "\nfix the cause (" + std::string(kTroubleshooting) +
                   " lists the usual ones), then run 'extension install' again: it reinstalls a failed extension";
    return out;
  }

  Result<ExtensionOutcome, OpError> finish(const std::string& action, const json& resource) {
    outcome_.extension = resource;
    if (!resource.is_null()) {  // null: a --no-wait answer without a body
      auto read = read_extension_answer(resource, "PUT", outcome_.id);
      if (!read) return fail(OpError::from(read.error()));
      if (outcome_.settings.public_settings.empty()) outcome_.settings.public_settings = read->public_settings;
    }
    outcome_.defaults = extension::chart_defaults(outcome_.settings);
    return done(action);
  }

  const ExtensionRequest& request_;
  std::optional<ClusterInfo> cluster_;
  std::optional<ExtensionChoice> choice_;
  json existing_resource_;
  InstalledConnections connections_;
  bool derivation_noted_ = false;
};

}  // namespace

Result<ExtensionOutcome, OpError> install_extension(arm::ArmClient& arm, const ExtensionRequest& request) {
  Installer installer(arm, request);
  return installer.run(&Installer::install);
}

Result<ExtensionOutcome, OpError> update_extension(arm::ArmClient& arm, const ExtensionRequest& request) {
  Installer installer(arm, request);
  return installer.run(&Installer::update);
}

}  // namespace azureml::ops
