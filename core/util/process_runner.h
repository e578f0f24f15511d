#pragma once
// Child processes behind an interface (the Azure CLI credential runs `az`), so credentials are
// tested with a scripted runner and the POSIX runner with /bin/sh scripts. argv never carries
// a secret (it is visible to every user of the machine through /proc).
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// What a child's standard input is.
enum class StandardInput {
  null,     // /dev/null: the child can never wait for a keyboard
  inherit,  // ours, for an interactive credential plugin (e.g. a login prompt on the terminal)
};

// How to run one child beyond its argv (credential plugins need all three).
struct ProcessOptions {
  // Set in the child on top of the environment it inherits; they replace inherited variables of
  // the same name, and a later pair replaces an earlier one. Values may be secrets: they are
  // never logged nor put in an error message.
  std::vector<std::pair<std::string, std::string>> environment;
  StandardInput standard_input = StandardInput::null;
  // Called with each piece of the child's stderr as it arrives (it is captured as well), so that
  // a plugin's prompt ("open this URL and enter the code ...") reaches the user while it waits.
  std::function<void(std::string_view)> on_stderr;

  bool is_default() const { return environment.empty() && standard_input == StandardInput::null && !on_stderr; }
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs argv (argv[0] looked up on PATH unless it holds a '/') with stdin from /dev/null and
  // stdout and stderr captured; waits until it exits or `timeout` has passed.
  virtual Result<ProcessOutput, ProcessError> run(const std::vector<std::string>& argv,
                                                  std::chrono::milliseconds timeout) = 0;
  // The same with `options`. This default serves runners written before options existed (test
  // doubles): it runs `run(argv, timeout)` when the options ask for nothing, and otherwise fails
  // (kind failed) rather than silently drop an environment variable or a terminal.
  virtual Result<ProcessOutput, ProcessError> run_with(const std::vector<std::string>& argv,
                                                       std::chrono::milliseconds timeout,
                                                       const ProcessOptions& options);
};

// posix_spawn + pipes read with poll (no deadlock whatever the child writes to which stream).
// PATH comes from `environment` (unset: /usr/local/bin:/usr/bin:/bin), also when the options set
// another PATH for the child (as Go's os/exec looks a command up); the child inherits this
// process's real environment plus the options' variables. The child leads its own process
// group, so a timeout kills what it started too (az is a Python script) -- except with
// StandardInput::inherit: a background process group that reads the terminal is stopped by
// SIGTTIN, so an interactive child stays in ours and a timeout kills the child alone.
class PosixProcessRunner final : public ProcessRunner {
 public:
  explicit PosixProcessRunner(const Environment& environment) : environment_(environment) {}
  Result<ProcessOutput, ProcessError> run(const std::vector<std::string>& argv,
                                          std::chrono::milliseconds timeout) override;
  Result<ProcessOutput, ProcessError> run_with(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                                               const ProcessOptions& options) override;

 private:
  const Environment& environment_;
};

// The executable `name` would run as: itself when it holds a '/', else the first executable
// regular file called `name` in the colon-separated `path` (an empty entry means ".").
std::optional<std::string> find_executable(const std::string& name, const std::string& path);

// The child's environment: `inherited` ("NAME=value" strings, as in environ) with `additions`
// set on top -- each replaces the inherited entry of its name, a later addition an earlier one.
std::vector<std::string> child_environment(const char* const* inherited,
                                           const std::vector<std::pair<std::string, std::string>>& additions);

}  // namespace azureml
