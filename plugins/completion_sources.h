#pragma once
// What `__complete` looks up beyond the verb table, for the words typed so far parsed as the
// verb's options: the compute names of the workspace they name (listed through ARM, as the verb
// itself would reach it) and the instance types of the attach configuration they name (-f, read
// offline; without -f, the service's default).
#include "core/util/environment.h"
#include "plugins/completion.h"

namespace azureml::cli {

// Each lookup is empty when the words do not parse, name nothing, or it cannot be read.
CompletionSources completion_sources(const VerbTable& table, const FrontEnd& front_end, const Environment& environment);

}  // namespace azureml::cli
