#pragma once
// From a parsed document to an AttachConfig, reporting every problem found in one pass:
// wrong types, unknown and duplicate keys, names, quantities and the rules between them.
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/attach_config.h"
#include "core/config/diagnostic.h"
#include "core/config/document.h"
#include "core/config/source.h"

namespace azureml::config {

struct AttachConfigLoad {
  std::optional<AttachConfig> config;   // set when there is no error (warnings allowed)
  std::vector<Diagnostic> diagnostics;  // sorted by position
  bool read = true;                     // false: the file could not be read, and the one diagnostic says why
};

AttachConfigLoad load_attach_config(const Node& root);

// The one way from a file to an AttachConfig, for validate, attach -f, completion and a fleet's
// `config:`: `path` ("-" reads `standard_input`) read, parsed as JSON or YAML, then checked. A file
// that cannot be read is one error diagnostic whose hint names `given_by`, where the path came
// from ("--file"); one that cannot be parsed is one error diagnostic at the position.
AttachConfigLoad load_attach_config_file(const std::string& path, std::istream& standard_input,
                                         std::string_view given_by);
// The same from text already read.
AttachConfigLoad load_attach_config_source(const Source& source);

}  // namespace azureml::config
