#include "plugins/options.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <charconv>
#include <limits>

#include "core/util/suggest.h"
#include "core/util/text.h"

namespace po = boost::program_options;

namespace azureml::cli {
namespace {

constexpr const char* kPositional = "__positional";

const OptionSpec* find_by_flag(const std::vector<OptionSpec>& specs, std::string_view flag) {
  for (const auto& spec : specs) {
    if (flag == "--" + spec.name) return &spec;
    if (spec.short_name && flag == std::string("-") + spec.short_name) return &spec;
  }
  return nullptr;
}

std::vector<std::string> every_flag(const std::vector<OptionSpec>& specs) {
  std::vector<std::string> flags;
  for (const auto& spec : specs) {
    flags.push_back("--" + spec.name);
    if (spec.short_name) flags.push_back(std::string("-") + spec.short_name);
  }
  return flags;
}

po::options_description describe_for_boost(const std::vector<OptionSpec>& specs, bool positional) {
  po::options_description description;
  for (const auto& spec : specs) {
    const std::string names = spec.short_name ? spec.name + "," + spec.short_name : spec.name;
    switch (spec.type) {
      case OptionType::flag:
        description.add_options()(names.c_str(), po::bool_switch());
        break;
      case OptionType::string_list:
        description.add_options()(names.c_str(), po::value<std::vector<std::string>>()->composing());
        break;
      default:
        description.add_options()(names.c_str(), po::value<std::string>());
    }
  }
  if (positional) description.add_options()(kPositional, po::value<std::string>());
  return description;
}

// pflag accepts "-o=json"; Boost would read the value as "=json".
std::vector<std::string> split_short_equals(const std::vector<std::string>& arguments) {
  std::vector<std::string> out;
  bool options_ended = false;
  for (const auto& argument : arguments) {
    if (argument == "--") options_ended = true;
    if (!options_ended && argument.size() > 3 && argument[0] == '-' && argument[1] != '-' && argument[2] == '=') {
      out.push_back(argument.substr(0, 2));
      out.push_back(argument.substr(3));
    } else {
      out.push_back(argument);
    }
  }
  return out;
}

std::string flag_of(const po::error_with_option_name& e) {
  std::string name = e.get_option_name();
  return name;
}

std::string translate(const po::error& e, const VerbSpec& verb, const std::vector<OptionSpec>& specs,
                      const FrontEnd& front_end) {
  const std::string where = "'" + front_end.program + " " + verb.name + "'";
  if (auto* unknown = dynamic_cast<const po::unknown_option*>(&e)) {
    std::string flag = flag_of(*unknown);
    const auto equals = flag.find('=');
    if (equals != std::string::npos) flag.resize(equals);
    std::string message = "unknown flag '" + flag + "' for " + where;
    const std::vector<std::string> flags = every_flag(specs);
    // A typo of a long flag means a long flag; a one-letter flag is one edit from every other.
    if (flag.rfind("--", 0) == 0) {
      std::vector<std::string> long_flags;
      for (const auto& f : flags)
        if (f.rfind("--", 0) == 0) long_flags.push_back(f);
      if (auto match = closest_match(flag, long_flags)) message += "; did you mean '" + *match + "'?";
    }
    return message;
  }
  if (auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    const std::string flag = flag_of(*syntax);
    const OptionSpec* spec = find_by_flag(specs, flag);
    switch (syntax->kind()) {
      case po::invalid_syntax::missing_parameter:
      case po::invalid_syntax::empty_adjacent_parameter:
        return "flag " + flag + " needs a value" +
               (spec && !spec->value_name.empty() ? " (" + spec->value_name + ")" : "");
      case po::invalid_syntax::extra_parameter:
        return "flag " + flag + " takes no value";
      default:
        return "flag " + flag + ": " + e.what();
    }
  }
  if (auto* repeated = dynamic_cast<const po::multiple_occurrences*>(&e))
    return "flag " + flag_of(*repeated) + " is given more than once; give it once";
  if (dynamic_cast<const po::too_many_positional_options_error*>(&e)) {
    if (verb.positional) return where + " takes one " + verb.positional->name + " argument; more were given";
    return where + " takes no positional arguments";
  }
  return e.what();
}

Result<std::string> check_value(const OptionSpec& spec, const std::string& value) {
  const std::string flag = "--" + spec.name;
  if (spec.type == OptionType::choice &&
      std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
    std::string message = "invalid value '" + value + "' for " + flag + ": allowed " + quoted_list(spec.choices);
    if (auto match = closest_match(value, spec.choices)) message += "; did you mean '" + *match + "'?";
    return fail(message);
  }
  if (spec.type == OptionType::integer) {
    const bool digits =
        !value.empty() && std::all_of(value.begin() + (value[0] == '-' ? 1 : 0), value.end(),
                                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (!digits || value == "-") return fail("invalid value '" + value + "' for " + flag + ": expected a whole number");
    // Verbs read integers with std::stoi: a value beyond int would end the program (uncaught
    // std::out_of_range), so it is refused here with the bounds.
    int parsed = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error != std::errc() || end != value.data() + value.size())
      return fail("invalid value '" + value + "' for " + flag + ": out of range (a whole number from " +
                  std::to_string(std::numeric_limits<int>::min()) + " to " +
                  std::to_string(std::numeric_limits<int>::max()) + ")");
  }
  return value;
}

}  // namespace

const std::vector<OptionSpec>& common_options() {
  static const std::vector<OptionSpec> options = {
      {"output", 'o', OptionType::choice, "FORMAT", "Output format.", std::nullopt, {"json", "yaml", "table", "none"}},
      {"verbose", 'v', OptionType::flag, "", "Log details to stderr (never secrets or tokens).", std::nullopt, {}},
      {"help", 'h', OptionType::flag, "", "Show help for this command.", std::nullopt, {}},
  };
  return options;
}

OptionSpec present(OptionSpec option, const FrontEnd& front_end) {
  if (option.name == "output") option.default_value = front_end.default_output;
  for (const auto& [name, short_name] : front_end.short_aliases)
    if (option.name == name && option.short_name == 0) option.short_name = short_name;
  return option;
}

std::vector<OptionSpec> all_options(const VerbSpec& verb, const FrontEnd& front_end) {
  std::vector<OptionSpec> options;
  for (const auto& option : verb.options) options.push_back(present(option, front_end));
  for (const auto& option : common_options()) options.push_back(present(option, front_end));
  return options;
}

std::string flag_names(const OptionSpec& option) {
  return option.short_name ? std::string("-") + option.short_name + ", --" + option.name : "--" + option.name;
}

std::string_view type_name(OptionType type) {
  switch (type) {
    case OptionType::flag:
      return "flag";
    case OptionType::string:
      return "string";
    case OptionType::integer:
      return "integer";
    case OptionType::choice:
      return "choice";
    case OptionType::string_list:
      return "stringList";
  }
  return "string";
}

ParsedOptions::ParsedOptions(std::vector<OptionSpec> specs, std::map<std::string, std::vector<std::string>> values,
                             std::optional<std::string> positional)
    : specs_(std::move(specs)), values_(std::move(values)), positional_(std::move(positional)) {}

const OptionSpec& ParsedOptions::spec(const std::string& name) const {
  for (const auto& s : specs_)
    if (s.name == name) return s;
  throw std::logic_error("no option named '" + name + "' is declared");  // a programming error, not user input
}

bool ParsedOptions::given(const std::string& name) const {
  spec(name);
  return values_.count(name) > 0;
}

std::string ParsedOptions::get(const std::string& name) const {
  const OptionSpec& s = spec(name);
  if (auto it = values_.find(name); it != values_.end() && !it->second.empty()) return it->second.front();
  return s.default_value.value_or("");
}

bool ParsedOptions::declares(const std::string& name) const {
  return std::any_of(specs_.begin(), specs_.end(), [&](const OptionSpec& s) { return s.name == name; });
}

bool ParsedOptions::flag(const std::string& name) const { return get(name) == "true"; }

std::vector<std::string> ParsedOptions::list(const std::string& name) const {
  spec(name);
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

Result<ParsedOptions> parse_options(const VerbSpec& verb, const FrontEnd& front_end,
                                    const std::vector<std::string>& arguments) {
  const std::vector<OptionSpec> specs = all_options(verb, front_end);

  const po::options_description description = describe_for_boost(specs, verb.positional.has_value());
  po::positional_options_description positional;
  if (verb.positional) positional.add(kPositional, 1);

  po::variables_map parsed;
  try {
    const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(split_short_equals(arguments))
                  .options(description)
                  .positional(positional)
                  .style(style)
                  .run(),
              parsed);
  } catch (const po::error& e) {
    return fail(translate(e, verb, specs, front_end));
  }

  std::map<std::string, std::vector<std::string>> values;
  for (const auto& spec : specs) {
    if (!parsed.count(spec.name) || parsed[spec.name].defaulted()) continue;
    const auto& value = parsed[spec.name].value();
    if (spec.type == OptionType::flag) {
      if (boost::any_cast<bool>(value)) values[spec.name] = {"true"};
      continue;
    }
    std::vector<std::string> given = spec.type == OptionType::string_list
                                         ? boost::any_cast<std::vector<std::string>>(value)
                                         : std::vector<std::string>{boost::any_cast<std::string>(value)};
    for (const auto& v : given)
      if (auto checked = check_value(spec, v); !checked) return fail(checked.error());
    values[spec.name] = std::move(given);
  }
  for (const auto& spec : specs)
    if (spec.required && !values.count(spec.name))
      return fail("required flag " + flag_names(spec) + " is missing" +
                  (spec.value_name.empty() ? "" : " (" + spec.value_name + ")"));

  std::optional<std::string> name;
  if (parsed.count(kPositional)) name = parsed[kPositional].as<std::string>();
  if (verb.positional && verb.positional->required && !name)
    return fail("'" + front_end.program + " " + verb.name + "' needs a " + verb.positional->name + " argument");
  return ParsedOptions(specs, std::move(values), std::move(name));
}

}  // namespace azureml::cli
