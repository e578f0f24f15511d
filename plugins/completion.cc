#include "plugins/completion.h"

#include <algorithm>

#include "plugins/options.h"

namespace azureml::cli {
namespace {

constexpr int kNoFileComp = 4;
constexpr int kDefault = 0;

bool is_flag(const std::string& word) { return word.size() > 1 && word[0] == '-'; }

// The first word of every visible verb, or the next word under `group`.
std::vector<std::string> next_words(const VerbTable& table, const std::string& group) {
  if (!group.empty()) return table.subcommands(group);
  std::vector<std::string> words;
  for (const auto& name : table.visible_names()) {
    const std::string first = name.substr(0, name.find(' '));
    if (std::find(words.begin(), words.end(), first) == words.end()) words.push_back(first);
  }
  return words;
}

std::string lines(const std::vector<std::string>& candidates, const std::string& prefix, int directive) {
  std::string out;
  for (const auto& candidate : candidates)
    if (candidate.starts_with(prefix)) out += candidate + "\n";
  return out + ":" + std::to_string(directive) + "\n";
}

// The option `word` names ("--file", "-f", "--file=x" up to the '='), or nullptr.
const OptionSpec* option_named(const std::vector<OptionSpec>& options, const std::string& word) {
  const std::string flag = word.substr(0, word.find('='));
  for (const auto& option : options) {
    if (flag == "--" + option.name) return &option;
    if (option.short_name != 0 && flag == std::string("-") + option.short_name) return &option;
  }
  return nullptr;
}

}  // namespace

std::string complete(const VerbTable& table, const FrontEnd& front_end, const std::vector<std::string>& words,
                     const CompletionSources& sources) {
  const std::string current = words.empty() ? "" : words.back();
  const std::vector<std::string> typed(words.begin(), words.empty() ? words.end() : words.end() - 1);

  // The verb: the leading words that name a group or a verb.
  std::string name;
  std::size_t used = 0;
  while (used < typed.size() && !is_flag(typed[used])) {
    const std::string longer = name.empty() ? typed[used] : name + " " + typed[used];
    if (!table.find(longer) && table.subcommands(longer).empty()) break;
    name = longer;
    ++used;
  }
  const Verb* verb = name.empty() ? nullptr : table.find(name);
  const bool flag_typed = current.starts_with("-");
  if (!verb) {
    if (flag_typed || used < typed.size()) return ":" + std::to_string(kNoFileComp) + "\n";  // no such verb
    return lines(next_words(table, name), current, kNoFileComp);
  }

  const auto options = all_options(verb->spec, front_end);
  if (flag_typed) {
    std::vector<std::string> flags;
    for (const auto& option : options) {
      flags.push_back("--" + option.name);
      if (option.short_name != 0) flags.push_back(std::string("-") + option.short_name);
    }
    return lines(flags, current, kNoFileComp);
  }
  // The value of the flag before it.
  if (!typed.empty() && typed.size() > used && is_flag(typed.back()) && typed.back().find('=') == std::string::npos) {
    if (const OptionSpec* option = option_named(options, typed.back()); option && option->type != OptionType::flag) {
      if (option->type == OptionType::choice) return lines(option->choices, current, kNoFileComp);
      if (option->value_name == "INSTANCE_TYPE" && sources.instance_types) {
        const std::vector<std::string> before(typed.begin(), typed.end() - 1);  // without the flag itself
        return lines(sources.instance_types(*verb, before), current, kNoFileComp);
      }
      return ":" + std::to_string(option->value_name == "FILE" ? kDefault : kNoFileComp) + "\n";
    }
  }
  // NAME: the computes of the workspace given so far.
  if (verb->spec.positional && sources.compute_names) {
    bool named = false;  // a positional already typed
    for (std::size_t i = used; i < typed.size(); ++i) {
      if (is_flag(typed[i])) {
        const OptionSpec* option = option_named(options, typed[i]);
        if (option && option->type != OptionType::flag && typed[i].find('=') == std::string::npos) ++i;
      } else {
        named = true;
      }
    }
    if (!named) return lines(sources.compute_names(*verb, typed), current, kNoFileComp);
  }
  return ":" + std::to_string(kNoFileComp) + "\n";
}

std::string completion_script(const std::string& shell, const std::string& program) {
  if (shell == "bash") {
    return "# bash completion for " + program + ": source <(" + program +
           " completion bash)\n"
           "_" +
           program.substr(program.find_last_of('/') + 1) +
           "_complete() {\n"
           "  local IFS=$'\\n' words=(\"${COMP_WORDS[@]:1:COMP_CWORD}\") out directive\n"
           "  out=$(\"" +
           program +
           "\" __complete \"${words[@]}\" 2>/dev/null) || return\n"
           "  directive=${out##*:}\n"
           "  out=${out%:*}\n"
           "  COMPREPLY=($(printf '%s' \"$out\"))\n"
           "  if [ ${#COMPREPLY[@]} -eq 0 ] && [ \"$directive\" = 0 ]; then\n"
           "    COMPREPLY=($(compgen -f -- \"${COMP_WORDS[COMP_CWORD]}\"))\n"
           "  fi\n"
           "}\n"
           "complete -F _" +
           program.substr(program.find_last_of('/') + 1) + "_complete " + program + "\n";
  }
  if (shell == "zsh") {
    return "#compdef " + program + "\n# zsh completion for " + program + ": source <(" + program +
           " completion zsh)\n"
           "_" +
           program +
           "_complete() {\n"
           "  local -a candidates\n"
           "  local out directive\n"
           "  out=$(\"" +
           program +
           "\" __complete \"${(@)words[2,CURRENT]}\" 2>/dev/null) || return\n"
           "  directive=${out##*:}\n"
           "  candidates=(${(f)${out%:*}})\n"
           "  if (( ${#candidates} )); then compadd -a candidates\n"
           "  elif [[ $directive == 0 ]]; then _files; fi\n"
           "}\n"
           "compdef _" +
           program + "_complete " + program + "\n";
  }
  return "";
}

}  // namespace azureml::cli
