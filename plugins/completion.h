#pragma once
// Shell completion from the verb table, for kubectl (`kubectl_complete-azureml`, which runs
// `kubectl-azureml __complete WORDS...`) and for bash and zsh (`completion bash|zsh`).
//
// `__complete` takes the words typed after the program, the last being the one completed
// ("" when starting a new word), and prints one candidate per line, then ":<directive>" as
// kubectl and Cobra read it: 4 (no file completion) for verbs, flags and values it knows,
// 0 (the shell's default, files) for a FILE value. It completes verb and group names, the
// current verb's flags, a flag's choices, and a verb's compute NAME from the workspace named
// by -w and -g (an ARM list; nothing when that cannot be read).
#include <functional>
#include <string>
#include <vector>

#include "plugins/verb.h"
#include "plugins/verb_table.h"

namespace azureml::cli {

// The names of the computes of the workspace the typed words name; empty when they name none.
using ComputeNames = std::function<std::vector<std::string>(const Verb& verb, const std::vector<std::string>& typed)>;

std::string complete(const VerbTable& table, const FrontEnd& front_end, const std::vector<std::string>& words,
                     const ComputeNames& compute_names);

// The bash or zsh script that completes `program` through `program __complete`; "" for another shell.
std::string completion_script(const std::string& shell, const std::string& program);

}  // namespace azureml::cli
