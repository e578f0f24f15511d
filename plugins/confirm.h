#pragma once
// Asking before deleting or detaching: --yes (or --dry-run, which changes nothing), or a
// person's "y" at the terminal. A script that says neither is refused (exit 2) rather than left
// waiting on stdin, as az and kubectl do for destructive commands.
#include <string>

#include "plugins/verb.h"

namespace azureml::cli {

// --yes/-y: "Do not ask for confirmation."
OptionSpec yes_option();

// The words of a refusal: "deleting needs confirmation …", "nothing was deleted".
struct Destruction {
  std::string doing;  // "deleting"
  std::string done;   // "deleted"
};

// true when the change may go on; otherwise `refusal` says why not.
bool confirmed(const Invocation& call, const std::string& question, const Destruction& what, std::string& refusal);

}  // namespace azureml::cli
