#include "plugins/verb_table.h"

#include <algorithm>

namespace azureml::cli {

VerbTable::VerbTable(std::vector<Verb> verbs) : verbs_(std::move(verbs)) {
  for (auto& verb : verbs_) {
    auto& options = verb.spec.options;
    for (auto it = options.begin(); it != options.end(); ++it)
      options.erase(
          std::remove_if(std::next(it), options.end(), [&](const OptionSpec& o) { return o.name == it->name; }),
          options.end());
    // A verb that takes Azure's or a cluster's options goes online (azure_access.h, kube_access.h).
    verb.spec.online = std::any_of(options.begin(), options.end(), [](const OptionSpec& o) {
      return o.name == "subscription" || o.name == "kubeconfig";
    });
  }
}

const Verb* VerbTable::find(std::string_view name) const {
  for (const auto& verb : verbs_)
    if (verb.spec.name == name) return &verb;
  return nullptr;
}

std::vector<std::string> VerbTable::visible_names() const {
  std::vector<std::string> names;
  for (const auto& verb : verbs_)
    if (!verb.spec.hidden) names.push_back(verb.spec.name);
  return names;
}

std::vector<std::string> VerbTable::subcommands(std::string_view group) const {
  std::vector<std::string> names;
  const std::string prefix = std::string(group) + " ";
  for (const auto& verb : verbs_) {
    if (verb.spec.hidden || !verb.spec.name.starts_with(prefix)) continue;
    // The next word only: "compute identity assign" is "identity" of "compute".
    std::string next = verb.spec.name.substr(prefix.size());
    next = next.substr(0, next.find(' '));
    if (std::find(names.begin(), names.end(), next) == names.end()) names.push_back(std::move(next));
  }
  return names;
}

const VerbTable& verb_table() {
  static const VerbTable table({
      make_attach_verb(),
      make_completion_verb(),
      make_compute_create_verb(),
      make_compute_show_verb(),
      make_compute_delete_verb(),
      make_compute_identity_assign_verb(),
      make_compute_identity_remove_verb(),
      make_detach_verb(),
      make_doctor_verb(),
      make_extension_install_verb(),
      make_extension_show_verb(),
      make_extension_update_verb(),
      make_extension_delete_verb(),
      make_list_verb(),
      make_show_verb(),
      make_validate_verb(),
      make_version_verb(),
      make_help_verb(),
      make_describe_verb(),
  });
  return table;
}

}  // namespace azureml::cli
