#include "tests/fakes/kube_fixture.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <set>
#include <span>
#include <sstream>

#include "tests/fakes/kube_objects.h"
#include "tests/fakes/kube_resources.h"
#include "tests/fakes/kube_time.h"

namespace azureml::fakes {
namespace {

using nlohmann::json;

// Namespaces every cluster has; a fixture may still declare them to add labels.
constexpr std::array<std::string_view, 4> kBuiltinNamespaces = {"default", "kube-node-lease", "kube-public",
                                                                "kube-system"};

enum class Type { string, boolean, integer, string_map, taints, tolerations, containers, resources, timestamp, age };

struct Key {
  std::string_view name;
  Type type;
  bool required = false;
};

constexpr Key kName{"name", Type::string, true};
constexpr Key kNamespace{"namespace", Type::string, true};
constexpr Key kLabels{"labels", Type::string_map};
constexpr Key kAnnotations{"annotations", Type::string_map};
constexpr Key kCreated{"creationTimestamp", Type::timestamp};
constexpr Key kAge{"age", Type::age};

constexpr std::array kNamespaceKeys = {kName, kLabels, kAnnotations, kCreated, kAge, Key{"phase", Type::string}};
constexpr std::array kNodeKeys = {kName,
                                  kLabels,
                                  kAnnotations,
                                  kCreated,
                                  kAge,
                                  Key{"capacity", Type::string_map},
                                  Key{"allocatable", Type::string_map},
                                  Key{"taints", Type::taints},
                                  Key{"ready", Type::boolean},
                                  Key{"unschedulable", Type::boolean},
                                  Key{"internalIP", Type::string},
                                  Key{"externalIP", Type::string},
                                  Key{"kubeletVersion", Type::string},
                                  Key{"osImage", Type::string},
                                  Key{"kernelVersion", Type::string},
                                  Key{"containerRuntime", Type::string},
                                  Key{"architecture", Type::string}};
constexpr std::array kPodKeys = {kName,
                                 kNamespace,
                                 kLabels,
                                 kAnnotations,
                                 kCreated,
                                 kAge,
                                 Key{"phase", Type::string},
                                 Key{"reason", Type::string},
                                 Key{"node", Type::string},
                                 Key{"ip", Type::string},
                                 Key{"hostIP", Type::string},
                                 Key{"nodeSelector", Type::string_map},
                                 Key{"tolerations", Type::tolerations},
                                 Key{"containers", Type::containers, true}};
constexpr std::array kDaemonSetKeys = {kName,
                                       kNamespace,
                                       kLabels,
                                       kAnnotations,
                                       kCreated,
                                       kAge,
                                       Key{"selector", Type::string_map},
                                       Key{"nodeSelector", Type::string_map},
                                       Key{"tolerations", Type::tolerations},
                                       Key{"containers", Type::containers, true},
                                       Key{"desired", Type::integer},
                                       Key{"ready", Type::integer}};
constexpr std::array kConfigMapKeys = {
    kName, kNamespace, kLabels, kAnnotations, kCreated, kAge, Key{"data", Type::string_map}};
constexpr std::array kContainerKeys = {Key{"name", Type::string, true},  Key{"image", Type::string, true},
                                       Key{"ready", Type::boolean},      Key{"restartCount", Type::integer},
                                       Key{"waiting", Type::string},     Key{"terminated", Type::string},
                                       Key{"resources", Type::resources}};
constexpr std::array kTaintKeys = {Key{"key", Type::string, true}, Key{"value", Type::string},
                                   Key{"effect", Type::string, true}};
constexpr std::array kTolerationKeys = {Key{"key", Type::string}, Key{"operator", Type::string},
                                        Key{"value", Type::string}, Key{"effect", Type::string},
                                        Key{"tolerationSeconds", Type::integer}};
constexpr std::array kResourcesKeys = {Key{"requests", Type::string_map}, Key{"limits", Type::string_map}};

constexpr std::array<std::string_view, 6> kSections = {"serverVersion", "namespaces", "nodes",
                                                       "pods",          "daemonSets", "configMaps"};

bool dns_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return alnum(name.front()) && alnum(name.back()) &&
         std::all_of(name.begin(), name.end(), [&](char c) { return alnum(c) || c == '-' || c == '.'; });
}

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    std::ostringstream text;
    text << source_;
    if (!mark.is_null()) text << ":" << mark.line + 1 << ":" << mark.column + 1;
    text << ": " << message;
    throw KubeFixtureError(text.str());
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const { fail(node.Mark(), message); }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected a string");
    return node.Scalar();
  }

  json value(const YAML::Node& node, Type type, const std::string& what) const {
    switch (type) {
      case Type::string:
        return scalar(node, what);
      case Type::boolean: {
        bool result = false;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, result))
          fail(node, what + ": expected true or false");
        return result;
      }
      case Type::integer: {
        long long result = 0;
        if (!node.IsScalar() || !YAML::convert<long long>::decode(node, result) || result < 0) {
          fail(node, what + ": expected a whole number of 0 or more");
        }
        return result;
      }
      case Type::string_map: {
        if (!node.IsMap()) fail(node, what + ": expected a map of strings");
        json result = json::object();
        for (const auto& item : node) {
          const std::string key = scalar(item.first, what);
          result[key] = scalar(item.second, what + "." + key);
        }
        return result;
      }
      case Type::taints:
        return entries(node, kTaintKeys, what);
      case Type::tolerations:
        return entries(node, kTolerationKeys, what);
      case Type::containers: {
        json result = entries(node, kContainerKeys, what);
        if (result.empty()) fail(node, what + ": needs at least one container");
        return result;
      }
      case Type::resources:
        return entry(node, kResourcesKeys, what);
      case Type::timestamp: {
        const std::string text = scalar(node, what);
        if (!parse_rfc3339(text)) fail(node, what + ": expected an RFC 3339 time such as 2024-05-01T12:00:00Z");
        return text;
      }
      case Type::age: {
        const std::string text = scalar(node, what);
        if (!parse_kube_age(text)) fail(node, what + ": expected a duration such as 90s, 15m, 3h or 12d");
        return text;
      }
    }
    return nullptr;
  }

  // A map with the given keys; unknown keys and missing required ones are errors.
  json entry(const YAML::Node& node, std::span<const Key> keys, const std::string& what) const {
    if (!node.IsMap()) fail(node, what + ": expected a map");
    json result = json::object();
    for (const auto& item : node) {
      const std::string name = scalar(item.first, what);
      const auto key = std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return k.name == name; });
      if (key == keys.end()) fail(item.first, what + ": unknown key '" + name + "'" + suggestion(keys));
      if (item.second.IsNull()) fail(item.first, what + "." + name + ": has no value");
      result[name] = value(item.second, key->type, what + "." + name);
    }
    for (const Key& key : keys) {
      if (key.required && !result.contains(key.name))
        fail(node, what + ": '" + std::string(key.name) + "' is required");
    }
    if (result.contains("creationTimestamp") && result.contains("age")) {
      fail(node, what + ": give creationTimestamp or age, not both");
    }
    return result;
  }

  json entries(const YAML::Node& node, std::span<const Key> keys, const std::string& what) const {
    if (!node.IsSequence()) fail(node, what + ": expected a list");
    json result = json::array();
    for (std::size_t i = 0; i < node.size(); ++i) {
      result.push_back(entry(node[i], keys, what + "[" + std::to_string(i) + "]"));
    }
    return result;
  }

 private:
  static std::string suggestion(std::span<const Key> keys) {
    std::string names;
    for (const Key& key : keys) names += (names.empty() ? "" : ", ") + std::string(key.name);
    return " (expected one of: " + names + ")";
  }

  std::string source_;
};

YAML::Node parse(std::string_view text, const Reader& reader) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    reader.fail(e.mark, e.msg);
  }
}

}  // namespace

KubeFixture read_kube_fixture(std::string_view text, const std::string& source_name,
                              std::chrono::system_clock::time_point now, const std::string& default_version) {
  const Reader reader(source_name);
  const YAML::Node root = parse(text, reader);
  KubeFixture fixture;
  if (!root.IsNull() && !root.IsMap()) reader.fail(root, "a fixture is a map of sections (namespaces, nodes, ...)");
  if (root.IsMap()) {
    for (const auto& item : root) {
      const std::string name = reader.scalar(item.first, "fixture");
      if (std::find(kSections.begin(), kSections.end(), name) == kSections.end()) {
        reader.fail(item.first, "unknown section '" + name +
                                    "' (expected serverVersion, namespaces, nodes, pods, daemonSets or configMaps)");
      }
    }
  }
  // A section's entries, their names checked: DNS names, unique (per namespace).
  const auto section = [&](const char* name, std::span<const Key> keys) {
    const YAML::Node node = root.IsMap() ? root[name] : YAML::Node();
    std::vector<json> entries;
    if (!node.IsDefined() || node.IsNull()) return entries;
    const json read = reader.entries(node, keys, name);
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < read.size(); ++i) {
      const std::string entry_name = read[i]["name"];
      const std::string namespace_name = read[i].value("namespace", "");
      const std::string where = std::string(name) + "[" + std::to_string(i) + "]";
      if (!dns_name(entry_name)) {
        reader.fail(node[i]["name"],
                    where + ": '" + entry_name + "' is not a valid name (lower-case letters, digits, '-', '.')");
      }
      if (!seen.emplace(namespace_name, entry_name).second) {
        reader.fail(node[i]["name"], where + ": '" + entry_name + "' appears twice" +
                                         (namespace_name.empty() ? "" : " in namespace '" + namespace_name + "'"));
      }
      entries.push_back(read[i]);
    }
    return entries;
  };

  if (root.IsMap() && root["serverVersion"]) {
    fixture.server_version = reader.scalar(root["serverVersion"], "serverVersion");
  }
  std::vector<json> namespaces = section("namespaces", kNamespaceKeys);
  const std::vector<json> nodes = section("nodes", kNodeKeys);
  const std::vector<json> pods = section("pods", kPodKeys);
  const std::vector<json> daemon_sets = section("daemonSets", kDaemonSetKeys);
  const std::vector<json> config_maps = section("configMaps", kConfigMapKeys);

  for (std::string_view builtin : kBuiltinNamespaces) {
    const bool declared =
        std::any_of(namespaces.begin(), namespaces.end(), [&](const json& entry) { return entry["name"] == builtin; });
    if (!declared) namespaces.push_back({{"name", builtin}});
  }
  std::set<std::string> namespace_names, node_names;
  for (const json& entry : namespaces) namespace_names.insert(entry["name"]);
  for (const json& entry : nodes) node_names.insert(entry["name"]);
  const auto check_refs = [&](const char* name, const std::vector<json>& entries) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string where = std::string(name) + "[" + std::to_string(i) + "]";
      const std::string namespace_name = entries[i]["namespace"];
      if (!namespace_names.contains(namespace_name)) {
        reader.fail(root[name][i]["namespace"],
                    where + ": namespace '" + namespace_name + "' is not declared in namespaces");
      }
      if (entries[i].contains("node") && !node_names.contains(entries[i]["node"].get<std::string>())) {
        reader.fail(root[name][i]["node"],
                    where + ": node '" + entries[i]["node"].get<std::string>() + "' is not declared in nodes");
      }
    }
  };
  check_refs("pods", pods);
  check_refs("daemonSets", daemon_sets);
  check_refs("configMaps", config_maps);

  KubeObjectContext context{now, fixture.server_version.empty() ? default_version : fixture.server_version, {}};
  const auto add = [&](const char* plural, const char* group, json object) {
    fixture.objects.emplace_back(find_kube_resource(group, "v1", plural), std::move(object));
  };
  std::sort(namespaces.begin(), namespaces.end(),
            [](const json& a, const json& b) { return a["name"].get<std::string>() < b["name"].get<std::string>(); });
  for (const json& entry : namespaces) add("namespaces", "", build_kube_namespace(entry, context));
  for (const json& entry : nodes) {
    context.nodes.push_back(build_kube_node(entry, context));
    add("nodes", "", context.nodes.back());
  }
  for (const json& entry : config_maps) add("configmaps", "", build_kube_config_map(entry, context));
  for (const json& entry : daemon_sets) add("daemonsets", "apps", build_kube_daemon_set(entry, context));
  for (const json& entry : pods) add("pods", "", build_kube_pod(entry, context));
  return fixture;
}

KubeFixture read_kube_fixture_file(const std::string& path, std::chrono::system_clock::time_point now,
                                   const std::string& default_version) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw KubeFixtureError(path + ": cannot read the fixture file");
  std::ostringstream text;
  text << file.rdbuf();
  return read_kube_fixture(text.str(), path, now, default_version);
}

}  // namespace azureml::fakes
