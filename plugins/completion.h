#pragma once
// Shell completion from the verb table, for kubectl (`kubectl_complete-azureml`, which runs
// `kubectl-azureml __complete WORDS...`) and for bash and zsh (`completion bash|zsh`).
//
// `__complete` takes the words typed after the program, the last being the one completed
// ("" when starting a new word), and prints one candidate per line, then ":<directive>" as
// kubectl and Cobra read it: 4 (no file completion) for verbs, flags and values it knows,
// 0 (the shell's default, files) for a FILE value. It completes verb and group names, the
// current verb's flags, a flag's choices, a verb's compute NAME, and INSTANCE_TYPE values from
// the lookups given (completion_sources.h).
#include <functional>
#include <string>
#include <vector>

#include "plugins/verb.h"
#include "plugins/verb_table.h"

namespace azureml::cli {

// Names that depend on what the typed words (the verb's and its options) point at.
using Lookup = std::function<std::vector<std::string>(const Verb& verb, const std::vector<std::string>& typed)>;

struct CompletionSources {
  Lookup compute_names;   // for NAME: the computes of the workspace named
  Lookup instance_types;  // for an INSTANCE_TYPE value: those of the configuration named
};

std::string complete(const VerbTable& table, const FrontEnd& front_end, const std::vector<std::string>& words,
                     const CompletionSources& sources);

// The bash or zsh script that completes `program` through `program __complete`; "" for another shell.
std::string completion_script(const std::string& shell, const std::string& program);

}  // namespace azureml::cli
