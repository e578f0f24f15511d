#pragma once
// Child processes for tests that drive real programs (kubectl, the standalone fakes): run one
// to completion with exactly the environment given, or start a server, read the line it
// prints when ready, and stop it by its PID. Output goes through files in a temporary
// directory, so a chatty child never blocks on a full pipe.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace azureml::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when it did not exit normally (killed at the timeout, a signal)
  bool timed_out = false;
  std::string out;
  std::string err;
};

namespace detail {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

inline std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (const std::string& s : strings) pointers.push_back(const_cast<char*>(s.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

inline int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

}  // namespace detail

// Runs `argv` (argv[0] a path) with exactly `environment` ("NAME=VALUE" each), standard input
// from /dev/null; kills it (by PID) if it runs longer than `timeout`.
inline ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  std::string dir_template = (std::filesystem::temp_directory_path() / "azureml-process-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  const std::filesystem::path dir = dir_template;
  const std::string out_path = (dir / "out").string(), err_path = (dir / "err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> args = detail::c_strings(argv);
  std::vector<char*> env = detail::c_strings(environment);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, argv.at(0).c_str(), &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ProcessResult result;
  if (spawned != 0) {
    result.err = "cannot start " + argv.at(0);
    std::filesystem::remove_all(dir);
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  result.exit_code = result.timed_out ? -1 : detail::exit_code_of(status);
  result.out = detail::read_file(out_path);
  result.err = detail::read_file(err_path);
  std::filesystem::remove_all(dir);
  return result;
}

struct SpawnedServer {
  pid_t pid = -1;
  std::string first_line;  // what it printed when ready ("" if nothing within the wait)
};

// Starts a server that prints one line on stdout when it is ready, and waits up to `wait` for
// that line. Its stderr is the test's. The caller stops it with stop_process(pid).
inline SpawnedServer spawn_server(const std::vector<std::string>& argv,
                                  std::chrono::milliseconds wait = std::chrono::seconds(20)) {
  SpawnedServer server;
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return server;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  std::vector<char*> args = detail::c_strings(argv);
  const int spawned = posix_spawn(&server.pid, argv.at(0).c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    server.pid = -1;
    return server;
  }
  pollfd readable{pipe_fds[0], POLLIN, 0};
  char c = 0;
  while (poll(&readable, 1, static_cast<int>(wait.count())) > 0 && read(pipe_fds[0], &c, 1) == 1 && c != '\n') {
    server.first_line += c;
  }
  close(pipe_fds[0]);
  return server;
}

// SIGTERM to `pid` (and only it), then its exit code; -1 if it did not exit normally.
inline int stop_process(pid_t pid) {
  if (pid <= 0) return -1;
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  return detail::exit_code_of(status);
}

// Waits for a child that should end by itself; its exit code.
inline int wait_process(pid_t pid) {
  int status = 0;
  if (pid <= 0 || waitpid(pid, &status, 0) != pid) return -1;
  return detail::exit_code_of(status);
}

// A port on 127.0.0.1 that refuses connections: bound, never listening, held while this
// lives (so no one else takes it). A proxy variable pointing here makes any request that
// would leave the machine fail at once.
class RefusingPort {
 public:
  RefusingPort() : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      throw std::runtime_error("cannot reserve a local port");
    }
    port_ = ntohs(address.sin_port);
  }
  ~RefusingPort() {
    if (fd_ >= 0) close(fd_);
  }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace azureml::testing
