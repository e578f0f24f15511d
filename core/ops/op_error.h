#pragma once
// What an operation returns when it stops: the exit code, one line saying what went wrong and
// what was and was not done, and the findings behind it (settings problems, already formatted
// lines). Operations never print; they say what they do through a Progress callback.
#include <functional>
#include <string>
#include <vector>

#include "core/arm/arm_error.h"
#include "core/util/exit_code.h"

namespace azureml::ops {

struct OpError {
  ExitCode code = ExitCode::failed;
  std::string message;               // printed as "error: <message>"; may hold a second line (the fix)
  std::vector<std::string> details;  // printed before it, one per line, as they are

  static OpError from(const arm::ArmError& error) { return {error.exit_code(), error.describe(), {}}; }
  // The ARM error, then what it means for the operation: "… ; the extension was not installed".
  static OpError from(const arm::ArmError& error, const std::string& consequence) {
    return {error.exit_code(), error.describe() + "\n" + consequence, {}};
  }
};

// A line for the user while an operation runs: "creating Relay namespace …", "warning: …".
using Progress = std::function<void(const std::string& line)>;

}  // namespace azureml::ops
