#pragma once
// What a verb is: its options declared once (the parser, help, completion and the az shim all
// read this declaration) and the function that runs it over core/ops.
#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/util/exit_code.h"
#include "core/util/environment.h"
#include "core/util/interrupt.h"

namespace azureml::cli {

enum class OptionType { flag, string, integer, choice, string_list };

struct OptionSpec {
  std::string name;     // long name without dashes, e.g. "file"
  char short_name = 0;  // kubectl's short form, e.g. 'f'; 0 for none
  OptionType type = OptionType::string;
  std::string value_name;  // e.g. "FILE"
  std::string help;
  std::optional<std::string> default_value;  // as text
  std::vector<std::string> choices;          // for OptionType::choice
  bool required = false;
};

struct PositionalSpec {
  std::string name;  // e.g. "NAME"
  std::string help;
  bool required = false;
};

struct Example {
  std::string description;
  std::string arguments;  // after the program name, e.g. "validate -f examples/attach-advanced.json"
};

struct VerbSpec {
  std::string name;
  std::string summary;      // one line, for the verb list
  std::string description;  // paragraphs for `help VERB`
  std::vector<Example> examples;
  std::vector<OptionSpec> options;  // the verb's own; the common ones are added by the table
  std::optional<PositionalSpec> positional;
  bool hidden = false;
  bool online = false;  // reaches Azure or a cluster; set by the VerbTable from the options it declares
};

// How a front end presents the shared table: its name, its default output, and the short
// flags its users expect (kubectl: -n is --namespace; on az -n is --name, mapped by the shim).
struct FrontEnd {
  std::string program;                                           // "kubectl azureml"
  std::string default_output;                                    // "table" for kubectl
  std::vector<std::pair<std::string, char>> short_aliases = {};  // option name -> short flag
};

class ParsedOptions;
class VerbTable;

struct Invocation {
  const ParsedOptions& options;
  const FrontEnd& front_end;
  const VerbTable& table;
  std::istream& in;
  std::ostream& err;                     // diagnostics and progress; results go through VerbResult
  const Environment& environment;        // the only place verbs read variables from
  bool interactive = false;              // a person can answer a question on `in`
  const Interrupt* interrupt = nullptr;  // Ctrl-C; online verbs stop at their next safe point
  bool live_progress = false;            // stderr is a terminal: progress may redraw a status line
};

struct VerbResult {
  ExitCode code = ExitCode::ok;
  nlohmann::ordered_json data;               // printed by -o json and -o yaml
  std::function<void(std::ostream&)> human;  // printed by -o table; empty: data as YAML
};

struct Verb {
  VerbSpec spec;
  std::function<VerbResult(const Invocation&)> run;
};

}  // namespace azureml::cli
