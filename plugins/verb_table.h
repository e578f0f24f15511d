#pragma once
// The one list of verbs both front ends serve. A new verb is a file in plugins/verbs/ and a
// line in verb_table.cc.
#include <string_view>
#include <vector>

#include "plugins/verb.h"

namespace azureml::cli {

class VerbTable {
 public:
  // An option that two of a verb's option groups both bring (--request-timeout) is kept once.
  explicit VerbTable(std::vector<Verb> verbs);

  const std::vector<Verb>& verbs() const { return verbs_; }
  const Verb* find(std::string_view name) const;
  std::vector<std::string> visible_names() const;
  // The visible verbs of a group ("extension" -> "install", "show", ...); empty when no group.
  std::vector<std::string> subcommands(std::string_view group) const;

 private:
  std::vector<Verb> verbs_;
};

// The product's table.
const VerbTable& verb_table();

// One factory per file in plugins/verbs/.
Verb make_validate_verb();
Verb make_version_verb();
Verb make_help_verb();
Verb make_describe_verb();
Verb make_list_verb();
Verb make_doctor_verb();
Verb make_attach_verb();
Verb make_detach_verb();
Verb make_show_verb();
Verb make_extension_install_verb();
Verb make_extension_update_verb();
Verb make_extension_show_verb();
Verb make_extension_delete_verb();
Verb make_completion_verb();
Verb make_compute_create_verb();
Verb make_compute_show_verb();
Verb make_compute_delete_verb();
Verb make_compute_identity_assign_verb();
Verb make_compute_identity_remove_verb();

}  // namespace azureml::cli
