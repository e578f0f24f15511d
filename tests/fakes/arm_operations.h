#pragma once
// Long-running operations: each runs for a set number of observations (polls of its status
// URL, of its Location URL, or GETs of its resource), then ends as its outcome says.
// Not thread-safe: ArmService holds one lock around every use.
#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fakes/pattern.h"

namespace azureml::fakes {

struct OperationOutcome {
  std::string status = "Succeeded";                // the end state: "Succeeded", "Failed" or "Canceled"
  std::string error_code = "InternalServerError";  // for Failed/Canceled
  std::string error_message = "The operation failed in the fake.";
  int polls = -1;  // observations until the end state; -1: FakeAzureOptions::lro_polls
};

enum class OperationKind { create, update, remove };

struct Operation {
  std::string id;
  std::string resource_id;
  OperationKind kind = OperationKind::create;
  std::string status = "InProgress";  // then the outcome's status
  int polls_needed = 0;
  int polls_seen = 0;
  OperationOutcome outcome;
  std::chrono::system_clock::time_point started, ended;
  bool done() const { return status != "InProgress"; }
};

class OperationTracker {
 public:
  // Operations started later by `method` ("" for any) on a resource whose id matches
  // `id_regex` (searched, case-insensitive) end with `outcome`; the latest matching rule wins.
  void set_outcome(std::string method, const std::string& id_regex, OperationOutcome outcome);
  void clear_outcomes();

  Operation& start(std::string id, std::string resource_id, OperationKind kind, std::string_view method,
                   int default_polls, std::chrono::system_clock::time_point now);
  Operation* find(std::string_view id);
  Operation* running_on(std::string_view resource_id);  // a running operation on that resource
  // Counts one observation; true when the operation has just reached its end state.
  bool observe(Operation& operation, std::chrono::system_clock::time_point now);
  // Ends the operation now, with its outcome.
  void finish(Operation& operation, std::chrono::system_clock::time_point now);

 private:
  struct Rule {
    std::string method;
    Pattern pattern;
    OperationOutcome outcome;
  };
  std::vector<Rule> rules_;
  std::map<std::string, Operation> operations_;  // by lower-cased id
};

}  // namespace azureml::fakes
