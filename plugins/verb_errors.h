#pragma once
// How a verb reports a failure: one "error: ..." block on stderr and the exit code, the same
// way for every verb (the az shim relies on the first line being the message).
#include <string>

#include "core/arm/arm_error.h"
#include "core/ops/op_error.h"
#include "plugins/verb.h"

namespace azureml::cli {

VerbResult error_result(const Invocation& call, ExitCode code, const std::string& message);

// The ARM error's summary and remedy, with the exit code DESIGN.md maps it to.
VerbResult error_result(const Invocation& call, const arm::ArmError& error);
// Its details as they are, then "error: <message>".
VerbResult error_result(const Invocation& call, const ops::OpError& error);

}  // namespace azureml::cli
