#pragma once
// The last resort behind every verb. Errors cross module edges as values, so an exception that
// reaches here is a bug; it must still end as exit 1 with a line to report, never as an abort
// (exit 134) with a core dump:
//   internal error: <what> (please report with -v output)
#include <functional>
#include <ostream>

namespace azureml::cli {

// body(), or exit 1 with the line above when it throws.
int run_guarded(const std::function<int()>& body, std::ostream& err);

// Makes std::terminate (an exception escaping a worker thread, a throwing destructor) print the
// same line and exit 1. Once, at the start of main.
void install_last_resort_terminate();

}  // namespace azureml::cli
