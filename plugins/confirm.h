#pragma once
// Asking before deleting: --yes (or --dry-run, which deletes nothing), or a person's "y" at the
// terminal. A script that says neither is refused (exit 2) rather than left waiting on stdin.
#include <string>

#include "plugins/verb.h"

namespace azureml::cli {

// --yes: "Do not ask for confirmation."
OptionSpec yes_option();

// true when the deletion may go on; otherwise `refusal` says why not.
bool confirmed(const Invocation& call, const std::string& question, std::string& refusal);

}  // namespace azureml::cli
