// `validate -f FILE`: check an attach configuration offline and print its normalized form.
#include <istream>
#include <ostream>

#include "core/config/source.h"
#include "core/config/attach_config_loader.h"
#include "plugins/options.h"
#include "plugins/output/table.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

std::string amounts(const config::InstanceType& type, const std::string& resource) {
  auto find = [&](const std::optional<config::ResourceList>& list) -> std::string {
    if (list)
      for (const auto& [name, quantity] : *list)
        if (name == resource) return quantity.text();
    return "-";
  };
  return find(type.requests) + "/" + find(type.limits);
}

std::string selector_text(const config::InstanceType& type) {
  if (!type.node_selector || type.node_selector->empty()) return "<any node>";
  std::string text;
  for (const auto& [key, value] : *type.node_selector) text += (text.empty() ? "" : ",") + key + "=" + value;
  return text;
}

void print_table(const config::AttachConfig& config, std::ostream& out) {
  Table table(
      {"NAMESPACE", "INSTANCE TYPE", "DEFAULT", "NODE SELECTOR", "CPU (REQ/LIM)", "MEMORY (REQ/LIM)", "GPU (REQ/LIM)"});
  for (const auto& type : config.instance_types)
    table.add_row({config.namespace_name, type.name + (config.uses_service_default ? " (service default)" : ""),
                   type.name == config.default_instance_type ? "*" : "", selector_text(type),
                   amounts(type, config::kCpu), amounts(type, config::kMemory), amounts(type, config::kGpu)});
  table.print(out);
}

std::string count(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

VerbResult run(const Invocation& call) {
  const std::string path = call.options.get("file");
  const std::string format = call.options.get("output");
  const bool machine = format == "json" || format == "yaml";

  const std::string file = path == "-" ? "<stdin>" : path;
  config::AttachConfigLoad result = config::load_attach_config_file(path, call.in, "--file");

  std::size_t errors = 0;
  for (const auto& d : result.diagnostics) errors += d.severity == config::Severity::error ? 1 : 0;
  const std::size_t warnings = result.diagnostics.size() - errors;

  VerbResult out;
  if (!result.config) {
    out.code = ExitCode::usage;
    if (machine) {
      out.data = nlohmann::ordered_json::array();
      for (const auto& d : result.diagnostics) out.data.push_back(config::to_json(d, file));
    } else {
      for (const auto& d : result.diagnostics) call.err << config::format(d, file) << '\n';
    }
    call.err << "error: " << file << " is not a valid attach configuration: " << count(errors, "error");
    if (warnings) call.err << ", " << count(warnings, "warning");
    call.err << '\n';
    return out;
  }
  for (const auto& d : result.diagnostics) call.err << config::format(d, file) << '\n';
  // Build only what the chosen format prints: a table or none needs no JSON, and so on.
  if (machine)
    out.data = config::to_json(*result.config);
  else if (format == "table")
    out.human = [config = std::move(*result.config)](std::ostream& stream) { print_table(config, stream); };
  return out;
}

}  // namespace

Verb make_validate_verb() {
  VerbSpec spec;
  spec.name = "validate";
  spec.summary = "Check an attach configuration offline and print it normalized";
  spec.description =
      "Reads an attach configuration (JSON or YAML: namespace, defaultInstanceType, instanceTypes),\n"
      "reports every problem in one run as FILE:LINE:COL: error: FIELD: WHAT (FIX), and prints the\n"
      "configuration with every default filled in. Contacts nothing; exit code 2 when invalid.";
  spec.examples = {
      {"Validate the advanced example from the product documentation", "validate -f examples/attach-advanced.json"},
      {"Validate YAML from standard input and print the normalized JSON", "validate -f - -o json < attach.yaml"},
  };
  spec.options = {
      {"file",
       'f',
       OptionType::string,
       "FILE",
       "Attach configuration, JSON or YAML; '-' reads standard input.",
       std::nullopt,
       {},
       true},
  };
  return {spec, run};
}

}  // namespace azureml::cli
