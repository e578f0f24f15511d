#include "core/ops/extension_lookup.h"

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

std::string text(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

nlohmann::json member(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nlohmann::json() : *it;
}

std::string names_of(const std::vector<ExtensionView>& extensions) {
  std::vector<std::string> names;
  for (const auto& e : extensions) names.push_back(e.id.name());
  return quoted_list(names, " and ");
}

}  // namespace

bool ExtensionView::azureml() const { return equals_ci(type, kAzureMLExtensionType); }

ExtensionView read_extension(const nlohmann::json& resource) {
  ExtensionView view;
  if (auto id = arm::ResourceId::parse(text(resource, "id"))) view.id = *id;
  const nlohmann::json properties = member(resource, "properties");
  view.type = text(properties, "extensionType");
  view.provisioning_state = text(properties, "provisioningState");
  view.version = text(properties, "currentVersion");
  if (view.version.empty()) view.version = text(properties, "version");
  view.release_train = text(properties, "releaseTrain");
  view.release_namespace = text(member(member(properties, "scope"), "cluster"), "releaseNamespace");
  const nlohmann::json settings = member(properties, "configurationSettings");
  if (settings.is_object())
    for (auto it = settings.begin(); it != settings.end(); ++it)
      view.public_settings[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
  const nlohmann::json protected_settings = member(properties, "configurationProtectedSettings");
  if (protected_settings.is_object()) {
    view.protected_names.emplace();
    for (auto it = protected_settings.begin(); it != protected_settings.end(); ++it) view.protected_names->push_back(it.key());
  }
  view.statuses = member(properties, "statuses");
  view.error_info = member(properties, "errorInfo");
  view.identity = member(resource, "identity");
  view.resource = resource;
  return view;
}

Result<ExtensionChoice, OpError> choose_extension(arm::ArmClient& arm, const arm::ResourceId& cluster,
                                                  const std::optional<std::string>& name) {
  auto items = arm::list_all(arm, cluster.str() + "/providers/Microsoft.KubernetesConfiguration/extensions",
                             arm::api_versions::kExtensions);
  if (!items) return fail(OpError::from(items.error()));

  std::vector<ExtensionView> azureml;
  std::optional<ExtensionView> named;
  for (const auto& item : *items) {
    ExtensionView view = read_extension(item);
    if (name && equals_ci(view.id.name(), *name)) named = view;
    if (view.azureml()) azureml.push_back(std::move(view));
  }
  if (azureml.size() > 1 && !name) {
    return fail(OpError{ExitCode::usage,
                        "the cluster has more than one AzureML extension (" + names_of(azureml) +
                            "); pass --name to choose one",
                        {}});
  }
  const std::string wanted = name.value_or(azureml.empty() ? kDefaultExtensionName : azureml.front().id.name());
  if (!name && !azureml.empty()) named = azureml.front();
  if (!name && azureml.empty()) {
    for (const auto& item : *items)
      if (equals_ci(text(item, "name"), wanted)) named = read_extension(item);
  }
  if (named && !named->azureml()) {
    return fail(OpError{ExitCode::usage,
                        "the cluster's extension '" + named->id.name() + "' is of type " + named->type + ", not " +
                            kAzureMLExtensionType + "\nchoose another name with --name",
                        {}});
  }
  if (name) {
    for (const auto& other : azureml) {
      if (!equals_ci(other.id.name(), *name)) {
        return fail(OpError{ExitCode::usage,
                            "the cluster already runs the AzureML extension '" + other.id.name() +
                                "', and a cluster runs only one\nuse --name " + other.id.name() +
                                ", or delete it first",
                            {}});
      }
    }
  }
  ExtensionChoice choice{arm::ResourceId::extension(cluster, wanted), named, ""};
  if (!name && named && !equals_ci(wanted, kDefaultExtensionName))
    choice.note = "using the AzureML extension '" + wanted + "' installed on the cluster";
  return choice;
}

std::string failure_details(const ExtensionView& extension) {
  std::string out;
  const auto add = [&](const std::string& line) {
    if (!line.empty()) out += (out.empty() ? "" : "\n") + printable(line);
  };
  if (extension.error_info.is_object()) {
    add(text(extension.error_info, "code") + ": " + text(extension.error_info, "message"));
    if (auto details = member(extension.error_info, "details"); details.is_array())
      for (const auto& d : details) add("  " + text(d, "code") + ": " + text(d, "message"));
  }
  if (extension.statuses.is_array()) {
    for (const auto& status : extension.statuses)
      if (equals_ci(text(status, "level"), "Error"))
        add(text(status, "code") + (text(status, "displayStatus").empty() ? "" : " (" + text(status, "displayStatus") + ")") +
            ": " + text(status, "message"));
  }
  return out;
}

}  // namespace azureml::ops
