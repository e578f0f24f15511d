// The fault matrix: every online verb, with each fault the fakes can inject, at each position
// of the requests the verb sends to Azure and to the Kubernetes API server. A clean run records the positions; then, in
// a fresh world per position, the fault hits that one request. The verb must either succeed or fail with a documented
// exit code and an error that says what failed; never crash, hang, print a half result or claim a usage error. A clean
// re-run must then finish the job, and a third run must find nothing left to change (the state converged). A verb that
// only reads must send no change at all, faulted or not.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <iostream>
#include <set>

#include "tests/integration/matrix_world.h"

namespace azureml::testing::matrix {
namespace {

enum class Kind { throttled, server_error, unavailable, reset, timeout, malformed_json, token_expired };

struct FaultCase {
  std::string name;
  Kind kind;
};

const std::vector<FaultCase> kFaults = {
    {"throttled_429", Kind::throttled},
    {"server_error_500", Kind::server_error},
    {"unavailable_503", Kind::unavailable},
    {"connection_reset", Kind::reset},
    {"timeout", Kind::timeout},
    {"malformed_json", Kind::malformed_json},
    {"token_expired_401", Kind::token_expired},
};

void PrintTo(const FaultCase& fault, std::ostream* out) { *out << fault.name; }

fakes::Fault fault_at(Kind kind, const Position& at) {
  const std::string path = path_pattern(at.path);
  fakes::Fault fault;
  switch (kind) {
    case Kind::throttled:
      fault = fakes::Fault::throttle(at.method, path, 0);
      break;
    case Kind::server_error:
      fault = fakes::Fault::server_error(500, at.method, path);
      break;
    case Kind::unavailable:
      fault = fakes::Fault::server_error(503, at.method, path);
      break;
    case Kind::reset:
      fault = fakes::Fault::reset(at.method, path);
      break;
    // Azure acts on the request at once and holds the answer until the world stops; the faulted
    // run gives up after 4 s (faulted_command). Acting first keeps the world the re-run meets the
    // same on every machine: an answer held before acting would land at a moment set by the
    // clock, perhaps in the middle of the re-run.
    case Kind::timeout:
      fault = fakes::Fault::late_answer(600'000, at.method, path);
      break;
    case Kind::malformed_json:
      fault = fakes::Fault::malformed_json(at.method, path);
      break;
    case Kind::token_expired:  // the API server's tokens are not ours to expire: it answers 401
      fault = at.kube ? fakes::Fault::server_error(401, at.method, path) : fakes::Fault::expire_tokens(at.method, path);
      break;
  }
  return fault;
}

// Exit codes a verb may end with when a request fails under it (README: 1 failed, 3 not
// signed in, 5 timed out). 2 (bad input) and 130 (interrupted) would be lies here.
const std::set<int> kFailureCodes = {1, 3, 5};

// The timeout fault's run only, and long enough that no other request of it comes near it on a
// loaded machine (36 worlds at once under the sanitizers; a 1 s limit once cut a run short before
// its fault): every other run keeps the verb's own timeout, so no outcome depends on how fast this
// machine answers.
std::vector<std::string> faulted_command(const std::vector<std::string>& command, Kind kind) {
  if (kind != Kind::timeout) return command;
  std::vector<std::string> out = command;
  out.insert(out.end(), {"--request-timeout", "4s"});
  return out;
}

// One position: the fault at it, then a clean re-run and a settling run, in a world of its own.
// What went wrong, one line each; empty when the position behaved. `succeeded`: the faulted run
// itself finished the job (the fault was retried away).
struct Outcome {
  std::vector<std::string> problems;
  bool succeeded = false;
};

// `clean_exit`: what the verb exits with unfaulted (doctor reports a failing check with 1).
Outcome run_with_fault(const Scenario& scenario, Kind kind, const Position& position, int clean_exit) {
  Outcome outcome;
  const auto problem = [&outcome](const std::string& what, const std::string& detail) {
    outcome.problems.push_back(what + (detail.empty() ? "" : ":\n" + detail));
  };
  World world;
  if (const auto failed = prepared(world, scenario)) {
    problem("preparing failed", *failed);
    return outcome;
  }
  add_fault(world, position, fault_at(kind, position));
  const azureml::testing::Run faulted = world.run(faulted_command(scenario.command, kind));
  if (faults_fired(world) != 1) problem("the fault did not hit its request", "");
  const bool whole_result = !nlohmann::json::parse(faulted.out, nullptr, false).is_discarded();
  if (faulted.exit_code == 0) {
    outcome.succeeded = true;
    if (!whole_result) problem("exit 0 without a result", faulted.out);
  } else if (scenario.reports_failures && faulted.exit_code == 1 && whole_result) {
    // A report whose failing check says what the fault broke (doctor).
  } else {
    if (!kFailureCodes.count(faulted.exit_code)) problem("exit " + std::to_string(faulted.exit_code), faulted.err);
    if (faulted.err.find("error: ") == std::string::npos) problem("failed without an error message", faulted.err);
    if (!faulted.out.empty()) problem("a failed verb printed a result", faulted.out);
  }
  if (scenario.reads_only)
    for (const auto& line : mutations(world.azure().requests())) problem("a reading verb sent " + line, "");

  clear_faults(world);
  const azureml::testing::Run again = world.run(scenario.command);
  if (again.exit_code != clean_exit) problem("the re-run did not finish the job", again.err);
  if (!scenario.done(world.azure().resource(scenario.resource)))
    problem("the re-run left " + scenario.resource + " unfinished",
            world.azure().resource(scenario.resource).value_or(nullptr).dump());
  world.azure().clear_requests();
  const azureml::testing::Run settled = world.run(scenario.command);
  if (settled.exit_code != clean_exit) problem("the third run failed", settled.err);
  for (const auto& line : mutations(world.azure().requests())) problem("not converged: the third run sent " + line, "");
  return outcome;
}

using FaultParam = std::tuple<Scenario, FaultCase>;

class FaultMatrix : public ::testing::TestWithParam<FaultParam> {};

TEST_P(FaultMatrix, EveryPositionSucceedsOrFailsCleanlyAndARerunConverges) {
  const Scenario& scenario = std::get<0>(GetParam());
  const FaultCase& fault = std::get<1>(GetParam());  // not a structured binding: clang 14 cannot capture one

  std::vector<Position> at;
  int clean_exit = 0;
  {
    World clean;
    prepare(clean, scenario);
    const azureml::testing::Run run = clean.run(scenario.command);
    clean_exit = run.exit_code;
    // The fixture's cluster has a crash-looping pod: doctor's clean report fails that check.
    ASSERT_TRUE(run.exit_code == 0 || (scenario.reports_failures && run.exit_code == 1)) << run.err << run.out;
    ASSERT_TRUE(scenario.done(clean.azure().resource(scenario.resource))) << run.out;
    at = all_positions(clean);
    ASSERT_FALSE(at.empty());
  }

  const std::vector<Outcome> outcomes =
      side_by_side(at.size(), [&](std::size_t i) { return run_with_fault(scenario, fault.kind, at[i], clean_exit); });
  std::size_t succeeded = 0, problems = 0;
  for (std::size_t i = 0; i < at.size(); ++i) {
    succeeded += outcomes[i].succeeded ? 1 : 0;
    problems += outcomes[i].problems.size();
    for (const auto& problem : outcomes[i].problems)
      ADD_FAILURE() << scenario.name << " with " << fault.name << " at " << at[i].describe() << ": " << problem;
  }
  // For the record (ctest --verbose): how many positions the retries absorbed.
  std::cout << scenario.name << " with " << fault.name << ": " << at.size() << " positions, " << succeeded
            << " finished despite the fault, " << at.size() - succeeded << " failed, " << problems << " problems\n";
}

std::string fault_param_name(const ::testing::TestParamInfo<FaultParam>& info) {
  return std::get<0>(info.param).name + "_" + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Verbs, FaultMatrix,
                         ::testing::Combine(::testing::ValuesIn(online_scenarios()), ::testing::ValuesIn(kFaults)),
                         fault_param_name);

}  // namespace
}  // namespace azureml::testing::matrix
