#include "core/kube/objects.h"

#include "core/util/json_fields.h"

namespace azureml::kube {
namespace {

using nlohmann::json;

// object[key] when it is of the wanted kind, else an empty value of that kind.
const json& member(const json& object, const char* key) { return field(object, key); }

std::string text(const json& object, const char* key) { return string_field(object, key); }

int integer(const json& object, const char* key) {
  const json& value = member(object, key);
  return value.is_number_integer() ? value.get<int>() : 0;
}

bool boolean(const json& object, const char* key) {
  const json& value = member(object, key);
  return value.is_boolean() && value.get<bool>();
}

// A map of strings; quantities in JSON are strings, but a number is read as its text.
std::map<std::string, std::string> strings(const json& object, const char* key) {
  std::map<std::string, std::string> out;
  const json& map = member(object, key);
  if (!map.is_object()) return out;
  for (const auto& [name, value] : map.items()) {
    if (value.is_string()) out[name] = value.get<std::string>();
    else if (value.is_number()) out[name] = value.dump();
  }
  return out;
}

const json& items(const json& object, const char* key) {
  static const json kEmpty = json::array();
  const json& value = member(object, key);
  return value.is_array() ? value : kEmpty;
}

}  // namespace

Node node_from_json(const json& object) {
  const json& metadata = member(object, "metadata");
  const json& spec = member(object, "spec");
  const json& status = member(object, "status");
  Node node;
  node.name = text(metadata, "name");
  node.labels = strings(metadata, "labels");
  node.capacity = strings(status, "capacity");
  node.allocatable = strings(status, "allocatable");
  node.unschedulable = boolean(spec, "unschedulable");
  for (const auto& taint : items(spec, "taints"))
    node.taints.push_back({text(taint, "key"), text(taint, "value"), text(taint, "effect")});
  for (const auto& condition : items(status, "conditions"))
    if (text(condition, "type") == "Ready") node.ready = text(condition, "status") == "True";
  return node;
}

Pod pod_from_json(const json& object) {
  const json& metadata = member(object, "metadata");
  const json& status = member(object, "status");
  Pod pod;
  pod.namespace_name = text(metadata, "namespace");
  pod.name = text(metadata, "name");
  pod.labels = strings(metadata, "labels");
  pod.phase = text(status, "phase");
  pod.node_name = text(member(object, "spec"), "nodeName");
  for (const auto& container : items(status, "containerStatuses")) {
    const json& state = member(container, "state");
    pod.containers.push_back({text(container, "name"), text(container, "image"), boolean(container, "ready"),
                              integer(container, "restartCount"), text(member(state, "waiting"), "reason"),
                              text(member(state, "terminated"), "reason")});
  }
  return pod;
}

DaemonSet daemon_set_from_json(const json& object) {
  const json& metadata = member(object, "metadata");
  const json& pod_spec = member(member(member(object, "spec"), "template"), "spec");
  const json& status = member(object, "status");
  DaemonSet set;
  set.namespace_name = text(metadata, "namespace");
  set.name = text(metadata, "name");
  set.labels = strings(metadata, "labels");
  for (const char* list : {"initContainers", "containers"})
    for (const auto& container : items(pod_spec, list))
      if (auto image = text(container, "image"); !image.empty()) set.images.push_back(std::move(image));
  set.desired = integer(status, "desiredNumberScheduled");
  set.ready = integer(status, "numberReady");
  return set;
}

ConfigMap config_map_from_json(const json& object) {
  const json& metadata = member(object, "metadata");
  return {text(metadata, "namespace"), text(metadata, "name"), strings(object, "data")};
}

}  // namespace azureml::kube
