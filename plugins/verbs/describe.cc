// `__describe` (hidden): every verb and option as JSON. The az shim and shell completion are
// generated from it, so that no second list of options exists anywhere.
#include <ostream>

#include "plugins/options.h"
#include "plugins/verb_table.h"
#include "plugins/version_info.h"

namespace azureml::cli {
namespace {

nlohmann::ordered_json describe_option(const OptionSpec& option) {
  nlohmann::ordered_json out;
  out["name"] = option.name;
  out["short"] = option.short_name ? nlohmann::ordered_json(std::string(1, option.short_name)) : nullptr;
  out["type"] = type_name(option.type);
  out["valueName"] = option.value_name;
  out["default"] = option.default_value ? nlohmann::ordered_json(*option.default_value) : nullptr;
  out["choices"] = option.choices;
  out["required"] = option.required;
  out["repeatable"] = option.type == OptionType::string_list;
  out["help"] = option.help;
  return out;
}

nlohmann::ordered_json describe_verb(const VerbSpec& verb, const FrontEnd& front_end) {
  nlohmann::ordered_json out;
  out["name"] = verb.name;
  out["summary"] = verb.summary;
  out["description"] = verb.description;
  out["online"] = verb.online;  // reaches Azure or a cluster (the shim hands such verbs a token)
  out["examples"] = nlohmann::ordered_json::array();
  for (const auto& example : verb.examples)
    out["examples"].push_back({{"description", example.description}, {"arguments", example.arguments}});
  out["positional"] = verb.positional ? nlohmann::ordered_json{{"name", verb.positional->name},
                                                               {"help", verb.positional->help},
                                                               {"required", verb.positional->required}}
                                      : nlohmann::ordered_json(nullptr);
  out["options"] = nlohmann::ordered_json::array();
  for (const auto& option : verb.options) out["options"].push_back(describe_option(present(option, front_end)));
  return out;
}

VerbResult run(const Invocation& call) {
  VerbResult out;
  out.data["program"] = call.front_end.program;
  out.data["version"] = kVersion;
  out.data["exitCodes"] = {{"ok", 0},       {"failed", 1},   {"usage", 2},        {"auth", 3},
                           {"notFound", 4}, {"timedOut", 5}, {"interrupted", 130}};
  out.data["commonOptions"] = nlohmann::ordered_json::array();
  for (const auto& option : common_options())
    out.data["commonOptions"].push_back(describe_option(present(option, call.front_end)));
  out.data["verbs"] = nlohmann::ordered_json::array();
  for (const auto& verb : call.table.verbs())
    if (!verb.spec.hidden) out.data["verbs"].push_back(describe_verb(verb.spec, call.front_end));
  out.human = [data = out.data](std::ostream& stream) { stream << data.dump(2) << '\n'; };
  return out;
}

}  // namespace

Verb make_describe_verb() {
  VerbSpec spec;
  spec.name = "__describe";
  spec.summary = "Describe every command and option as JSON (for the az shim and completion)";
  spec.hidden = true;
  return {spec, run};
}

}  // namespace azureml::cli
