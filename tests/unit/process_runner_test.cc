// PosixProcessRunner against real /bin/sh scripts in a temp directory put on PATH.
#include "core/util/process_runner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <fstream>
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
