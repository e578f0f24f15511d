#pragma once
// From a parsed document to an AttachConfig, reporting every problem found in one pass:
// wrong types, unknown and duplicate keys, names, quantities and the rules between them.
#include <optional>
#include <vector>

#include "core/config/attach_config.h"
#include "core/config/diagnostic.h"
#include "core/config/document.h"

namespace azureml::config {

struct AttachConfigLoad {
  std::optional<AttachConfig> config;  // set when there is no error (warnings allowed)
  std::vector<Diagnostic> diagnostics; // sorted by position
};

AttachConfigLoad load_attach_config(const Node& root);

}  // namespace azureml::config
