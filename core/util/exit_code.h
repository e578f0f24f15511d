#pragma once
// The exit codes every front end documents (README, "Exit codes"); scripts depend on them. Vocabulary
// every layer speaks (arm and kube map their errors to it), so it sits at the bottom, in util.
namespace azureml {

enum class ExitCode : int {
  ok = 0,
  failed = 1,  // the operation failed
  usage = 2,   // usage or invalid input
  auth = 3,    // authentication or authorization
  not_found = 4,
  timed_out = 5,
  interrupted = 130,
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace azureml
