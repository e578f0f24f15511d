// `help [COMMAND]`: the same pages as --help.
#include <ostream>

#include "plugins/help_text.h"
#include "plugins/options.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

VerbResult run(const Invocation& call) {
  VerbResult out;
  std::string text;
  if (const auto& name = call.options.positional(); name && !call.table.subcommands(*name).empty()) {
    text = group_help(*name, call.table, call.front_end);
    out.data = {{"command", *name}, {"commands", call.table.subcommands(*name)}, {"help", text}};
  } else if (name) {
    const Verb* verb = call.table.find(*name);
    if (!verb || verb->spec.hidden) {
      call.err << unknown_command_error(*name, call.table, call.front_end);
      out.code = ExitCode::usage;
      return out;
    }
    text = verb_help(verb->spec, call.front_end);
    out.data = {{"command", *name}, {"usage", usage_line(verb->spec, call.front_end)}, {"help", text}};
  } else {
    text = program_help(call.table, call.front_end);
    out.data = {{"commands", call.table.visible_names()}, {"help", text}};
  }
  out.human = [text](std::ostream& stream) { stream << text; };
  return out;
}

}  // namespace

Verb make_help_verb() {
  VerbSpec spec;
  spec.name = "help";
  spec.summary = "Show help for a command";
  spec.examples = {{"Show the options of validate", "help validate"}};
  spec.positional = PositionalSpec{"COMMAND", "The command to explain; all commands when omitted.", false};
  return {spec, run};
}

}  // namespace azureml::cli
