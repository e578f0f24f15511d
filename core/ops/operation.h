#pragma once
// What every operation that changes Azure shares (the Attacher, the AmlCompute Creator, the
// extension Installer): the ChangeSet its mutations go through (dry run or real, one path), the
// progress lines it says, the notes and warnings its outcome keeps, and its two ways to end. An
// error that Ctrl-C caused says what had been sent; a result says what was done ("created";
// "would be created" in a dry run; "started" without waiting) and lists the changes.
//
// `Outcome` has `action`, `changes` and `dry_run`; `notes` and `warnings` when note() and warn()
// are used.
#include <string>
#include <utility>

#include "core/arm/arm_client.h"
#include "core/ops/change_set.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

template <class Outcome>
class Operation {
 protected:
  Operation(arm::ArmClient& arm, const ChangeMode& mode) : arm_(arm), mode_(mode), changes_(arm, mode) {
    outcome_.dry_run = mode.dry_run;
  }

  // `steps` run; an error they end with says what had been sent when Ctrl-C caused it.
  template <class Steps>
  Result<Outcome, OpError> run_steps(Steps&& steps) {
    auto result = std::forward<Steps>(steps)();
    if (result) return result;
    return fail(with_interrupt_note(result.error(), changes_));
  }

  void say(const std::string& line) const {
    if (mode_.progress) mode_.progress(line);
  }
  void note(const std::string& line) {
    say("note: " + line);
    outcome_.notes.push_back(line);
  }
  void warn(const std::string& line) {
    say(line);
    outcome_.warnings.push_back(line);
  }

  // The outcome, with `action` as it happened and the changes made (or planned).
  Outcome done(const std::string& action) {
    outcome_.action = action_label(action, mode_.dry_run, mode_.wait);
    outcome_.changes = changes_.changes();
    return std::move(outcome_);
  }

  arm::ArmClient& arm_;
  const ChangeMode& mode_;
  ChangeSet changes_;
  Outcome outcome_;
};

}  // namespace azureml::ops
