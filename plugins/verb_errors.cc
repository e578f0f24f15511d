#include "plugins/verb_errors.h"

#include <ostream>

namespace azureml::cli {

VerbResult error_result(const Invocation& call, ExitCode code, const std::string& message) {
  call.err << "error: " << message << '\n';
  VerbResult result;
  result.code = code;
  return result;
}

VerbResult error_result(const Invocation& call, const arm::ArmError& error) {
  return error_result(call, error.exit_code(), error.describe());
}

VerbResult error_result(const Invocation& call, const ops::OpError& error) {
  for (const auto& line : error.details) call.err << line << '\n';
  return error_result(call, error.code, error.message);
}

}  // namespace azureml::cli
