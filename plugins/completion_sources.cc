#include "plugins/completion_sources.h"

#include <sstream>

#include "core/config/source.h"
#include "core/ops/list_computes.h"
#include "core/config/attach_config_loader.h"
#include "plugins/azure_access.h"
#include "plugins/options.h"

namespace azureml::cli {
namespace {

// The words after the verb's own (as many as its name has) parsed as its options. The NAME
// being completed is not typed yet, so it is not required here.
std::optional<ParsedOptions> typed_options(const Verb& verb, const FrontEnd& front_end,
                                           const std::vector<std::string>& typed) {
  std::size_t skip = 1;
  for (const char c : verb.spec.name) skip += c == ' ' ? 1 : 0;
  if (typed.size() < skip) return std::nullopt;
  const std::vector<std::string> arguments(typed.begin() + static_cast<std::ptrdiff_t>(skip), typed.end());
  VerbSpec spec = verb.spec;
  if (spec.positional) spec.positional->required = false;
  auto options = parse_options(spec, front_end, arguments);
  if (!options) return std::nullopt;
  return std::move(*options);
}

}  // namespace

CompletionSources completion_sources(const VerbTable& table, const FrontEnd& front_end,
                                     const Environment& environment) {
  CompletionSources sources;
  sources.compute_names = [&table, &front_end, &environment](const Verb& verb, const std::vector<std::string>& typed) {
    std::vector<std::string> names;
    auto options = typed_options(verb, front_end, typed);
    if (!options || !options->given("workspace-name") || !options->given("resource-group")) return names;
    std::istringstream in;
    std::ostringstream quiet;  // completion prints candidates only
    const Invocation call{*options, front_end, table, in, quiet, environment, false, nullptr, false};
    auto access = AzureAccess::open(call);
    if (!access) return names;
    auto computes = ops::list_computes((*access)->arm(), *(*access)->workspace(call), std::nullopt);
    if (!computes) return names;
    for (const auto& compute : *computes) names.push_back(compute.name);
    return names;
  };
  sources.instance_types = [&front_end](const Verb& verb, const std::vector<std::string>& typed) {
    auto options = typed_options(verb, front_end, typed);
    if (!options) return std::vector<std::string>{};
    if (!options->given("file")) return config::instance_type_names(config::service_default_config());
    const std::string path = options->get("file");
    if (path == "-") return std::vector<std::string>{};  // stdin is the shell's, not ours to read
    std::istringstream no_input;
    const auto loaded = config::load_attach_config_file(path, no_input, "--file");
    return loaded.config ? config::instance_type_names(*loaded.config) : std::vector<std::string>{};
  };
  return sources;
}

}  // namespace azureml::cli
