#include "core/kube/objects.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <utility>

namespace azureml::kube {
namespace {

// A count (restarts, scheduled pods); 0 when not given. Clamped: no real count nears INT_MAX,
// and a server's absurd one must not wrap into a negative.
int count(const JsonShape& object, std::string_view key) {
  const std::int64_t value = object.integer(key).value_or(0);
  return static_cast<int>(std::clamp<std::int64_t>(value, INT_MIN, INT_MAX));
}

// A map of strings (labels, quantities, ConfigMap data). Quantities are strings in the API,
// but some writers send a bare number ("pods": 110), which means its text; any other type is
// recorded by map.string() with the entry's path.
std::map<std::string, std::string> texts(const JsonShape& map) {
  std::map<std::string, std::string> out;
  if (!map.given()) return out;
  for (const auto& [name, value] : map.json().items()) {
    if (value.is_number())
      out[name] = value.dump();
    else if (auto given = map.string(name))
      out[name] = std::move(*given);
  }
  return out;
}

ContainerStatus container_status(const JsonShape& container) {
  const JsonShape state = container.object("state");
  return {container.text("name"),
          container.text("image"),
          container.boolean("ready").value_or(false),
          count(container, "restartCount"),
          state.object("waiting").text("reason"),
          state.object("terminated").text("reason")};
}

}  // namespace

Node node_from_json(const JsonShape& object) {
  const JsonShape metadata = object.object("metadata");
  const JsonShape spec = object.object("spec");
  const JsonShape status = object.object("status");
  Node node;
  node.name = metadata.text("name");
  node.labels = texts(metadata.object("labels"));
  node.capacity = texts(status.object("capacity"));
  node.allocatable = texts(status.object("allocatable"));
  node.unschedulable = spec.boolean("unschedulable").value_or(false);
  for (const JsonShape& taint : spec.objects("taints"))
    node.taints.push_back({taint.text("key"), taint.text("value"), taint.text("effect")});
  for (const JsonShape& condition : status.objects("conditions"))
    if (condition.text("type") == "Ready") node.ready = condition.text("status") == "True";
  return node;
}

Pod pod_from_json(const JsonShape& object) {
  const JsonShape metadata = object.object("metadata");
  const JsonShape status = object.object("status");
  Pod pod;
  pod.namespace_name = metadata.text("namespace");
  pod.name = metadata.text("name");
  pod.labels = texts(metadata.object("labels"));
  pod.phase = status.text("phase");
  pod.node_name = object.object("spec").text("nodeName");
  for (const JsonShape& container : status.objects("containerStatuses"))
    pod.containers.push_back(container_status(container));
  return pod;
}

DaemonSet daemon_set_from_json(const JsonShape& object) {
  const JsonShape metadata = object.object("metadata");
  const JsonShape pod_spec = object.object("spec").object("template").object("spec");
  const JsonShape status = object.object("status");
  DaemonSet set;
  set.namespace_name = metadata.text("namespace");
  set.name = metadata.text("name");
  set.labels = texts(metadata.object("labels"));
  for (const char* list : {"initContainers", "containers"})
    for (const JsonShape& container : pod_spec.objects(list))
      if (auto image = container.text("image"); !image.empty()) set.images.push_back(std::move(image));
  set.desired = count(status, "desiredNumberScheduled");
  set.ready = count(status, "numberReady");
  return set;
}

ConfigMap config_map_from_json(const JsonShape& object) {
  const JsonShape metadata = object.object("metadata");
  return {metadata.text("namespace"), metadata.text("name"), texts(object.object("data"))};
}

}  // namespace azureml::kube
