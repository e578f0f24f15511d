#pragma once
// How a compute cluster (ops::aml_compute_view) reads in a table: one line per fact.
#include <nlohmann/json.hpp>

#include <ostream>

namespace azureml::cli {

void print_aml_compute(std::ostream& out, const nlohmann::ordered_json& view);

}  // namespace azureml::cli
