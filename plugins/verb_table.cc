#include "plugins/verb_table.h"

namespace azureml::cli {

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

const VerbTable& verb_table() {
  static const VerbTable table({
      make_doctor_verb(),
      make_list_verb(),
      make_validate_verb(),
      make_version_verb(),
      make_help_verb(),
      make_describe_verb(),
  });
  return table;
}

}  // namespace azureml::cli
