// The matrices cover every online verb: each one the binary describes as online has a scenario in
// the fault matrix, and each that changes something one in the interrupt matrix too
// (matrix_world.h). A new verb fails here until its scenarios are added.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "tests/integration/matrix_world.h"

namespace azureml::testing::matrix {
namespace {

// The verb a scenario runs: the longest verb name its command starts with ("compute create").
std::string verb_of(const Scenario& scenario, const std::set<std::string>& verbs) {
  std::string words, found;
  for (const auto& word : scenario.command) {
    words += (words.empty() ? "" : " ") + word;
    if (verbs.count(words)) found = words;
  }
  return found;
}

// What the binary describes: every verb's name, those that go online, and those that change
// something (they take --dry-run).
struct Described {
  std::set<std::string> verbs, online, changing;
};

Described described_verbs() {
  const azureml::testing::Run described = run_binary({"__describe"});
  EXPECT_EQ(described.exit_code, 0) << described.err;
  const nlohmann::json description = nlohmann::json::parse(described.out);
  Described out;
  for (const auto& verb : description.at("verbs")) {
    const std::string name = verb.at("name").get<std::string>();
    out.verbs.insert(name);
    if (verb.at("online").get<bool>()) out.online.insert(name);
    for (const auto& option : verb.at("options"))
      if (option.at("name") == "dry-run") out.changing.insert(name);
  }
  return out;
}

// `wanted` without the verbs `scenarios` run.
std::set<std::string> missing(std::set<std::string> wanted, const std::vector<Scenario>& scenarios,
                              const std::set<std::string>& verbs) {
  for (const auto& scenario : scenarios) wanted.erase(verb_of(scenario, verbs));
  return wanted;
}

TEST(MatrixCoverage, EveryOnlineVerbIsFaultedAndEveryChangingOneInterrupted) {
  const Described described = described_verbs();
  ASSERT_FALSE(described.online.empty());
  ASSERT_FALSE(described.changing.empty());
  // The fault matrix runs online_scenarios(); the interrupt matrix changing_scenarios().
  EXPECT_EQ(missing(described.online, online_scenarios(), described.verbs), std::set<std::string>{})
      << "online verbs missing from the fault matrix: add them to matrix_world.h";
  EXPECT_EQ(missing(described.changing, changing_scenarios(), described.verbs), std::set<std::string>{})
      << "changing verbs missing from the interrupt matrix: add them to changing_scenarios() (matrix_world.h)";
}

}  // namespace
}  // namespace azureml::testing::matrix
