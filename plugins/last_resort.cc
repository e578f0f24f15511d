#include "plugins/last_resort.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/util/exit_code.h"
#include "core/util/text.h"

namespace azureml::cli {
namespace {

std::string internal_error_line(const std::exception_ptr& escaped) {
  std::string what = "an exception of unknown type";
  try {
    if (escaped) std::rethrow_exception(escaped);
    what = "the program was ended (std::terminate)";
  } catch (const std::exception& e) {
    what = printable(e.what());
  } catch (...) {
  }
  return "internal error: " + what + " (please report with -v output)\n";
}

[[noreturn]] void on_terminate() {
  const std::string line = internal_error_line(std::current_exception());
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  std::_Exit(to_int(ExitCode::failed));
}

}  // namespace

int run_guarded(const std::function<int()>& body, std::ostream& err) {
  try {
    return body();
  } catch (...) {
    err << internal_error_line(std::current_exception()) << std::flush;
    return to_int(ExitCode::failed);
  }
}

void install_last_resort_terminate() { std::set_terminate(on_terminate); }

}  // namespace azureml::cli
