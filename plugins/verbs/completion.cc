// `completion bash|zsh`: the shell script that completes kubectl-azureml run directly (kubectl
// itself completes the plugin through kubectl_complete-azureml).
#include <ostream>

#include "plugins/completion.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

VerbResult run(const Invocation& call) {
  const std::string shell = *call.options.positional();
  const std::string script = completion_script(shell, "kubectl-azureml");
  if (script.empty()) return error_result(call, ExitCode::usage, "completion knows bash and zsh, not '" + shell + "'");
  VerbResult out;
  out.data = {{"shell", shell}, {"script", script}};
  out.human = [script](std::ostream& stream) { stream << script; };
  return out;
}

}  // namespace

Verb make_completion_verb() {
  VerbSpec spec;
  spec.name = "completion";
  spec.summary = "Print the shell completion script for bash or zsh";
  spec.description =
      "For kubectl-azureml run directly. Through kubectl, completion comes from kubectl_complete-azureml on PATH "
      "(shipped in the krew archive).";
  spec.examples = {{"Complete in the current bash", "completion bash > ~/.kubectl-azureml.bash"}};
  spec.positional = PositionalSpec{"SHELL", "bash or zsh.", true};
  return {spec, run};
}

}  // namespace azureml::cli
