#pragma once
// How a compute cluster (ops::aml_compute_view) reads in a table: one line per fact.
#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "core/ops/detach_compute.h"
#include "plugins/verb.h"

namespace azureml::cli {

void print_aml_compute(std::ostream& out, const nlohmann::ordered_json& view);

// The result of detach and compute delete: the action as JSON, or "<subject> NAME: action" and
// the plan of a dry run. `subject`: "compute", "compute cluster".
VerbResult removal_result(ops::DetachOutcome outcome, const std::string& subject);

}  // namespace azureml::cli
