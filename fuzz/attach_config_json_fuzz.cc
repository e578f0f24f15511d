// Fuzz target: any bytes as an attach configuration in JSON, through what `validate -f x.json`
// runs (json_reader, attach_config_loader). Checks the invariants of attach_config_checks.h:
// errors and the configuration agree, diagnostics are single printable lines in file order, and
// a valid configuration normalizes to JSON and YAML that validate again to the same thing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/attach_config_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  azureml::fuzz::check_attach_config(azureml::config::Source{"fuzz.json", text});
  return 0;
}
