#include "tests/fakes/arm_operations.h"

#include "tests/fakes/http_text.h"

namespace azureml::fakes {

void OperationTracker::set_outcome(std::string method, const std::string& id_regex, OperationOutcome outcome) {
  rules_.push_back(Rule{std::move(method), Pattern(id_regex), std::move(outcome)});
}

void OperationTracker::clear_outcomes() { rules_.clear(); }

Operation& OperationTracker::start(std::string id, std::string resource_id, OperationKind kind, std::string_view method,
                                   int default_polls, std::chrono::system_clock::time_point now) {
  Operation operation;
  operation.id = std::move(id);
  operation.resource_id = std::move(resource_id);
  operation.kind = kind;
  operation.started = now;
  for (auto rule = rules_.rbegin(); rule != rules_.rend(); ++rule) {
    if ((rule->method.empty() || rule->method == method) && rule->pattern.search(operation.resource_id)) {
      operation.outcome = rule->outcome;
      break;
    }
  }
  operation.polls_needed = operation.outcome.polls >= 0 ? operation.outcome.polls : default_polls;
  const std::string key = to_lower(operation.id);
  return operations_[key] = std::move(operation);
}

Operation* OperationTracker::find(std::string_view id) {
  const auto found = operations_.find(to_lower(id));
  return found == operations_.end() ? nullptr : &found->second;
}

Operation* OperationTracker::running_on(std::string_view resource_id) {
  const std::string wanted = to_lower(resource_id);
  for (auto& [key, operation] : operations_) {
    if (!operation.done() && to_lower(operation.resource_id) == wanted) return &operation;
  }
  return nullptr;
}

bool OperationTracker::observe(Operation& operation, std::chrono::system_clock::time_point now) {
  if (operation.done()) return false;
  if (++operation.polls_seen < operation.polls_needed) return false;
  finish(operation, now);
  return true;
}

void OperationTracker::finish(Operation& operation, std::chrono::system_clock::time_point now) {
  operation.status = operation.outcome.status;
  operation.ended = now;
}

}  // namespace azureml::fakes
