// kubectl-azureml: the kubectl plugin. kubectl execs it with every argument after
// `kubectl azureml`; it parses none of them itself, so the verb table handles all.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "core/util/environment.h"
#include "core/util/interrupt.h"
#include "core/util/signal_watcher.h"
#include "plugins/cli.h"
#include "plugins/last_resort.h"

int main(int argc, char** argv) {
  azureml::cli::install_last_resort_terminate();
  // First, before any thread: Ctrl-C becomes `interrupt`, which verbs check at safe points.
  azureml::Interrupt interrupt;
  const azureml::SignalWatcher watcher(interrupt);
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  // kubectl's conventions: tables by default, -n for --namespace, the compute NAME positional.
  const azureml::cli::FrontEnd kubectl{"kubectl azureml", "table", {{"namespace", 'n'}}};
  const azureml::ProcessEnvironment environment;
  const bool interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
  const bool live_progress = isatty(STDERR_FILENO) && environment.get("TERM").value_or("dumb") != "dumb";
  return azureml::cli::run_guarded(
      [&] {
        return azureml::cli::run_cli(arguments, kubectl,
                                     {std::cin, std::cout, std::cerr, interactive, &interrupt, live_progress},
                                     environment);
      },
      std::cerr);
}
