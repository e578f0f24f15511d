#include "core/ops/extension_lookup.h"

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

// "code: message" of an ErrorDetail; "" when it has neither.
std::string error_line(const JsonShape& detail) {
  const std::string code = detail.text("code"), message = detail.text("message");
  return code.empty() && message.empty() ? "" : code + ": " + message;
}

std::vector<std::string> read_failure_lines(const JsonShape& properties) {
  std::vector<std::string> lines;
  const auto add = [&](const std::string& line) {
    if (!line.empty() && line != "  ") lines.push_back(printable(line));
  };
  const JsonShape error_info = properties.object("errorInfo");
  add(error_line(error_info));
  for (const auto& detail : error_info.objects("details")) add("  " + error_line(detail));
  for (const auto& status : properties.objects("statuses")) {
    const std::string level = status.text("level"), shown = status.text("displayStatus");
    if (equals_ci(level, "Error"))
      add(status.text("code") + (shown.empty() ? "" : " (" + shown + ")") + ": " + status.text("message"));
  }
  return lines;
}

std::string names_of(const std::vector<ExtensionView>& extensions) {
  std::vector<std::string> names;
  for (const auto& e : extensions) names.push_back(e.id.name());
  return quoted_list(names, " and ");
}

}  // namespace

bool ExtensionView::azureml() const { return equals_ci(type, kAzureMLExtensionType); }

ExtensionView read_extension(const JsonShape& resource) {
  ExtensionView view;
  if (auto id = arm::ResourceId::parse(resource.text("id"))) view.id = *id;
  const JsonShape properties = resource.object("properties");
  view.type = properties.text("extensionType");
  view.provisioning_state = properties.text("provisioningState");
  view.version = properties.text("currentVersion");
  if (view.version.empty()) view.version = properties.text("version");
  view.release_train = properties.text("releaseTrain");
  view.release_namespace = properties.object("scope").object("cluster").text("releaseNamespace");
  // The spec types settings as strings; a number or boolean some service sends is kept as its
  // JSON text rather than refused, since it is only shown and compared.
  const JsonShape settings = properties.object("configurationSettings");
  for (auto it = settings.json().begin(); settings.given() && it != settings.json().end(); ++it) {
    if (it->is_string())
      view.public_settings[it.key()] = it->get<std::string>();
    else if (it->is_object() || it->is_array())
      settings.string(it.key());  // recorded as the answer's shape error
    else if (!it->is_null())
      view.public_settings[it.key()] = it->dump();
  }
  const JsonShape protected_settings = properties.object("configurationProtectedSettings");
  if (protected_settings.given()) {
    view.protected_names.emplace();
    for (auto it = protected_settings.json().begin(); it != protected_settings.json().end(); ++it)
      view.protected_names->push_back(it.key());
  }
  view.failure_lines = read_failure_lines(properties);
  view.statuses = properties.any("statuses");
  view.error_info = properties.any("errorInfo");
  const JsonShape identity = resource.object("identity");
  identity.string("type");
  identity.string("principalId");
  view.identity = identity.json();
  view.resource = resource.json();
  return view;
}

Result<ExtensionView, arm::ArmError> read_extension_answer(const nlohmann::json& resource, const char* method,
                                                           const arm::ResourceId& id) {
  const JsonShape shape(resource);
  ExtensionView view = read_extension(shape);
  if (shape.error()) return fail(arm::unexpected_shape(*shape.error(), method, id.str(), {}));
  return view;
}

Result<ExtensionChoice, OpError> choose_extension(arm::ArmClient& arm, const arm::ResourceId& cluster,
                                                  const std::optional<std::string>& name) {
  auto items = arm::list_read(arm, cluster.str() + "/providers/Microsoft.KubernetesConfiguration/extensions",
                              arm::api_versions::kExtensions, read_extension);
  if (!items) return fail(OpError::from(items.error()));

  std::vector<ExtensionView> azureml;
  std::optional<ExtensionView> named;
  for (const auto& view : *items) {
    if (name && equals_ci(view.id.name(), *name)) named = view;
    if (view.azureml()) azureml.push_back(std::move(view));
  }
  if (azureml.size() > 1 && !name) {
    return fail(OpError{
        ExitCode::usage,
        "the cluster has more than one AzureML extension (" + names_of(azureml) + "); pass --name to choose one",
        {}});
  }
  const std::string wanted = name.value_or(azureml.empty() ? kDefaultExtensionName : azureml.front().id.name());
  if (!name && !azureml.empty()) named = azureml.front();
  if (!name && azureml.empty()) {
    for (const auto& view : *items)
      if (equals_ci(view.id.name(), wanted)) named = view;
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
  for (const auto& line : extension.failure_lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

}  // namespace azureml::ops
