#pragma once
// The changes an operation makes in Azure, made or — with --dry-run — only written down, so
// that one code path serves both and the plan is exactly what a real run would send. Reads go
// straight to the ArmClient; every mutation goes through here and is listed for the result.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/arm/long_running.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

struct Change {
  std::string method;      // "PUT"
  std::string path;        // the resource's path, without the query
  std::string summary;     // "create Relay namespace X"
  nlohmann::json body;     // as sent, with secret values replaced by "<redacted>"; null without a body
  bool done = false;       // false: planned only (dry run) or failed
  bool accepted = false;   // ARM took the request; with done false, its operation may still run
  bool in_flight = false;  // Ctrl-C came while ARM had the request and before its answer: it may have taken it
};

enum class Wait { until_done, no_wait };

// How an operation makes its changes; every changing verb takes it from the same flags
// (--dry-run, --no-wait, --timeout: plugins/change_mode.h).
struct ChangeMode {
  bool dry_run = false;           // plan only: write the changes down, send none
  Wait wait = Wait::until_done;   // the operation's main change; what it needs first is always waited for
  arm::WaitOptions wait_options;  // how long, how often
  Progress progress;              // where "create ... " lines go; empty: nowhere
};

class ChangeSet {
 public:
  ChangeSet(arm::ArmClient& arm, const ChangeMode& mode);

  bool dry_run() const { return dry_run_; }
  arm::ArmClient& arm() { return arm_; }

  // PUT (or PATCH) the resource and, with Wait::until_done, wait for it. `shown` is the body
  // as the plan shows it (secrets redacted); null: `body` itself. The result: the resource
  // (null in a dry run, or when `read_result` is false).
  Result<nlohmann::json, arm::ArmError> put(const std::string& path, std::string_view api_version,
                                            const nlohmann::json& body, std::string summary,
                                            const nlohmann::json& shown = nullptr, Wait wait = Wait::until_done,
                                            bool read_result = true);
  Result<nlohmann::json, arm::ArmError> patch(const std::string& path, std::string_view api_version,
                                              const nlohmann::json& body, std::string summary,
                                              const nlohmann::json& shown = nullptr, Wait wait = Wait::until_done);
  Result<nlohmann::json, arm::ArmError> remove(const std::string& path, std::string_view api_version,
                                               const arm::RequestOptions& request, std::string summary,
                                               Wait wait = Wait::until_done);

  const std::vector<Change>& changes() const { return changes_; }

 private:
  Result<nlohmann::json, arm::ArmError> write(arm::Method method, const std::string& path, std::string_view api_version,
                                              const nlohmann::json* body, const arm::RequestOptions& request,
                                              std::string summary, const nlohmann::json& shown, Wait wait,
                                              bool read_result);

  arm::ArmClient& arm_;
  bool dry_run_;
  arm::WaitOptions wait_;
  Progress progress_;
  std::vector<Change> changes_;
};

// An operation stopped by Ctrl-C (exit 130) says what it had done: `error` with a line naming
// the changes ARM had accepted (finished, or still running in Azure), or "nothing was changed",
// and that running the command again finishes the job. Other errors are returned as they are.
OpError with_interrupt_note(OpError error, const ChangeSet& changes);
// A failed change as the operation reports it: the ARM error and `consequence` ("… was not
// detached"), or when Ctrl-C stopped it, what was sent before (with_interrupt_note).
OpError change_failure(const arm::ArmError& error, const std::string& consequence, const ChangeSet& changes);

// What an operation reports it did: `action` ("created", "updated", ...) as it happened, "would be
// created" in a dry run, "started" when it did not wait; "unchanged" stays.
std::string action_label(const std::string& action, bool dry_run, Wait wait);

// The body with every value of properties.configurationProtectedSettings replaced by "<redacted>".
nlohmann::json redact_protected(nlohmann::json body);

nlohmann::ordered_json to_json(const Change& change);

}  // namespace azureml::ops
