// The interrupt matrix: every online verb that changes something, stopped by SIGINT or SIGTERM
// while each of its requests, to Azure and to the Kubernetes API server, is in flight (the fake
// holds that one request). The verb must exit
// 130 and say what it had sent ("sent before the interrupt: ...") or that nothing was changed;
// a clean re-run must finish the job without making anything twice, and a third run must find
// nothing left to change.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <iostream>
#include <map>
#include <thread>

#include "tests/integration/matrix_world.h"

namespace azureml::testing::matrix {
namespace {

using namespace std::chrono_literals;

// How long the fake holds the request the signal arrives during: well over the second libcurl
// may take between two progress checks, so only the interrupt can end the wait.
constexpr auto kHeld = 3000ms;

struct Signal {
  std::string name;
  int number;
};

void PrintTo(const Signal& signal, std::ostream* out) { *out << signal.name; }

// The recorded request at `position`, if it has arrived (`answered`: and been answered).
bool arrived(World& world, const Position& position, bool answered) {
  int seen = 0;
  for (const auto& request : recorded(world, position.kube))
    if (same_request(request, position) && seen++ == position.skip) return !answered || request.status != 0;
  return false;
}

bool wait_for(World& world, const Position& position, bool answered) {
  for (int i = 0; i < 1000; ++i) {
    if (arrived(world, position, answered)) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

// Successful PUTs per path: a resource made twice shows up as 2.
std::map<std::string, int> successful_puts(const std::vector<fakes::RecordedRequest>& requests) {
  std::map<std::string, int> out;
  for (const auto& request : requests)
    if (request.method == "PUT" && request.status >= 200 && request.status < 300) ++out[request.path];
  return out;
}

// One position: the signal while the fake holds that request, then a clean re-run and a settling
// run, in a world of its own. What went wrong, one line each; empty when the position behaved.
std::vector<std::string> run_position(const Scenario& scenario, int signal, const Position& position) {
  std::vector<std::string> problems;
  const auto problem = [&problems](const std::string& what, const std::string& detail) {
    problems.push_back(what + (detail.empty() ? "" : ":\n" + detail));
  };
  World world;
  if (const auto failed = prepared(world, scenario)) {
    problem("preparing failed", *failed);
    return problems;
  }
  add_fault(world, position,
            fakes::Fault::slow(static_cast<int>(kHeld.count()), position.method, path_pattern(position.path)));

  RunningBinary running(world.words(scenario.command), "", world.environment());
  if (!wait_for(world, position, false)) {
    problem("the request never arrived", running.err_so_far());
    return problems;
  }
  // What had reached Azure when the signal came: the verb is held, so nothing more is sent.
  const std::vector<std::string> changes_sent = mutations(world.azure().requests());
  running.signal(signal);
  const azureml::testing::Run stopped = running.finish();
  if (stopped.exit_code != 130) problem("exit " + std::to_string(stopped.exit_code) + ", not 130", stopped.err);
  if (!stopped.out.empty()) problem("an interrupted verb printed a result", stopped.out);
  const std::string said = changes_sent.empty() ? "nothing was changed in Azure" : "sent before the interrupt: ";
  if (stopped.err.find(said) == std::string::npos) problem("it did not say '" + said + "'", stopped.err);

  // ARM finishes what it was sent, interrupted or not: let the held request be answered.
  if (!wait_for(world, position, true)) problem("the held request was never answered", "");
  clear_faults(world);
  const azureml::testing::Run again = world.run(scenario.command);
  if (again.exit_code != 0) problem("the re-run did not finish the job", again.err);
  if (!scenario.done(world.azure().resource(scenario.resource)))
    problem("the re-run left " + scenario.resource + " unfinished", "");
  for (const auto& [path, count] : successful_puts(world.azure().requests()))
    if (count != 1) problem(path + " was made " + std::to_string(count) + " times", "");
  world.azure().clear_requests();
  const azureml::testing::Run settled = world.run(scenario.command);
  if (settled.exit_code != 0) problem("the third run failed", settled.err);
  for (const auto& line : mutations(world.azure().requests())) problem("not converged: the third run sent " + line, "");
  return problems;
}

using Param = std::tuple<Scenario, Signal>;

class InterruptMatrix : public ::testing::TestWithParam<Param> {};

TEST_P(InterruptMatrix, EveryPositionExits130SaysWhatWasSentAndARerunConverges) {
  const Scenario& scenario = std::get<0>(GetParam());
  const Signal& signal = std::get<1>(GetParam());  // not a structured binding: clang 14 cannot capture one

  std::vector<Position> at;
  {
    World clean;
    prepare(clean, scenario);
    const azureml::testing::Run run = clean.run(scenario.command);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    at = all_positions(clean);
  }

  const std::vector<std::vector<std::string>> problems =
      side_by_side(at.size(), [&](std::size_t i) { return run_position(scenario, signal.number, at[i]); });
  for (std::size_t i = 0; i < at.size(); ++i)
    for (const auto& problem : problems[i])
      ADD_FAILURE() << scenario.name << " with " << signal.name << " during " << at[i].describe() << ": " << problem;
  std::cout << scenario.name << " with " << signal.name << ": " << at.size() << " positions interrupted\n";
}

std::string param_name(const ::testing::TestParamInfo<Param>& info) {
  return std::get<0>(info.param).name + "_" + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Verbs, InterruptMatrix,
                         ::testing::Combine(::testing::ValuesIn(changing_scenarios()),
                                            ::testing::Values(Signal{"SIGINT", SIGINT}, Signal{"SIGTERM", SIGTERM})),
                         param_name);

}  // namespace
}  // namespace azureml::testing::matrix
