#pragma once
// Child processes behind an interface (the Azure CLI credential runs `az`), so credentials are
// tested with a scripted runner and the POSIX runner with /bin/sh scripts. argv never carries
// a secret (it is visible to every user of the machine through /proc).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/util/environment.h"
#include "core/util/result.h"

namespace azureml {

struct ProcessOutput {
  int exit_code = 0;        // the child's exit status; 128 + N when signal N ended it
  std::string stdout_text;  // everything it wrote, up to a bound (16 MiB each)
  std::string stderr_text;
};

struct ProcessError {
  enum class Kind {
    not_found,  // argv[0] is not on PATH (or not executable)
    timed_out,  // still running at the deadline: it (and its process group) were killed
    failed,     // could not be started, or the pipes failed
  };
  Kind kind = Kind::failed;
  std::string message;  // names argv[0] only, never the other arguments
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs argv (argv[0] looked up on PATH unless it holds a '/') with stdin from /dev/null and
  // stdout and stderr captured; waits until it exits or `timeout` has passed.
  virtual Result<ProcessOutput, ProcessError> run(const std::vector<std::string>& argv,
                                                  std::chrono::milliseconds timeout) = 0;
};

// posix_spawn + pipes read with poll (no deadlock whatever the child writes to which stream).
// PATH comes from `environment` (unset: /usr/local/bin:/usr/bin:/bin); the child inherits this
// process's real environment. The child leads its own process group, so a timeout kills what it
// started too (az is a Python script).
class PosixProcessRunner final : public ProcessRunner {
 public:
  explicit PosixProcessRunner(const Environment& environment) : environment_(environment) {}
  Result<ProcessOutput, ProcessError> run(const std::vector<std::string>& argv,
                                          std::chrono::milliseconds timeout) override;

 private:
  const Environment& environment_;
};

// The executable `name` would run as: itself when it holds a '/', else the first executable
// regular file called `name` in the colon-separated `path` (an empty entry means ".").
std::optional<std::string> find_executable(const std::string& name, const std::string& path);

}  // namespace azureml
