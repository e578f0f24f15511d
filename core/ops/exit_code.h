#pragma once
// The exit codes every front end documents (DESIGN.md); scripts depend on them.
namespace azureml {

enum class ExitCode : int {
  ok = 0,
  failed = 1,          // the operation failed
  usage = 2,           // usage or invalid input
  auth = 3,            // authentication or authorization
  not_found = 4,
  timed_out = 5,
  interrupted = 130,
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace azureml
