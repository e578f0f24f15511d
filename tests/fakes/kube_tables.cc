#include "tests/fakes/kube_tables.h"

#include <algorithm>
#include <set>

#include "tests/fakes/kube_resources.h"
#include "tests/fakes/kube_time.h"

namespace azureml::fakes {
namespace {

using nlohmann::json;

constexpr const char* kNone = "<none>";

json column(const char* name, const char* type, const char* description, int priority = 0, const char* format = "") {
  return {{"name", name}, {"type", type}, {"format", format}, {"description", description}, {"priority", priority}};
}

json name_column() { return column("Name", "string", "Name must be unique within a namespace.", 0, "name"); }

json age_column() {
  return column("Age", "string",
                "CreationTimestamp is a timestamp representing the server time when this object was created.");
}

const json& field(const json& object, std::initializer_list<const char*> path) {
  static const json kMissing;
  const json* node = &object;
  for (const char* name : path) {
    if (!node->is_object()) return kMissing;
    const auto found = node->find(name);
    if (found == node->end()) return kMissing;
    node = &*found;
  }
  return *node;
}

std::string text(const json& object, std::initializer_list<const char*> path, const std::string& fallback = "") {
  const json& value = field(object, path);
  return value.is_string() && !value.get<std::string>().empty() ? value.get<std::string>() : fallback;
}

long long number(const json& object, std::initializer_list<const char*> path) {
  const json& value = field(object, path);
  return value.is_number_integer() ? value.get<long long>() : 0;
}

std::string age(const json& object, std::chrono::system_clock::time_point now) {
  const auto created = parse_rfc3339(text(object, {"metadata", "creationTimestamp"}));
  if (!created) return "<unknown>";
  return human_duration(std::chrono::duration_cast<std::chrono::seconds>(now - *created));
}

// "a=b,c=d" in key order, as labels.FormatLabels prints a map; "<none>" when empty.
std::string format_labels(const json& labels) {
  if (!labels.is_object() || labels.empty()) return kNone;
  std::string out;
  for (const auto& [key, value] : labels.items()) {
    if (!out.empty()) out += ",";
    out += key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out;
}

std::string joined_container_field(const json& object, std::initializer_list<const char*> containers_path,
                                   const char* name) {
  std::string out;
  const json& containers = field(object, containers_path);
  if (!containers.is_array()) return out;
  for (const json& container : containers) {
    if (!out.empty()) out += ",";
    out += text(container, {name});
  }
  return out;
}

// ---- namespaces

std::vector<json> namespace_columns() {
  return {name_column(), column("Status", "string", "The status of the namespace"), age_column()};
}

json namespace_cells(const json& object, std::chrono::system_clock::time_point now) {
  return {text(object, {"metadata", "name"}), text(object, {"status", "phase"}), age(object, now)};
}

// ---- nodes

std::vector<json> node_columns() {
  return {name_column(),
          column("Status", "string", "The status of the node"),
          column("Roles", "string", "The roles of the node"),
          age_column(),
          column("Version", "string", "Kubelet Version reported by the node."),
          column("Internal-IP", "string", "List of internal IPs in the node.", 1),
          column("External-IP", "string", "List of external IPs in the node.", 1),
          column("OS-Image", "string",
                 "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
          column("Kernel-Version", "string",
                 "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
          column("Container-Runtime", "string",
                 "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
                 1)};
}

std::string node_status(const json& node) {
  std::string status;
  const json& conditions = field(node, {"status", "conditions"});
  if (conditions.is_array()) {
    for (const json& condition : conditions) {
      if (text(condition, {"type"}) != "Ready") continue;
      status = text(condition, {"status"}) == "True" ? "Ready" : "NotReady";
    }
  }
  if (status.empty()) status = "Unknown";
  if (field(node, {"spec", "unschedulable"}) == true) status += ",SchedulingDisabled";
  return status;
}

std::string node_roles(const json& node) {
  std::set<std::string> roles;
  const json& labels = field(node, {"metadata", "labels"});
  if (labels.is_object()) {
    for (const auto& [key, value] : labels.items()) {
      constexpr std::string_view kPrefix = "node-role.kubernetes.io/";
      if (key.starts_with(kPrefix) && key.size() > kPrefix.size()) roles.insert(key.substr(kPrefix.size()));
      if (key == "kubernetes.io/role" && value.is_string() && !value.get<std::string>().empty())
        roles.insert(value.get<std::string>());
    }
  }
  if (roles.empty()) return kNone;
  std::string out;
  for (const std::string& role : roles) out += (out.empty() ? "" : ",") + role;
  return out;
}

std::string node_address(const json& node, const char* type) {
  const json& addresses = field(node, {"status", "addresses"});
  if (addresses.is_array()) {
    for (const json& address : addresses) {
      if (text(address, {"type"}) == type) return text(address, {"address"}, kNone);
    }
  }
  return kNone;
}

json node_cells(const json& object, std::chrono::system_clock::time_point now) {
  return {text(object, {"metadata", "name"}),
          node_status(object),
          node_roles(object),
          age(object, now),
          text(object, {"status", "nodeInfo", "kubeletVersion"}),
          node_address(object, "InternalIP"),
          node_address(object, "ExternalIP"),
          text(object, {"status", "nodeInfo", "osImage"}, "<unknown>"),
          text(object, {"status", "nodeInfo", "kernelVersion"}, "<unknown>"),
          text(object, {"status", "nodeInfo", "containerRuntimeVersion"}, "<unknown>")};
}

// ---- pods

std::vector<json> pod_columns() {
  return {
      name_column(),
      column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
      column("Status", "string", "The aggregate status of the containers in this pod."),
      column("Restarts", "string",
             "The number of times the containers in this pod have been restarted and when the last container in this "
             "pod has restarted."),
      age_column(),
      column("IP", "string",
             "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
      column("Node", "string", "NodeName is a request to schedule this pod onto a specific node.", 1),
      column("Nominated Node", "string",
             "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled "
             "right away as preemption victims receive their graceful termination periods.",
             1),
      column("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", 1)};
}

json pod_cells(const json& pod, std::chrono::system_clock::time_point now) {
  // printPod: the phase, overridden by the pod's reason, then by the last container (in
  // reverse order) that waits or terminated with a reason.
  std::string reason = text(pod, {"status", "reason"}, text(pod, {"status", "phase"}));
  long long restarts = 0;
  long long ready = 0;
  bool has_running = false;
  const json& statuses = field(pod, {"status", "containerStatuses"});
  if (statuses.is_array()) {
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
      const json& status = *it;
      restarts += number(status, {"restartCount"});
      const std::string waiting = text(status, {"state", "waiting", "reason"});
      const std::string terminated = text(status, {"state", "terminated", "reason"});
      if (!waiting.empty()) {
        reason = waiting;
      } else if (!terminated.empty()) {
        reason = terminated;
      } else if (field(status, {"state", "terminated"}).is_object()) {
        reason = "ExitCode:" + std::to_string(number(status, {"state", "terminated", "exitCode"}));
      } else if (field(status, {"ready"}) == true && field(status, {"state", "running"}).is_object()) {
        has_running = true;
        ++ready;
      }
    }
  }
  if (reason == "Completed" && has_running) reason = "Running";
  if (field(pod, {"metadata", "deletionTimestamp"}).is_string()) reason = "Terminating";
  const json& containers = field(pod, {"spec", "containers"});
  const std::size_t total = containers.is_array() ? containers.size() : 0;
  return {text(pod, {"metadata", "name"}),
          std::to_string(ready) + "/" + std::to_string(total),
          reason,
          std::to_string(restarts),
          age(pod, now),
          text(pod, {"status", "podIP"}, kNone),
          text(pod, {"spec", "nodeName"}, kNone),
          text(pod, {"status", "nominatedNodeName"}, kNone),
          kNone};
}

// ---- daemonsets

std::vector<json> daemon_set_columns() {
  return {name_column(),
          column("Desired", "integer", "The total number of nodes that should be running the daemon pod."),
          column("Current", "integer",
                 "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
          column("Ready", "integer",
                 "numberReady is the number of nodes that should be running the daemon pod and have one or more of the "
                 "daemon pod running with a Ready Condition."),
          column("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
          column("Available", "integer",
                 "The number of nodes that should be running the daemon pod and have one or more of the daemon pod "
                 "running and available (ready for at least spec.minReadySeconds)"),
          column("Node Selector", "string",
                 "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must "
                 "match a node's labels for the pod to be scheduled on that node."),
          age_column(),
          column("Containers", "string", "Names of each container in the template.", 1),
          column("Images", "string", "Images referenced by each container in the template.", 1),
          column("Selector", "string", "A label query over pods that are managed by the daemon set.", 1)};
}

json daemon_set_cells(const json& object, std::chrono::system_clock::time_point now) {
  return {text(object, {"metadata", "name"}),
          number(object, {"status", "desiredNumberScheduled"}),
          number(object, {"status", "currentNumberScheduled"}),
          number(object, {"status", "numberReady"}),
          number(object, {"status", "updatedNumberScheduled"}),
          number(object, {"status", "numberAvailable"}),
          format_labels(field(object, {"spec", "template", "spec", "nodeSelector"})),
          age(object, now),
          joined_container_field(object, {"spec", "template", "spec", "containers"}, "name"),
          joined_container_field(object, {"spec", "template", "spec", "containers"}, "image"),
          format_labels(field(object, {"spec", "selector", "matchLabels"}))};
}

// ---- configmaps

std::vector<json> config_map_columns() {
  return {name_column(), column("Data", "integer", "Data contains the configuration data."), age_column()};
}

json config_map_cells(const json& object, std::chrono::system_clock::time_point now) {
  const json& data = field(object, {"data"});
  const json& binary = field(object, {"binaryData"});
  const std::size_t entries = (data.is_object() ? data.size() : 0) + (binary.is_object() ? binary.size() : 0);
  return {text(object, {"metadata", "name"}), entries, age(object, now)};
}

struct Printer {
  std::vector<json> (*columns)();
  json (*cells)(const json&, std::chrono::system_clock::time_point);
};

Printer printer_for(const KubeResource& resource) {
  if (resource.plural == "namespaces") return {namespace_columns, namespace_cells};
  if (resource.plural == "nodes") return {node_columns, node_cells};
  if (resource.plural == "pods") return {pod_columns, pod_cells};
  if (resource.plural == "daemonsets") return {daemon_set_columns, daemon_set_cells};
  return {config_map_columns, config_map_cells};
}

json row_object(const json& object, const KubeTableOptions& options) {
  if (options.include_object == "None") return nullptr;
  if (options.include_object == "Object") return object;
  return {{"kind", "PartialObjectMetadata"},
          {"apiVersion", "meta.k8s.io/" + options.version},
          {"metadata", field(object, {"metadata"})}};
}

}  // namespace

json kube_table(const KubeResource& resource, const std::vector<json>& objects, json list_metadata,
                const KubeTableOptions& options) {
  const Printer printer = printer_for(resource);
  json rows = json::array();
  for (const json& object : objects) {
    json row = {{"cells", printer.cells(object, options.now)}};
    json embedded = row_object(object, options);
    if (!embedded.is_null()) row["object"] = std::move(embedded);
    rows.push_back(std::move(row));
  }
  return {{"kind", "Table"},
          {"apiVersion", "meta.k8s.io/" + options.version},
          {"metadata", std::move(list_metadata)},
          {"columnDefinitions", printer.columns()},
          {"rows", std::move(rows)}};
}

}  // namespace azureml::fakes
