#pragma once
// The attach configuration a command works with: -f FILE (checked as `validate` checks it, its
// diagnostics printed), else the service's default with the kubectl namespace (-n or the
// context's). The error is for exit 2.
#include "core/config/attach_config.h"
#include "core/kube/api_client.h"
#include "core/util/result.h"
#include "plugins/verb.h"

namespace azureml::cli {

OptionSpec attach_config_option(const std::string& purpose);

Result<config::AttachConfig> read_attach_config(const Invocation& call, const kube::KubeClient* kube);

}  // namespace azureml::cli
