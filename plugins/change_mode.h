#pragma once
// The flags of every verb that changes something (--dry-run, --no-wait, --timeout), declared once
// and read once into the operation's ChangeMode.
#include <vector>

#include "core/ops/change_set.h"
#include "core/util/result.h"
#include "plugins/verb.h"

namespace azureml::cli {

// --dry-run, --no-wait, --timeout.
std::vector<OptionSpec> change_options();

// The change_options() given, as a ChangeMode whose progress lines go to stderr. The error (a bad
// --timeout) is for exit 2.
Result<ops::ChangeMode> change_mode(const Invocation& call);

// `mode` for what an operation needs done before its own change (the extension an attach installs
// first): waited for, whatever --no-wait says.
ops::ChangeMode waited(ops::ChangeMode mode);

}  // namespace azureml::cli
