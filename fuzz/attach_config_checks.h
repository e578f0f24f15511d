#pragma once
// The invariants of `validate` (config::load_attach_config_source), shared by the JSON and YAML
// targets:
//   - a configuration comes back exactly when no diagnostic is an error;
//   - every diagnostic prints as one printable line, and they come in file order;
//   - a configuration that validates prints normalized (config::to_json) as JSON and as YAML
//     (what `validate -o json|yaml` shows) that both validate again, without errors, to the
//     same normalized form: normalizing is idempotent and loses nothing.
#include <algorithm>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/config/attach_config.h"
#include "core/config/diagnostic.h"
#include "core/config/source.h"
#include "core/config/attach_config_loader.h"
#include "fuzz/fuzz_check.h"
#include "plugins/output/yaml_writer.h"

namespace azureml::fuzz {

inline std::string describe_all(const config::AttachConfigLoad& result, const std::string& file) {
  std::string out;
  for (const auto& d : result.diagnostics) out += config::format(d, file) + "\n";
  return out;
}

inline void check_diagnostics(const config::AttachConfigLoad& result, const std::string& file) {
  FUZZ_CHECK(result.config.has_value() == !config::has_errors(result.diagnostics), describe_all(result, file));
  for (const auto& d : result.diagnostics) {
    FUZZ_CHECK(d.position.line >= 0 && d.position.column >= 0, describe_all(result, file));
    FUZZ_CHECK(is_one_printable_line(config::format(d, file)), config::format(d, file));
  }
  const auto in_file_order = [](const config::Diagnostic& a, const config::Diagnostic& b) {
    return std::pair(a.position.line, a.position.column) < std::pair(b.position.line, b.position.column);
  };
  FUZZ_CHECK(std::is_sorted(result.diagnostics.begin(), result.diagnostics.end(), in_file_order),
             describe_all(result, file));
}

// `text` (the normalized form printed in one syntax) must validate to `normalized` again.
inline void check_reads_back(const std::string& name, const std::string& text,
                             const nlohmann::ordered_json& normalized) {
  const config::AttachConfigLoad again = config::load_attach_config_source(config::Source{name, text});
  check_diagnostics(again, name);
  FUZZ_CHECK(again.config.has_value(), "normalized form rejected:\n" + text + "\n" + describe_all(again, name));
  FUZZ_CHECK(config::to_json(*again.config) == normalized,
             "normalized form changed:\n" + text + "\nread back as\n" + config::to_json(*again.config).dump(2));
}

inline void check_attach_config(const config::Source& source) {
  const config::AttachConfigLoad result = config::load_attach_config_source(source);
  check_diagnostics(result, source.name);
  if (!result.config) return;
  const nlohmann::ordered_json normalized = config::to_json(*result.config);
  // dump() throws on a string that is not UTF-8: `validate -o json` would die the same way.
  check_reads_back("normalized.json", normalized.dump(2), normalized);
  check_reads_back("normalized.yaml", cli::to_yaml(normalized), normalized);
}

}  // namespace azureml::fuzz
