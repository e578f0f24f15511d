#pragma once
// The compute names `__complete` offers for a verb's NAME: the typed words parsed as the verb's
// options, then the workspace they name listed through ARM, as the verb itself would reach it.
#include <string>
#include <vector>

#include "core/util/environment.h"
#include "plugins/completion.h"

namespace azureml::cli {

// Empty when the words do not parse, name no workspace, or ARM cannot be read.
ComputeNames online_compute_names(const VerbTable& table, const FrontEnd& front_end, const Environment& environment);

}  // namespace azureml::cli
