#include "tests/fakes/kube_objects.h"

#include <charconv>

#include "tests/fakes/kube_time.h"

namespace azureml::fakes {
namespace {

using nlohmann::json;

std::string string_or(const json& entry, const char* key, const std::string& fallback) {
  const auto found = entry.find(key);
  return found != entry.end() && found->is_string() ? found->get<std::string>() : fallback;
}

json object_or_empty(const json& entry, const char* key) {
  const auto found = entry.find(key);
  return found != entry.end() && found->is_object() ? *found : json::object();
}

// metadata from the common keys: name, namespace, labels (over `default_labels`), annotations,
// and creationTimestamp, given outright or as an age before context.now.
json metadata_of(const json& entry, const KubeObjectContext& context, json default_labels = json::object()) {
  json metadata = {{"name", entry.at("name")}};
  if (entry.contains("namespace")) metadata["namespace"] = entry["namespace"];
  json labels = std::move(default_labels);
  labels.update(object_or_empty(entry, "labels"));
  if (!labels.empty()) metadata["labels"] = std::move(labels);
  if (entry.contains("annotations")) metadata["annotations"] = entry["annotations"];
  if (entry.contains("creationTimestamp")) {
    metadata["creationTimestamp"] = entry["creationTimestamp"];
  } else if (entry.contains("age")) {
    if (const auto age = parse_kube_age(entry["age"].get<std::string>()))
      metadata["creationTimestamp"] = rfc3339(context.now - *age);
  }
  return metadata;
}

std::string created_or_now(const json& metadata, const KubeObjectContext& context) {
  return metadata.contains("creationTimestamp") ? metadata["creationTimestamp"].get<std::string>()
                                                : rfc3339(context.now);
}

json condition(const char* type, bool status, const std::string& time, const char* reason = nullptr,
               const char* message = nullptr) {
  json result = {{"type", type}, {"status", status ? "True" : "False"}, {"lastTransitionTime", time}};
  if (reason) result["reason"] = reason;
  if (message) result["message"] = message;
  return result;
}

bool tolerates(const json& tolerations, const json& taint) {
  if (!tolerations.is_array()) return false;
  for (const json& toleration : tolerations) {
    const std::string key = string_or(toleration, "key", "");
    const std::string op = string_or(toleration, "operator", "Equal");
    const std::string effect = string_or(toleration, "effect", "");
    if (!effect.empty() && effect != string_or(taint, "effect", "")) continue;
    if (key.empty() && op == "Exists") return true;
    if (key != string_or(taint, "key", "")) continue;
    if (op == "Exists" || string_or(toleration, "value", "") == string_or(taint, "value", "")) return true;
  }
  return false;
}

}  // namespace

std::optional<std::chrono::seconds> parse_kube_age(const std::string& text) {
  long long count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error != std::errc() || count < 0 || end + 1 != text.data() + text.size()) return std::nullopt;
  switch (*end) {
    case 's':
      return std::chrono::seconds(count);
    case 'm':
      return std::chrono::seconds(count * 60);
    case 'h':
      return std::chrono::seconds(count * 3600);
    case 'd':
      return std::chrono::seconds(count * 86400);
    default:
      return std::nullopt;
  }
}

long long kube_eligible_nodes(const std::vector<json>& nodes, const json& node_selector, const json& tolerations) {
  long long eligible = 0;
  for (const json& node : nodes) {
    const json labels = node["metadata"].value("labels", json::object());
    bool fits = true;
    if (node_selector.is_object()) {
      for (const auto& [key, value] : node_selector.items())
        fits = fits && labels.contains(key) && labels[key] == value;
    }
    const json taints = node["spec"].value("taints", json::array());
    for (const json& taint : taints) {
      const std::string effect = string_or(taint, "effect", "");
      if ((effect == "NoSchedule" || effect == "NoExecute") && !tolerates(tolerations, taint)) fits = false;
    }
    if (fits) ++eligible;
  }
  return eligible;
}

json build_kube_namespace(const json& entry, const KubeObjectContext& context) {
  const std::string name = entry.at("name");
  return {{"metadata", metadata_of(entry, context, {{"kubernetes.io/metadata.name", name}})},
          {"spec", {{"finalizers", {"kubernetes"}}}},
          {"status", {{"phase", string_or(entry, "phase", "Active")}}}};
}

json build_kube_node(const json& entry, const KubeObjectContext& context) {
  const std::string name = entry.at("name");
  const std::string arch = string_or(entry, "architecture", "amd64");
  json metadata = metadata_of(entry, context,
                              {{"beta.kubernetes.io/arch", arch},
                               {"beta.kubernetes.io/os", "linux"},
                               {"kubernetes.io/arch", arch},
                               {"kubernetes.io/hostname", name},
                               {"kubernetes.io/os", "linux"}});
  const std::string since = created_or_now(metadata, context);
  const std::string heartbeat = rfc3339(context.now);
  const bool ready = entry.value("ready", true);
  json spec = json::object();
  if (entry.contains("taints")) spec["taints"] = entry["taints"];
  if (entry.value("unschedulable", false)) spec["unschedulable"] = true;
  const json capacity = object_or_empty(entry, "capacity");
  json conditions = json::array({
      condition("MemoryPressure", false, since, "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available"),
      condition("DiskPressure", false, since, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
      condition("PIDPressure", false, since, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
      ready ? condition("Ready", true, since, "KubeletReady", "kubelet is posting ready status")
            : condition("Ready", false, since, "KubeletNotReady", "container runtime network not ready"),
  });
  for (json& item : conditions) item["lastHeartbeatTime"] = heartbeat;
  json addresses = json::array();
  if (entry.contains("internalIP")) addresses.push_back({{"type", "InternalIP"}, {"address", entry["internalIP"]}});
  if (entry.contains("externalIP")) addresses.push_back({{"type", "ExternalIP"}, {"address", entry["externalIP"]}});
  addresses.push_back({{"type", "Hostname"}, {"address", name}});
  const std::string kubelet = string_or(entry, "kubeletVersion", context.kubelet_version);
  return {{"metadata", std::move(metadata)},
          {"spec", std::move(spec)},
          {"status",
           {{"capacity", capacity},
            {"allocatable", entry.contains("allocatable") ? entry["allocatable"] : capacity},
            {"conditions", std::move(conditions)},
            {"addresses", std::move(addresses)},
            {"daemonEndpoints", {{"kubeletEndpoint", {{"Port", 10250}}}}},
            {"nodeInfo",
             {{"architecture", arch},
              {"bootID", ""},
              {"containerRuntimeVersion", string_or(entry, "containerRuntime", "containerd://1.7.15-1")},
              {"kernelVersion", string_or(entry, "kernelVersion", "5.15.0-1061-azure")},
              {"kubeProxyVersion", kubelet},
              {"kubeletVersion", kubelet},
              {"machineID", ""},
              {"operatingSystem", "linux"},
              {"osImage", string_or(entry, "osImage", "Ubuntu 22.04.4 LTS")},
              {"systemUUID", ""}}}}}};
}

json build_kube_pod(const json& entry, const KubeObjectContext& context) {
  json metadata = metadata_of(entry, context);
  const std::string since = created_or_now(metadata, context);
  const std::string phase = string_or(entry, "phase", "Running");
  json containers = json::array();
  json statuses = json::array();
  bool all_ready = true;
  for (const json& container : entry.value("containers", json::array())) {
    json spec = {{"name", container.at("name")},
                 {"image", container.at("image")},
                 {"imagePullPolicy", "IfNotPresent"},
                 {"resources", container.value("resources", json::object())},
                 {"terminationMessagePath", "/dev/termination-log"},
                 {"terminationMessagePolicy", "File"}};
    containers.push_back(std::move(spec));
    // The state: what the fixture says, else what the pod's phase implies.
    json state;
    if (container.contains("waiting")) {
      state = {{"waiting", {{"reason", container["waiting"]}}}};
    } else if (container.contains("terminated")) {
      const std::string reason = container["terminated"];
      state = {{"terminated",
                {{"reason", reason},
                 {"exitCode", reason == "Completed" ? 0 : 1},
                 {"startedAt", since},
                 {"finishedAt", since}}}};
    } else if (phase == "Running") {
      state = {{"running", {{"startedAt", since}}}};
    } else if (phase == "Succeeded" || phase == "Failed") {
      state = {{"terminated",
                {{"reason", phase == "Succeeded" ? "Completed" : "Error"},
                 {"exitCode", phase == "Succeeded" ? 0 : 1},
                 {"startedAt", since},
                 {"finishedAt", since}}}};
    } else {
      state = {{"waiting", {{"reason", "ContainerCreating"}}}};
    }
    const bool ready = container.value("ready", state.contains("running"));
    all_ready = all_ready && ready;
    statuses.push_back({{"name", container["name"]},
                        {"image", container["image"]},
                        {"imageID", ""},
                        {"ready", ready},
                        {"restartCount", container.value("restartCount", 0)},
                        {"started", state.contains("running")},
                        {"state", std::move(state)}});
  }
  const bool scheduled = entry.contains("node");
  json spec = {{"containers", std::move(containers)},
               {"restartPolicy", "Always"},
               {"schedulerName", "default-scheduler"},
               {"serviceAccountName", "default"},
               {"terminationGracePeriodSeconds", 30}};
  if (scheduled) spec["nodeName"] = entry["node"];
  if (entry.contains("nodeSelector")) spec["nodeSelector"] = entry["nodeSelector"];
  if (entry.contains("tolerations")) spec["tolerations"] = entry["tolerations"];
  json status = {{"phase", phase},
                 {"conditions",
                  {condition("Initialized", true, since), condition("Ready", all_ready, since),
                   condition("ContainersReady", all_ready, since), condition("PodScheduled", scheduled, since)}},
                 {"qosClass", "BestEffort"}};
  if (entry.contains("reason")) status["reason"] = entry["reason"];
  if (scheduled) {
    status["startTime"] = since;
    status["containerStatuses"] = std::move(statuses);
  }
  if (entry.contains("ip")) {
    status["podIP"] = entry["ip"];
    status["podIPs"] = {{{"ip", entry["ip"]}}};
  }
  if (entry.contains("hostIP")) status["hostIP"] = entry["hostIP"];
  return {{"metadata", std::move(metadata)}, {"spec", std::move(spec)}, {"status", std::move(status)}};
}

json build_kube_daemon_set(const json& entry, const KubeObjectContext& context) {
  json metadata = metadata_of(entry, context);
  metadata["generation"] = 1;
  const json selector = entry.contains("selector") ? entry["selector"] : json{{"name", entry.at("name")}};
  json containers = json::array();
  for (const json& container : entry.value("containers", json::array())) {
    containers.push_back({{"name", container.at("name")},
                          {"image", container.at("image")},
                          {"imagePullPolicy", "IfNotPresent"},
                          {"resources", container.value("resources", json::object())}});
  }
  json pod_spec = {{"containers", std::move(containers)}, {"restartPolicy", "Always"}};
  if (entry.contains("nodeSelector")) pod_spec["nodeSelector"] = entry["nodeSelector"];
  if (entry.contains("tolerations")) pod_spec["tolerations"] = entry["tolerations"];
  const long long desired = entry.contains("desired")
                                ? entry["desired"].get<long long>()
                                : kube_eligible_nodes(context.nodes, entry.value("nodeSelector", json::object()),
                                                      entry.value("tolerations", json::array()));
  const long long ready = entry.contains("ready") ? entry["ready"].get<long long>() : desired;
  json status = {{"currentNumberScheduled", desired},
                 {"desiredNumberScheduled", desired},
                 {"numberAvailable", ready},
                 {"numberMisscheduled", 0},
                 {"numberReady", ready},
                 {"observedGeneration", 1},
                 {"updatedNumberScheduled", desired}};
  if (ready < desired) status["numberUnavailable"] = desired - ready;  // omitted when zero, as the server does
  return {
      {"metadata", std::move(metadata)},
      {"spec",
       {{"selector", {{"matchLabels", selector}}},
        {"template", {{"metadata", {{"labels", selector}}}, {"spec", std::move(pod_spec)}}},
        {"updateStrategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxUnavailable", 1}, {"maxSurge", 0}}}}},
        {"revisionHistoryLimit", 10}}},
      {"status", std::move(status)}};
}

json build_kube_config_map(const json& entry, const KubeObjectContext& context) {
  return {{"metadata", metadata_of(entry, context)}, {"data", object_or_empty(entry, "data")}};
}

}  // namespace azureml::fakes
