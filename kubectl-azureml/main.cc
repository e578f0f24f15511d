// kubectl-azureml: the kubectl plugin. kubectl execs it with every argument after
// `kubectl azureml`; it parses none of them itself, so the verb table handles all.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "core/util/environment.h"
#include "plugins/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  // kubectl's conventions: tables by default, -n for --namespace, the compute NAME positional.
  const azureml::cli::FrontEnd kubectl{"kubectl azureml", "table", {{"namespace", 'n'}}};
  const azureml::ProcessEnvironment environment;
  const bool interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
  return azureml::cli::run_cli(arguments, kubectl, {std::cin, std::cout, std::cerr, interactive}, environment);
}
