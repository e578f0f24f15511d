#include "plugins/confirm.h"

#include <istream>
#include <ostream>

#include "plugins/options.h"

namespace azureml::cli {

OptionSpec yes_option() { return {"yes", 'y', OptionType::flag, "", "Do not ask for confirmation.", std::nullopt, {}}; }

bool confirmed(const Invocation& call, const std::string& question, const Destruction& what, std::string& refusal) {
  if (call.options.flag("yes") || call.options.flag("dry-run")) return true;
  if (!call.interactive) {
    refusal = what.doing + " needs confirmation: pass --yes (or --dry-run to see what would be " + what.done + ")";
    return false;
  }
  call.err << question << " [y/N] " << std::flush;
  std::string answer;
  std::getline(call.in, answer);
  if (answer == "y" || answer == "Y" || answer == "yes") return true;
  refusal = "not confirmed; nothing was " + what.done;
  return false;
}

}  // namespace azureml::cli
