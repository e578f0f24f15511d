#include "core/util/process_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <thread>

namespace azureml {

namespace {

constexpr std::size_t kMaxCapture = 16 * 1024 * 1024;
constexpr std::string_view kDefaultPath = "/usr/local/bin:/usr/bin:/bin";
// After the child exits, how long to wait for pipes that something it started keeps open.
constexpr auto kDrainGrace = std::chrono::milliseconds(250);

bool is_executable_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int* out() { return &fd_; }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
  bool create() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return false;
    *read.out() = fds[0];
    *write.out() = fds[1];
    return ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK) == 0;
  }
};

// Reads what is there now, handing each piece to `sink` when there is one; closes the fd at end
// of file or on an error.
void drain(Fd& fd, std::string& into, const std::function<void(std::string_view)>& sink = {}) {
  std::array<char, 65536> buffer;
  for (;;) {
    const auto n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n > 0) {
      const auto room = kMaxCapture > into.size() ? kMaxCapture - into.size() : 0;
      into.append(buffer.data(), std::min(room, static_cast<std::size_t>(n)));
      if (sink) sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    fd.reset();
    return;
  }
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

void reap_blocking(pid_t pid, int& status) {
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

ProcessError error(ProcessError::Kind kind, std::string message) { return ProcessError{kind, std::move(message)}; }

}  // namespace

Result<ProcessOutput, ProcessError> ProcessRunner::run_with(const std::vector<std::string>& argv,
                                                            std::chrono::milliseconds timeout,
                                                            const ProcessOptions& options) {
  if (options.is_default()) return run(argv, timeout);
  const std::string program = argv.empty() ? std::string("the command") : argv[0];
  return fail(error(ProcessError::Kind::failed,
                    "this process runner cannot set the environment, standard input or stderr of " + program));
}

std::vector<std::string> child_environment(const char* const* inherited,
                                           const std::vector<std::pair<std::string, std::string>>& additions) {
  std::map<std::string_view, const std::string*> replaced;  // name -> the value that wins
  for (const auto& [name, value] : additions) replaced[name] = &value;
  std::vector<std::string> out;
  for (const char* const* entry = inherited; entry && *entry; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string_view::npos && replaced.count(text.substr(0, equals))) continue;
    out.emplace_back(text);
  }
  for (const auto& [name, value] : replaced) out.push_back(std::string(name) + "=" + *value);
  return out;
}

std::optional<std::string> find_executable(const std::string& name, const std::string& path) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) return is_executable_file(name) ? std::optional(name) : std::nullopt;
  std::size_t start = 0;
  for (;;) {
    const auto end = path.find(':', start);
    const auto length = end == std::string::npos ? path.size() - start : end - start;
    const auto candidate = (length == 0 ? std::string(".") : path.substr(start, length)) + "/" + name;
    if (is_executable_file(candidate)) return candidate;
    if (end == std::string::npos) return std::nullopt;
    start = end + 1;
  }
}

Result<ProcessOutput, ProcessError> PosixProcessRunner::run(const std::vector<std::string>& argv,
                                                            std::chrono::milliseconds timeout) {
  return run_with(argv, timeout, ProcessOptions{});
}

Result<ProcessOutput, ProcessError> PosixProcessRunner::run_with(const std::vector<std::string>& argv,
                                                                 std::chrono::milliseconds timeout,
                                                                 const ProcessOptions& options) {
  using Kind = ProcessError::Kind;
  const bool interactive = options.standard_input == StandardInput::inherit;
  if (argv.empty() || argv[0].empty()) return fail(error(Kind::failed, "no command to run"));
  const auto& program = argv[0];
  const auto path = environment_.get("PATH").value_or(std::string(kDefaultPath));
  const auto executable = find_executable(program, path);
  if (!executable)
    return fail(error(
        Kind::not_found,
        program + (program.find('/') == std::string::npos ? " not found on PATH" : " not found or not executable")));

  Pipe out;
  Pipe err;
  if (!out.create() || !err.create())
    return fail(error(Kind::failed, "could not create pipes to run " + program + ": " + std::strerror(errno)));

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!interactive) posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.write.get(), 2);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group unless it may read our terminal (see the header).
  const int spawn_flags = (interactive ? 0 : POSIX_SPAWN_SETPGROUP) | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  posix_spawnattr_setflags(&attributes, static_cast<short>(spawn_flags));
  if (!interactive) posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  sigaddset(&signals, SIGPIPE);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  posix_spawnattr_setsigdefault(&attributes, &signals);

  std::vector<char*> arguments;
  arguments.reserve(argv.size() + 1);
  for (const auto& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);

  // The inherited environment as is unless the options add to it.
  std::vector<std::string> environment_strings;
  std::vector<char*> environment_pointers;
  char* const* child_environ = ::environ;
  if (!options.environment.empty()) {
    environment_strings = child_environment(::environ, options.environment);
    environment_pointers.reserve(environment_strings.size() + 1);
    for (auto& entry : environment_strings) environment_pointers.push_back(entry.data());
    environment_pointers.push_back(nullptr);
    child_environ = environment_pointers.data();
  }

  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, executable->c_str(), &actions, &attributes, arguments.data(), child_environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  out.write.reset();
  err.write.reset();
  if (spawned == ENOENT) return fail(error(Kind::not_found, program + " not found on PATH"));
  if (spawned != 0) return fail(error(Kind::failed, "could not run " + program + ": " + std::strerror(spawned)));

  ProcessOutput output;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::optional<int> status;
  std::optional<std::chrono::steady_clock::time_point> exited_at;
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    if (!status) {
      int raw = 0;
      pid_t reaped = 0;
      do reaped = ::waitpid(pid, &raw, WNOHANG);
      while (reaped < 0 && errno == EINTR);
      if (reaped == pid) {
        status = raw;
        exited_at = now;
      }
    }
    if (status && ((!out.read.open() && !err.read.open()) || now - *exited_at > kDrainGrace)) break;
    if (now >= deadline) {
      if (!interactive) ::kill(-pid, SIGKILL);  // the whole group: az's Python and anything it started
      ::kill(pid, SIGKILL);
      out.read.reset();
      err.read.reset();
      if (!status) {
        int raw = 0;
        reap_blocking(pid, raw);
      }
      const auto ms = std::to_string(timeout.count());
      return fail(error(Kind::timed_out, program + " did not finish within " + ms + " ms and was stopped"));
    }
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    const auto wait = std::min<std::chrono::milliseconds>(remaining + std::chrono::milliseconds(1),
                                                          std::chrono::milliseconds(status ? 10 : 50));
    std::array<pollfd, 2> fds{};
    nfds_t count = 0;
    for (const Fd* fd : {&out.read, &err.read})
      if (fd->open()) fds[count++] = pollfd{fd->get(), POLLIN, 0};
    if (count == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    const int ready = ::poll(fds.data(), count, static_cast<int>(wait.count()));
    if (ready < 0 && errno != EINTR) {
      const int poll_error = errno;
      if (!interactive) ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      if (!status) {
        int raw = 0;
        reap_blocking(pid, raw);
      }
      return fail(error(Kind::failed, "could not read the output of " + program + ": " + std::strerror(poll_error)));
    }
    if (out.read.open()) drain(out.read, output.stdout_text);
    if (err.read.open()) drain(err.read, output.stderr_text, options.on_stderr);
  }
  output.exit_code = exit_code_of(*status);
  return output;
}

}  // namespace azureml
