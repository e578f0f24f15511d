// Fuzz target: any bytes as an attach configuration in YAML, through what `validate -f x.yaml`
// runs (yaml_reader, attach_config_loader), with the invariants of attach_config_checks.h.
// Also differential: where the fast block-subset reader takes a text, yaml-cpp's event reader
// must take it too and build the same tree, positions included (yaml_reader.h promises that
// read_yaml gives the same answer whichever reader runs).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/config/yaml_reader.h"
#include "fuzz/attach_config_checks.h"
#include "fuzz/node_difference.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace azureml;
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::check_attach_config(config::Source{"fuzz.yaml", text});

  if (const std::optional<config::Node> fast = config::detail::read_yaml_block_subset(text)) {
    const auto events = config::detail::read_yaml_events(text);
    FUZZ_CHECK(events.ok(),
               "the fast reader took a text the events reader rejects: " +
                   (events.ok() ? std::string() : to_string(events.error().position) + " " + events.error().message));
    const std::string difference = fuzz::node_difference(*fast, events.value());
    FUZZ_CHECK(difference.empty(), "fast and events readers differ: " + difference);
  }
  return 0;
}
