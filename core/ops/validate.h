#pragma once
// The offline `validate` operation: parse an attach configuration and check every rule.
#include <optional>
#include <vector>

#include "core/config/attach_config.h"
#include "core/config/diagnostic.h"
#include "core/config/source.h"

namespace azureml::ops {

struct ValidateResult {
  std::optional<config::AttachConfig> config;  // set when valid
  std::vector<config::Diagnostic> diagnostics;  // errors and warnings, in file order
};

ValidateResult validate_attach_config(const config::Source& source);

}  // namespace azureml::ops
