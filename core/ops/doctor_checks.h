#pragma once
// The checks of `doctor`, as pure functions of what was read from the cluster and from Azure,
// so each rule is tested without a server. Every check says what it found and, when it does
// not pass, what to do.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/attach_config.h"
#include "core/kube/add_ons.h"
#include "core/kube/objects.h"

namespace azureml::ops {

enum class CheckStatus { pass, warn, fail, skip };
std::string_view status_name(CheckStatus status);  // "pass", "warn", "fail", "skip"

struct Check {
  std::string name;  // what was checked: "namespace", "instance type 'gpu': nodes", ...
  CheckStatus status = CheckStatus::pass;
  std::string found;  // what was found, one sentence
  std::string fix;    // what to do; "" when it passes
};

// The namespace the compute's jobs run in must exist before attaching.
Check check_namespace(const std::string& namespace_name, bool exists);

// Per instance type: a Ready, schedulable node matches its nodeSelector; one such node has the
// allocatable CPU, memory and other resources it requests; a GPU type finds nodes whose
// nvidia.com/gpu can hold it. `device_plugin_found`: whether an NVIDIA device plugin is
// installed (without one, nodes report no GPUs yet, which the extension's install may fix).
std::vector<Check> check_instance_types(const config::AttachConfig& config, const std::vector<kube::Node>& nodes,
                                        bool device_plugin_found);

// Each add-on the extension would install: found already (then its install setting must be
// False) or not. `settings`: the extension settings that will be sent, when known; their
// install flags are compared with what was found. `release_namespace`: the extension's own
// add-ons live there and are no conflict. `command`: how the user runs this tool ("kubectl
// azureml"), for the fixes that name a command.
std::vector<Check> check_add_ons(const std::vector<kube::FoundAddOn>& found,
                                 const std::map<std::string, std::string>* settings,
                                 const std::string& release_namespace = "azureml", std::string_view command = {});

// Why a pod is not healthy: not Running, a container waiting or not ready, 5 restarts or more.
// Empty for a healthy pod (or a finished one).
std::vector<std::string> pod_problems(const kube::Pod& pod);

// The extension's pods in its release namespace: running, ready, not restarting.
Check check_extension_pods(const std::vector<kube::Pod>& pods, const std::string& release_namespace = "azureml",
                           std::string_view command = {});

// "kubectl azureml extension install": `words` after the command the user runs this tool with
// (the front end's; only `words` when it is not known).
std::string command_line(std::string_view command, std::string_view words);

}  // namespace azureml::ops
