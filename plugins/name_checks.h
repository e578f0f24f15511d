#pragma once
// The ARM names a verb was given (workspace, groups, compute NAME, cluster, extension --name),
// checked offline before any request (core/arm/resource_names.h says why). Each returns the
// error message for the first bad name, or nullopt.
#include <optional>
#include <string>

#include "core/arm/resource_id.h"
#include "plugins/verb.h"

namespace azureml::cli {

// -w, -g, an extension's --name, and the positional compute NAME of verbs with a workspace.
std::optional<std::string> workspace_name_problem(const Invocation& call);
// --cluster-name, --cluster-resource-group and -g (the cluster's group when no other is given).
std::optional<std::string> cluster_name_problem(const Invocation& call);
// The parts of a parsed --cluster-resource-id (`text`): the subscription a GUID, the names valid.
std::optional<std::string> cluster_id_problem(const std::string& text, const arm::ResourceId& id);

}  // namespace azureml::cli
