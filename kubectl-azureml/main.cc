// kubectl-azureml: the kubectl plugin. kubectl execs it with every argument after
// `kubectl azureml`; it parses none of them itself, so the verb table handles all.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "core/util/environment.h"
#include "core/util/interrupt.h"
#include "plugins/cli.h"
#include "plugins/last_resort.h"

int main(int argc, char** argv) {
  azureml::cli::install_last_resort_terminate();
  // Ctrl-C becomes `interrupt`, which online verbs check at safe points (run_cli watches the
  // signals for them; no thread has started yet).
  azureml::Interrupt interrupt;
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const azureml::ProcessEnvironment environment;
  // kubectl's conventions: tables by default, -n for --namespace, the compute NAME positional.
  // The az shim runs this binary with the same conventions (it maps az's onto them) and says so
  // in AZUREML_FRONT_END, so that the commands messages suggest are the ones its user types.
  const bool through_az = environment.get("AZUREML_FRONT_END").value_or("") == "az";
  const azureml::cli::FrontEnd front_end{through_az ? "az azureml" : "kubectl azureml", "table", {{"namespace", 'n'}}};
  const bool interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
  const bool live_progress = isatty(STDERR_FILENO) && environment.get("TERM").value_or("dumb") != "dumb";
  return azureml::cli::run_guarded(
      [&] {
        return azureml::cli::run_cli(arguments, front_end,
                                     {std::cin, std::cout, std::cerr, interactive, &interrupt, live_progress},
                                     environment);
      },
      std::cerr);
}
