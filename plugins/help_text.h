#pragma once
// Help pages, in kubectl's layout, from the verb declarations.
#include <string>

#include "plugins/verb_table.h"

namespace azureml::cli {

std::string program_help(const VerbTable& table, const FrontEnd& front_end);
std::string verb_help(const VerbSpec& verb, const FrontEnd& front_end);
std::string usage_line(const VerbSpec& verb, const FrontEnd& front_end);

// "error: unknown command 'x' for 'kubectl azureml'; did you mean 'y'?" and where to look,
// two lines, for the dispatcher and for `help x` alike.
// The commands of a group ("extension") with their summaries.
std::string group_help(const std::string& group, const VerbTable& table, const FrontEnd& front_end);

std::string unknown_command_error(const std::string& name, const VerbTable& table, const FrontEnd& front_end);

}  // namespace azureml::cli
