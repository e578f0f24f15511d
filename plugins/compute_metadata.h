#pragma once
// The options a compute takes whatever its type, as azure-ai-ml and `az ml compute` take them:
// --assign-identity (compute create, attach), --description and --tags (attach).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ops/aml_compute.h"
#include "core/util/result.h"
#include "plugins/verb.h"

namespace azureml::cli {

// --assign-identity IDENTITY (repeatable): '[system]' or a user-assigned identity's id.
OptionSpec assign_identity_option();
// The identities given; each bad value a line naming it.
Result<ops::ManagedIdentity, std::vector<std::string>> assigned_identity(const Invocation& call);

// --description TEXT and --tags KEY=VALUE (repeatable).
std::vector<OptionSpec> description_and_tags_options();
// The tags given; each value without '=' (or with an empty key) a line naming it.
Result<std::map<std::string, std::string>, std::vector<std::string>> tags_given(const Invocation& call);

}  // namespace azureml::cli
