#include "core/ops/doctor_checks.h"

#include <algorithm>

#include "core/config/quantity.h"

namespace azureml::ops {
namespace {

using config::Quantity;

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

std::string selector_text(const std::optional<config::LabelSelector>& selector) {
  if (!selector || selector->empty()) return "any node";
  std::vector<std::string> pairs;
  for (const auto& [key, value] : *selector) pairs.push_back(key + "=" + value);
  return join(pairs, ",");
}

bool matches(const std::optional<config::LabelSelector>& selector, const kube::Node& node) {
  if (!selector) return true;
  return std::all_of(selector->begin(), selector->end(), [&](const auto& pair) {
    const auto found = node.labels.find(pair.first);
    return found != node.labels.end() && found->second == pair.second;
  });
}

// What a pod of this type asks the scheduler for: its requests, and for each resource it
// limits without requesting, the limit (Kubernetes defaults a missing request to the limit,
// resource by resource: requests {cpu} with limits {nvidia.com/gpu} still asks for the GPUs).
config::ResourceList effective_requests(const config::InstanceType& type) {
  config::ResourceList wanted = type.requests.value_or(config::ResourceList{});
  // A pair, not a structured binding: clang 14 (the fuzz build) cannot capture bindings in a lambda.
  for (const auto& limit : type.limits.value_or(config::ResourceList{})) {
    const bool requested =
        std::any_of(wanted.begin(), wanted.end(), [&](const auto& want) { return want.first == limit.first; });
    if (!requested) wanted.push_back(limit);
  }
  return wanted;
}

Quantity node_amount(const std::map<std::string, std::string>& amounts, const std::string& resource) {
  const auto found = amounts.find(resource);
  if (found == amounts.end()) return Quantity();
  auto parsed = Quantity::parse(found->second);
  return parsed ? *parsed : Quantity();
}

std::string amounts_text(const config::ResourceList& list) {
  std::vector<std::string> parts;
  for (const auto& [name, quantity] : list) parts.push_back(name + "=" + quantity.text());
  return join(parts);
}

std::string node_amounts_text(const kube::Node& node, const config::ResourceList& wanted) {
  std::vector<std::string> parts;
  for (const auto& [name, quantity] : wanted) {
    const auto found = node.allocatable.find(name);
    parts.push_back(name + "=" + (found == node.allocatable.end() ? "0" : found->second));
  }
  return node.name + " (" + join(parts) + ")";
}

bool fits(const kube::Node& node, const config::ResourceList& wanted) {
  return std::all_of(wanted.begin(), wanted.end(),
                     [&](const auto& want) { return node_amount(node.allocatable, want.first) >= want.second; });
}

bool usable(const kube::Node& node) { return node.ready && !node.unschedulable; }

// A taint that keeps pods without a matching toleration off the node ("" when none).
std::string repelling_taint(const kube::Node& node) {
  for (const auto& taint : node.taints)
    if (taint.effect == "NoSchedule" || taint.effect == "NoExecute")
      return taint.key + (taint.value.empty() ? "" : "=" + taint.value) + ":" + taint.effect;
  return "";
}

std::string node_state(const kube::Node& node) {
  if (!node.ready) return node.name + " (NotReady)";
  return node.name + " (cordoned)";
}

Check nodes_check(const config::InstanceType& type, const std::vector<const kube::Node*>& matching) {
  Check check{"instance type '" + type.name + "': nodes", CheckStatus::pass, "", ""};
  std::vector<std::string> ready, not_usable;
  for (const auto* node : matching)
    (usable(*node) ? ready : not_usable).push_back(usable(*node) ? node->name : node_state(*node));
  const std::string selector = selector_text(type.node_selector);
  if (!ready.empty()) {
    check.found = std::to_string(ready.size()) + " Ready node" + (ready.size() == 1 ? " matches " : "s match ") +
                  selector + ": " + join(ready);
    std::vector<std::string> tainted;
    for (const auto* node : matching)
      if (usable(*node) && !repelling_taint(*node).empty())
        tainted.push_back(node->name + " (" + repelling_taint(*node) + ")");
    if (tainted.size() == ready.size()) {
      check.status = CheckStatus::warn;
      check.found += "; every one is tainted: " + join(tainted);
      check.fix = "jobs schedule there only with a matching toleration; check that the taint is meant for them";
    }
    return check;
  }
  check.status = CheckStatus::fail;
  check.found = "no Ready node matches " + selector +
                (not_usable.empty() ? "" : "; matching but not usable: " + join(not_usable));
  check.fix = type.node_selector ? "label a Ready node (kubectl label node NODE " + selector +
                                       ") or change the nodeSelector of instance type '" + type.name + "'"
                                 : "make a node Ready and schedulable (kubectl get nodes; kubectl uncordon NODE)";
  return check;
}

Check resources_check(const config::InstanceType& type, const std::vector<const kube::Node*>& ready,
                      const config::ResourceList& wanted) {
  Check check{"instance type '" + type.name + "': resources", CheckStatus::pass, "", ""};
  if (wanted.empty()) {
    check.found = "requests nothing; pods fit any node";
    return check;
  }
  for (const auto* node : ready) {
    if (fits(*node, wanted)) {
      check.found = "requests " + amounts_text(wanted) + "; fits " + node_amounts_text(*node, wanted);
      return check;
    }
  }
  check.status = CheckStatus::fail;
  std::vector<std::string> nodes;
  for (const auto* node : ready) nodes.push_back(node_amounts_text(*node, wanted));
  check.found = "requests " + amounts_text(wanted) + " but no matching Ready node has that much allocatable" +
                (nodes.empty() ? "" : ": " + join(nodes, "; "));
  check.fix = "lower the requests of instance type '" + type.name + "' or add a node with at least " +
              amounts_text(wanted) + " allocatable";
  return check;
}

Check gpu_check(const config::InstanceType& type, const std::vector<const kube::Node*>& ready, const Quantity& gpus,
                bool device_plugin_found) {
  Check check{"instance type '" + type.name + "': GPUs", CheckStatus::pass, "", ""};
  std::vector<std::string> holding;
  for (const auto* node : ready)
    if (node_amount(node->allocatable, config::kGpu) >= gpus)
      holding.push_back(node_amounts_text(*node, {{config::kGpu, gpus}}));
  if (!holding.empty()) {
    check.found = "needs " + gpus.text() + " GPU per pod; " + join(holding);
    return check;
  }
  const bool any_gpu = std::any_of(ready.begin(), ready.end(), [](const kube::Node* node) {
    return !node_amount(node->capacity, config::kGpu).is_zero();
  });
  if (!any_gpu && !device_plugin_found) {
    check.status = CheckStatus::warn;
    check.found = "no matching Ready node reports " + std::string(config::kGpu) +
                  " yet, and no NVIDIA device plugin is installed";
    check.fix =
        "keep installNvidiaDevicePlugin=True when installing the extension; nodes with NVIDIA GPUs then "
        "report them (nodes without GPUs never will)";
    return check;
  }
  check.status = CheckStatus::fail;
  check.found = any_gpu ? "needs " + gpus.text() + " GPU per pod; no matching Ready node has that many allocatable"
                        : "no matching Ready node has " + std::string(config::kGpu) +
                              " capacity, and the NVIDIA device plugin is installed";
  check.fix = "select nodes with enough NVIDIA GPUs in the nodeSelector of instance type '" + type.name +
              "', or lower its " + std::string(config::kGpu);
  return check;
}

}  // namespace

std::string_view status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::pass:
      return "pass";
    case CheckStatus::warn:
      return "warn";
    case CheckStatus::fail:
      return "fail";
    case CheckStatus::skip:
      return "skip";
  }
  return "fail";
}

Check check_namespace(const std::string& namespace_name, bool exists) {
  if (exists) return {"namespace", CheckStatus::pass, "namespace '" + namespace_name + "' exists", ""};
  return {
      "namespace", CheckStatus::fail,
      "namespace '" + namespace_name + "' does not exist; jobs of the compute would fail to start",
      "kubectl create namespace " + namespace_name + " (needs permission to create namespaces, e.g. cluster-admin)"};
}

std::vector<Check> check_instance_types(const config::AttachConfig& config, const std::vector<kube::Node>& nodes,
                                        bool device_plugin_found) {
  std::vector<Check> checks;
  for (const auto& type : config.instance_types) {
    std::vector<const kube::Node*> matching, ready;
    for (const auto& node : nodes)
      if (matches(type.node_selector, node)) {
        matching.push_back(&node);
        if (usable(node)) ready.push_back(&node);
      }
    checks.push_back(nodes_check(type, matching));
    if (ready.empty()) continue;  // nothing to measure against; the nodes check said why
    // Measure against the nodes pods land on freely first.
    std::stable_partition(ready.begin(), ready.end(),
                          [](const kube::Node* node) { return repelling_taint(*node).empty(); });

    config::ResourceList wanted;
    Quantity gpus;
    for (const auto& [name, quantity] : effective_requests(type)) {
      if (name == config::kGpu)
        gpus = quantity;
      else
        wanted.emplace_back(name, quantity);
    }
    checks.push_back(resources_check(type, ready, wanted));
    if (!gpus.is_zero()) checks.push_back(gpu_check(type, ready, gpus, device_plugin_found));
  }
  return checks;
}

std::string command_line(std::string_view command, std::string_view words) {
  return command.empty() ? std::string(words) : std::string(command) + " " + std::string(words);
}

std::vector<Check> check_add_ons(const std::vector<kube::FoundAddOn>& found,
                                 const std::map<std::string, std::string>* settings,
                                 const std::string& release_namespace, std::string_view command) {
  std::vector<Check> checks;
  for (auto add_on :
       {kube::AddOn::nvidia_device_plugin, kube::AddOn::blobfuse_flexvolume, kube::AddOn::blobfuse_sysctl}) {
    const std::string setting = kube::install_setting(add_on);
    Check check{kube::display_name(add_on), CheckStatus::pass, "", ""};
    const auto existing = std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.add_on == add_on; });
    if (existing == found.end()) {
      check.found = "not installed; the extension installs it unless " + setting + "=False";
    } else if (existing->namespace_name == release_namespace) {
      check.found = "installed by the AzureML extension (" + existing->where() + ")";
    } else {
      const bool install_requested =
          settings && settings->count(setting) && (settings->at(setting) == "True" || settings->at(setting) == "true");
      check.found = "already installed (" + existing->where() + ")";
      if (install_requested) {
        check.status = CheckStatus::fail;
        check.found += " and " + setting + "=True would install it again: the extension's install would fail";
        check.fix = "set " + setting + "=False";
      } else if (!settings) {
        check.status = CheckStatus::warn;
        check.fix = "install the extension with " + setting + "=False ('" + command_line(command, "extension install") +
                    "' sets it for you)";
      } else {
        check.found += "; " + setting + "=False";
      }
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

std::vector<std::string> pod_problems(const kube::Pod& pod) {
  std::vector<std::string> reasons;
  if (pod.phase == "Succeeded") return reasons;  // a finished job of the chart
  if (pod.phase != "Running") reasons.push_back(pod.phase.empty() ? "no phase" : pod.phase);
  for (const auto& container : pod.containers) {
    if (!container.waiting_reason.empty())
      reasons.push_back(container.name + ": " + container.waiting_reason);
    else if (!container.ready)
      reasons.push_back(container.name + ": not ready");
    if (container.restart_count >= 5)
      reasons.push_back(container.name + ": " + std::to_string(container.restart_count) + " restarts");
  }
  return reasons;
}

Check check_extension_pods(const std::vector<kube::Pod>& pods, const std::string& release_namespace,
                           std::string_view command) {
  Check check{"extension pods", CheckStatus::pass, "", ""};
  if (pods.empty()) {
    check.status = CheckStatus::warn;
    check.found = "no pods in namespace '" + release_namespace + "': the AzureML extension is not running here";
    check.fix = "install it: " + command_line(command, "extension install") + " (or attach --install-extension)";
    return check;
  }
  std::vector<std::string> problems;
  std::size_t healthy = 0;
  for (const auto& pod : pods) {
    const std::vector<std::string> reasons = pod_problems(pod);
    if (reasons.empty())
      ++healthy;
    else
      problems.push_back(pod.name + " (" + join(reasons) + ")");
  }
  check.found = std::to_string(healthy) + " of " + std::to_string(pods.size()) + " pods healthy";
  if (!problems.empty()) {
    check.status = CheckStatus::fail;
    check.found += "; " + join(problems, "; ");
    check.fix = "kubectl describe pod -n " + release_namespace + " POD and kubectl logs -n " + release_namespace +
                " POD say why";
  }
  return check;
}

}  // namespace azureml::ops
