#include "plugins/name_checks.h"

#include <utility>

#include "core/arm/resource_names.h"
#include "core/util/text.h"
#include "plugins/options.h"

namespace azureml::cli {
namespace {

std::optional<std::string> check(const std::string& what, const std::string& value, arm::NameKind kind) {
  if (auto problem = arm::name_problem(kind, value)) return what + " '" + printable(value) + "' " + *problem;
  return std::nullopt;
}

// Only options the verb declares and the user gave.
std::optional<std::string> check_option(const Invocation& call, const std::string& option, arm::NameKind kind) {
  if (!call.options.declares(option) || !call.options.given(option)) return std::nullopt;
  return check("--" + option, call.options.get(option), kind);
}

}  // namespace

std::optional<std::string> workspace_name_problem(const Invocation& call) {
  for (const auto& [option, kind] :
       {std::pair{"workspace-name", arm::NameKind::workspace},
        std::pair{"resource-group", arm::NameKind::resource_group}, std::pair{"name", arm::NameKind::extension}})
    if (auto problem = check_option(call, option, kind)) return problem;
  // Every verb with a workspace and a positional takes the compute's NAME there.
  if (call.options.declares("workspace-name") && call.options.positional())
    return check("compute NAME", *call.options.positional(), arm::NameKind::compute);
  return std::nullopt;
}

std::optional<std::string> cluster_name_problem(const Invocation& call) {
  for (const auto& [option, kind] : {std::pair{"cluster-name", arm::NameKind::cluster},
                                     std::pair{"cluster-resource-group", arm::NameKind::resource_group},
                                     std::pair{"resource-group", arm::NameKind::resource_group}})
    if (auto problem = check_option(call, option, kind)) return problem;
  return std::nullopt;
}

std::optional<std::string> cluster_id_problem(const std::string& text, const arm::ResourceId& id) {
  // The id parser takes any segment text; ARM would answer with a 4xx that does not say which
  // part is wrong, or (for a name with a space) look up another resource.
  const std::string head = "--cluster-resource-id '" + printable(text) + "': ";
  if (!arm::is_subscription_id(id.subscription_id()))
    return head + "subscription '" + printable(id.subscription_id()) +
           "' is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)";
  if (auto problem = check("resource group", id.resource_group(), arm::NameKind::resource_group))
    return head + *problem;
  if (auto problem = check("cluster", id.name(), arm::NameKind::cluster)) return head + *problem;
  return std::nullopt;
}

}  // namespace azureml::cli
