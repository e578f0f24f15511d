#pragma once
// Command-line parsing for one verb with Boost.Program_options, from its OptionSpecs, with
// kubectl-style errors: the wrong flag, the closest valid one, the allowed values.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "plugins/verb.h"

namespace azureml::cli {

// Options every verb takes.
const std::vector<OptionSpec>& common_options();

// One option as `front_end` presents it: its default output and short aliases applied.
OptionSpec present(OptionSpec option, const FrontEnd& front_end);

// Every option of a verb as `front_end` presents it: its own, then the common ones.
std::vector<OptionSpec> all_options(const VerbSpec& verb, const FrontEnd& front_end);

class ParsedOptions {
 public:
  ParsedOptions(std::vector<OptionSpec> specs, std::map<std::string, std::vector<std::string>> values,
                std::optional<std::string> positional);

  bool given(const std::string& name) const;
  // True when the verb declares the option (given() and get() are for declared ones only).
  bool declares(const std::string& name) const;
  // The value given, else the declared default, else "".
  std::string get(const std::string& name) const;
  bool flag(const std::string& name) const;
  std::vector<std::string> list(const std::string& name) const;
  const std::optional<std::string>& positional() const { return positional_; }

 private:
  const OptionSpec& spec(const std::string& name) const;

  std::vector<OptionSpec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
  std::optional<std::string> positional_;
};

// Parses the arguments after the verb name. `front_end` supplies the default output format.
Result<ParsedOptions> parse_options(const VerbSpec& verb, const FrontEnd& front_end,
                                    const std::vector<std::string>& arguments);

// "-f, --file" as help and messages show it.
std::string flag_names(const OptionSpec& option);

std::string_view type_name(OptionType type);

}  // namespace azureml::cli
