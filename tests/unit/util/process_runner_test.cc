// PosixProcessRunner against real /bin/sh scripts in a temp directory put on PATH.
#include "core/util/process_runner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <thread>

#include "tests/unit/temp_dir.h"

namespace azureml {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// Alive and not a zombie (a killed orphan may wait a moment for whoever reaps it).
bool is_running(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, command, state;
  if (!(stat >> pid_field >> command >> state)) return false;
  return state != "Z" && state != "X";
}

struct PosixProcessRunnerTest : ::testing::Test {
  test::TempDir directory;
  MapEnvironment environment;
  void SetUp() override { environment.set("PATH", directory.path().string() + ":/usr/bin:/bin"); }
};

TEST_F(PosixProcessRunnerTest, CapturesStdoutStderrExitCodeAndArguments) {
  directory.write_script("tool", R"(printf 'out:%s|' "$@"; echo "err line" >&2; exit 3
)");
  PosixProcessRunner runner(environment);
  const auto result = runner.run({"tool", "a b", "--scope", "https://x/.default", ""}, 5000ms);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->exit_code, 3);
  EXPECT_EQ(result->stdout_text, "out:a b|out:--scope|out:https://x/.default|out:|");
  EXPECT_EQ(result->stderr_text, "err line\n");
}

TEST_F(PosixProcessRunnerTest, StdinIsEmpty) {
  directory.write_script("reader", "cat; echo done\n");
  PosixProcessRunner runner(environment);
  const auto result = runner.run({"reader"}, 5000ms);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->stdout_text, "done\n");
}

TEST_F(PosixProcessRunnerTest, LargeOutputOnBothStreamsDoesNotDeadlock) {
  // Far more than a pipe buffer (64 KiB) on each stream, interleaved.
  directory.write_script("noisy", R"(i=0
while [ $i -lt 3000 ]; do
  echo "stdout line $i padding padding padding padding padding padding padding padding padding"
  echo "stderr line $i padding padding padding padding padding padding padding padding padding" >&2
  i=$((i+1))
done
)");
  PosixProcessRunner runner(environment);
  const auto result = runner.run({"noisy"}, 20000ms);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->exit_code, 0);
  EXPECT_GT(result->stdout_text.size(), 200000u);
  EXPECT_GT(result->stderr_text.size(), 200000u);
  EXPECT_THAT(result->stdout_text, HasSubstr("stdout line 2999 "));
  EXPECT_THAT(result->stderr_text, HasSubstr("stderr line 2999 "));
}

TEST_F(PosixProcessRunnerTest, NotOnPathIsNotFound) {
  PosixProcessRunner runner(environment);
  const auto result = runner.run({"az-definitely-not-here"}, 1000ms);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ProcessError::Kind::not_found);
  EXPECT_EQ(result.error().message, "az-definitely-not-here not found on PATH");

  directory.write("not-executable", "#!/bin/sh\necho hi\n");
  const auto plain = runner.run({"not-executable"}, 1000ms);
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().kind, ProcessError::Kind::not_found);

  const auto absolute = runner.run({(directory.path() / "nope").string()}, 1000ms);
  ASSERT_FALSE(absolute.ok());
  EXPECT_EQ(absolute.error().kind, ProcessError::Kind::not_found);
}

TEST_F(PosixProcessRunnerTest, PathComesFromTheEnvironmentInterface) {
  directory.write_script("only-here", "echo found\n");
  MapEnvironment other;
  other.set("PATH", "/usr/bin:/bin");
  PosixProcessRunner elsewhere(other);
  EXPECT_EQ(elsewhere.run({"only-here"}, 1000ms).error().kind, ProcessError::Kind::not_found);
  PosixProcessRunner here(environment);
  EXPECT_EQ(here.run({"only-here"}, 5000ms)->stdout_text, "found\n");
  const auto by_path = elsewhere.run({(directory.path() / "only-here").string()}, 5000ms);
  ASSERT_TRUE(by_path.ok());
  EXPECT_EQ(by_path->stdout_text, "found\n");
}

TEST_F(PosixProcessRunnerTest, TimeoutKillsTheChildAndWhatItStarted) {
  const auto pid_file = (directory.path() / "grandchild.pid").string();
  // The shell starts a long sleep in the background (holding our pipes) and waits for it.
  directory.write_script("hang", "sleep 30 &\necho $! > '" + pid_file + "'\necho started\nwait\n");
  PosixProcessRunner runner(environment);
  const auto start = std::chrono::steady_clock::now();
  const auto result = runner.run({"hang"}, 300ms);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ProcessError::Kind::timed_out);
  EXPECT_EQ(result.error().message, "hang did not finish within 300 ms and was stopped");
  EXPECT_LT(elapsed, 5s);

  std::ifstream in(pid_file);
  pid_t grandchild = 0;
  ASSERT_TRUE(in >> grandchild);
  // The sleep was in the child's process group: it is gone (give the kernel a moment to reap it).
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    gone = !is_running(grandchild);
    if (!gone) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(gone) << "process " << grandchild << " survived the timeout";
}

TEST_F(PosixProcessRunnerTest, ExitingWhileABackgroundProcessHoldsThePipesReturns) {
  directory.write_script("daemonize", "sleep 3 &\necho parent done\nexit 0\n");
  PosixProcessRunner runner(environment);
  const auto start = std::chrono::steady_clock::now();
  const auto result = runner.run({"daemonize"}, 10000ms);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->stdout_text, "parent done\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST_F(PosixProcessRunnerTest, KilledBySignalReports128PlusSignal) {
  directory.write_script("suicide", "kill -TERM $$\n");
  PosixProcessRunner runner(environment);
  const auto result = runner.run({"suicide"}, 5000ms);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->exit_code, 128 + SIGTERM);
}

// Sets a variable of this process for one test and puts the old value back.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;
  ~ScopedVariable() {
    if (old_)
      ::setenv(name_.c_str(), old_->c_str(), 1);
    else
      ::unsetenv(name_.c_str());
  }

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// Replaces this process's stdin with a pipe holding `text`, for one test.
class ScopedStdin {
 public:
  explicit ScopedStdin(const std::string& text) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    if (::write(fds[1], text.data(), text.size()) != static_cast<ssize_t>(text.size()))
      throw std::runtime_error("write failed");
    ::close(fds[1]);
    saved_ = ::dup(0);
    ::dup2(fds[0], 0);
    ::close(fds[0]);
  }
  ScopedStdin(const ScopedStdin&) = delete;
  ScopedStdin& operator=(const ScopedStdin&) = delete;
  ~ScopedStdin() {
    ::dup2(saved_, 0);
    ::close(saved_);
  }

 private:
  int saved_ = -1;
};

TEST_F(PosixProcessRunnerTest, OptionsAddVariablesOnTopOfTheInheritedEnvironment) {
  const ScopedVariable inherited("AZUREML_TEST_INHERITED", "from-parent");
  const ScopedVariable replaced("AZUREML_TEST_REPLACED", "old");
  directory.write_script(
      "show",
      R"(printf '%s|%s|%s|%s' "$AZUREML_TEST_INHERITED" "$AZUREML_TEST_REPLACED" "$AZUREML_TEST_NEW" "$AZUREML_TEST_TWICE"
)");
  PosixProcessRunner runner(environment);
  ProcessOptions options;
  options.environment = {{"AZUREML_TEST_REPLACED", "new"},
                         {"AZUREML_TEST_NEW", "{\"json\": \"with spaces = and quotes\"}"},
                         {"AZUREML_TEST_TWICE", "first"},
                         {"AZUREML_TEST_TWICE", "second"}};
  const auto result = runner.run_with({"show"}, 5000ms, options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->stdout_text, "from-parent|new|{\"json\": \"with spaces = and quotes\"}|second");

  // Without options the child sees this process's environment only.
  const auto plain = runner.run({"show"}, 5000ms);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->stdout_text, "from-parent|old||");
}

TEST_F(PosixProcessRunnerTest, CommandIsLookedUpOnTheParentsPathNotTheOptionsPath) {
  directory.write_script("tool", "echo \"$PATH\"\n");
  PosixProcessRunner runner(environment);
  ProcessOptions options;
  options.environment = {{"PATH", "/nonexistent"}};
  const auto result = runner.run_with({"tool"}, 5000ms, options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->stdout_text, "/nonexistent\n");
}

TEST_F(PosixProcessRunnerTest, InheritedStdinReachesTheChild) {
  directory.write_script("reader", "read line; echo \"got:$line\"\n");
  PosixProcessRunner runner(environment);
  const ScopedStdin input("typed by the user\n");
  ProcessOptions options;
  options.standard_input = StandardInput::inherit;
  const auto result = runner.run_with({"reader"}, 5000ms, options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->stdout_text, "got:typed by the user\n");

  // The default stays /dev/null even though our stdin has data.
  const auto closed = runner.run({"reader"}, 5000ms);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->stdout_text, "got:\n");
}

TEST_F(PosixProcessRunnerTest, InteractiveChildStaysInOurProcessGroup) {
  // Field 5 of /proc/PID/stat is the process group.
  directory.write_script("group", "cut -d' ' -f5 /proc/$$/stat\n");
  PosixProcessRunner runner(environment);
  ProcessOptions options;
  options.standard_input = StandardInput::inherit;
  const auto interactive = runner.run_with({"group"}, 5000ms, options);
  ASSERT_TRUE(interactive.ok()) << interactive.error().message;
  EXPECT_EQ(interactive->stdout_text, std::to_string(::getpgrp()) + "\n");
  const auto batch = runner.run({"group"}, 5000ms);
  ASSERT_TRUE(batch.ok());
  EXPECT_NE(batch->stdout_text, std::to_string(::getpgrp()) + "\n");
}

TEST_F(PosixProcessRunnerTest, InteractiveChildIsKilledAtTheDeadline) {
  directory.write_script("slow", "exec sleep 30\n");
  PosixProcessRunner runner(environment);
  ProcessOptions options;
  options.standard_input = StandardInput::inherit;
  const auto start = std::chrono::steady_clock::now();
  const auto result = runner.run_with({"slow"}, 300ms, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ProcessError::Kind::timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST_F(PosixProcessRunnerTest, StderrIsStreamedToTheSinkAndCaptured) {
  directory.write_script("prompt", R"(echo "To sign in, open https://microsoft.com/devicelogin" >&2
echo '{"ok":true}'
echo "done" >&2
)");
  PosixProcessRunner runner(environment);
  std::string streamed;
  ProcessOptions options;
  options.on_stderr = [&](std::string_view piece) { streamed += piece; };
  const auto result = runner.run_with({"prompt"}, 5000ms, options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(streamed, "To sign in, open https://microsoft.com/devicelogin\ndone\n");
  EXPECT_EQ(result->stderr_text, streamed);
  EXPECT_EQ(result->stdout_text, "{\"ok\":true}\n");
}

// A runner written before options existed: only run(argv, timeout).
class LegacyRunner final : public ProcessRunner {
 public:
  Result<ProcessOutput, ProcessError> run(const std::vector<std::string>& argv, std::chrono::milliseconds) override {
    calls.push_back(argv);
    return ProcessOutput{0, "ran", ""};
  }
  std::vector<std::vector<std::string>> calls;
};

TEST(ProcessRunnerDefault, RunsWithoutOptionsAndRefusesOptionsItCannotHonour) {
  LegacyRunner runner;
  ProcessRunner& base = runner;
  const auto plain = base.run_with({"tool", "arg"}, 1000ms, ProcessOptions{});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->stdout_text, "ran");
  ASSERT_EQ(runner.calls.size(), 1u);

  ProcessOptions with_variable;
  with_variable.environment = {{"SECRET", "do-not-show"}};
  const auto refused = base.run_with({"tool"}, 1000ms, with_variable);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ProcessError::Kind::failed);
  EXPECT_THAT(refused.error().message, HasSubstr("tool"));
  EXPECT_THAT(refused.error().message, ::testing::Not(HasSubstr("do-not-show")));
  EXPECT_EQ(runner.calls.size(), 1u);

  ProcessOptions interactive;
  interactive.standard_input = StandardInput::inherit;
  EXPECT_FALSE(base.run_with({"tool"}, 1000ms, interactive).ok());
}

TEST(ChildEnvironment, AdditionsReplaceInheritedEntriesAndLaterAdditionsWin) {
  const char* inherited[] = {"A=1", "B=2", "NOEQUALS", "C=x=y", nullptr};
  const auto out = child_environment(inherited, {{"B", "20"}, {"D", "4"}, {"D", "40"}, {"C", ""}});
  EXPECT_THAT(out, ::testing::ElementsAre("A=1", "NOEQUALS", "B=20", "C=", "D=40"));
  EXPECT_THAT(child_environment(inherited, {}), ::testing::ElementsAre("A=1", "B=2", "NOEQUALS", "C=x=y"));
  EXPECT_THAT(child_environment(nullptr, {{"X", "1"}}), ::testing::ElementsAre("X=1"));
}

TEST(FindExecutable, SearchesPathEntriesInOrder) {
  test::TempDir first;
  test::TempDir second;
  second.write_script("tool", "exit 0\n");
  first.write("tool", "not executable");
  const auto path = first.path().string() + "::" + second.path().string();
  EXPECT_EQ(find_executable("tool", path), (second.path() / "tool").string());
  EXPECT_EQ(find_executable("missing", path), std::nullopt);
  EXPECT_EQ(find_executable("", path), std::nullopt);
  EXPECT_EQ(find_executable("sh", "/nonexistent:/bin"), "/bin/sh");
}

TEST(PosixProcessRunner, EmptyArgvFails) {
  MapEnvironment environment;
  PosixProcessRunner runner(environment);
  const auto result = runner.run({}, 1000ms);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ProcessError::Kind::failed);
}

}  // namespace
}  // namespace azureml
