#include "plugins/help_text.h"

#include <algorithm>

#include "core/util/suggest.h"
#include "core/util/text.h"
#include "plugins/options.h"

namespace azureml::cli {
namespace {

std::string option_line(const OptionSpec& option) {
  std::string line = "  " + std::string(option.short_name ? "" : "    ") + flag_names(option);
  if (option.type != OptionType::flag) line += "=" + (option.value_name.empty() ? "VALUE" : option.value_name);
  line += ":\n      " + option.help;
  if (!option.choices.empty()) line += " One of: " + quoted_list(option.choices) + ".";
  if (option.default_value) line += " Default: '" + *option.default_value + "'.";
  if (option.required) line += " Required.";
  if (option.type == OptionType::string_list) line += " Repeatable.";
  return line + "\n";
}

}  // namespace

std::string usage_line(const VerbSpec& verb, const FrontEnd& front_end) {
  std::string usage = front_end.program + " " + verb.name;
  if (verb.positional)
    usage += verb.positional->required ? " " + verb.positional->name : " [" + verb.positional->name + "]";
  for (const auto& option : verb.options)
    if (option.required) usage += " --" + option.name + "=" + option.value_name;
  return usage + " [options]";
}

std::string program_help(const VerbTable& table, const FrontEnd& front_end) {
  std::string text =
      "Install the Azure Machine Learning extension on a Kubernetes cluster and attach the cluster to an\n"
      "Azure Machine Learning workspace as a compute target.\n\nCommands:\n";
  std::size_t width = 0;
  for (const auto& name : table.visible_names()) width = std::max(width, name.size());
  for (const auto& verb : table.verbs()) {
    if (verb.spec.hidden) continue;
    text += "  " + verb.spec.name + std::string(width - verb.spec.name.size() + 3, ' ') + verb.spec.summary + "\n";
  }
  text += "\nUsage:\n  " + front_end.program + " COMMAND [options]\n\n";
  text += "Use \"" + front_end.program + " help COMMAND\" or \"" + front_end.program +
          " COMMAND --help\" for more information about a command.\n";
  text +=
      "Exit codes: 0 ok, 1 operation failed, 2 usage or invalid input, 3 authentication, 4 not found,\n"
      "5 timed out, 130 interrupted.\n";
  return text;
}

std::string verb_help(const VerbSpec& verb, const FrontEnd& front_end) {
  std::string text = verb.summary + "\n";
  if (!verb.description.empty()) text += "\n" + verb.description + "\n";
  if (!verb.examples.empty()) {
    text += "\nExamples:\n";
    for (const auto& example : verb.examples)
      text += "  # " + example.description + "\n  " + front_end.program + " " + example.arguments + "\n\n";
    text.pop_back();
  }
  if (verb.positional) text += "\nArguments:\n  " + verb.positional->name + ":\n      " + verb.positional->help + "\n";
  text += "\nOptions:\n";
  for (const auto& option : verb.options) text += option_line(present(option, front_end));
  text += "\nCommon options:\n";
  for (const auto& option : common_options()) text += option_line(present(option, front_end));
  text += "\nUsage:\n  " + usage_line(verb, front_end) + "\n";
  return text;
}

std::string group_help(const std::string& group, const VerbTable& table, const FrontEnd& front_end) {
  std::string text = "Commands of '" + group + "':\n";
  std::size_t width = 0;
  for (const auto& name : table.subcommands(group)) width = std::max(width, name.size());
  for (const auto& name : table.subcommands(group)) {
    const Verb* verb = table.find(group + " " + name);
    const std::string summary =
        verb ? verb->spec.summary : "Commands: " + quoted_list(table.subcommands(group + " " + name)) + ".";
    text += "  " + name + std::string(width - name.size() + 3, ' ') + summary + "\n";
  }
  text += "\nUsage:\n  " + front_end.program + " " + group + " COMMAND [options]\n\n";
  text += "Use \"" + front_end.program + " " + group + " COMMAND --help\" for more information about a command.\n";
  return text;
}

std::string unknown_command_error(const std::string& name, const VerbTable& table, const FrontEnd& front_end) {
  std::string text = "error: unknown command '" + printable(name) + "' for '" + front_end.program + "'";
  if (auto match = closest_match(name, table.visible_names())) text += "; did you mean '" + *match + "'?";
  return text + "\nRun '" + front_end.program + " --help' for the list of commands.\n";
}

}  // namespace azureml::cli
