#pragma once
// Runs the built kubectl-azureml as a user would and captures what it printed. posix_spawn
// with an explicit environment, so tests can give exactly the variables they mean to (nothing
// from the machine running the tests leaks in) without any value appearing on an argv.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace azureml::testing {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

using EnvironmentMap = std::map<std::string, std::string>;

inline std::string slurp(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The binary started and not yet waited for: a test may signal it while it works.
class RunningBinary {
 public:
  // `stdin_text` is fed on standard input; the working directory is the source tree. With
  // `environment`, the child gets exactly those variables (add PATH yourself); without, this
  // process's own.
  RunningBinary(const std::vector<std::string>& arguments, const std::string& stdin_text = "",
                const std::optional<EnvironmentMap>& environment = std::nullopt) {
    std::array<char, 32> dir_template{};
    std::snprintf(dir_template.data(), dir_template.size(), "/tmp/azureml-run-XXXXXX");
    if (!mkdtemp(dir_template.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = dir_template.data();
    std::ofstream(dir_ + "/in") << stdin_text;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, (dir_ + "/in").c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, (dir_ + "/out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, (dir_ + "/err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addchdir_np(&actions, AZUREML_SOURCE_DIR);

    std::vector<std::string> argv_text{AZUREML_BINARY};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_text;
    std::vector<char*> envp;
    if (environment) {
      for (const auto& [name, value] : *environment) env_text.push_back(name + "=" + value);
      for (auto& e : env_text) envp.push_back(e.data());
      envp.push_back(nullptr);
    }
    const int spawned =
        posix_spawn(&pid_, AZUREML_BINARY, &actions, nullptr, argv.data(), environment ? envp.data() : environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      remove_dir();
      throw std::runtime_error("posix_spawn " AZUREML_BINARY " failed");
    }
  }
  RunningBinary(const RunningBinary&) = delete;
  RunningBinary& operator=(const RunningBinary&) = delete;
  ~RunningBinary() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      finish();
    }
    remove_dir();
  }

  void signal(int number) const { ::kill(pid_, number); }
  pid_t pid() const { return pid_; }
  std::string err_so_far() const { return slurp(dir_ + "/err"); }

  // Waits for it to end; what it printed and its exit code (128 + N when signal N ended it).
  Run finish() {
    Run run;
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0) {
    }
    pid_ = 0;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.out = slurp(dir_ + "/out");
    run.err = slurp(dir_ + "/err");
    return run;
  }

 private:
  void remove_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string dir_;
  pid_t pid_ = 0;
};

inline Run run_binary(const std::vector<std::string>& arguments, const std::string& stdin_text = "",
                      const std::optional<EnvironmentMap>& environment = std::nullopt) {
  return RunningBinary(arguments, stdin_text, environment).finish();
}

}  // namespace azureml::testing
