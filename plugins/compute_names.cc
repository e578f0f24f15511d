#include "plugins/compute_names.h"

#include <sstream>

#include "core/ops/list_computes.h"
#include "plugins/azure_access.h"
#include "plugins/options.h"

namespace azureml::cli {

ComputeNames online_compute_names(const VerbTable& table, const FrontEnd& front_end, const Environment& environment) {
  return [&table, &front_end, &environment](const Verb& verb, const std::vector<std::string>& typed) {
    std::vector<std::string> names;
    // The words after the verb's own; the verb's words are those of its name.
    std::size_t skip = 1;
    for (const char c : verb.spec.name) skip += c == ' ' ? 1 : 0;
    if (typed.size() < skip) return names;
    const std::vector<std::string> arguments(typed.begin() + static_cast<std::ptrdiff_t>(skip), typed.end());
    auto options = parse_options(verb.spec, front_end, arguments);
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
}

}  // namespace azureml::cli
