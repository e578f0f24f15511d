#include "core/ops/fleet_file.h"

#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "core/config/attach_config_loader.h"
#include "core/config/k8s_names.h"
#include "core/util/suggest.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using config::Node;

const std::vector<std::string> kKeys = {"workspace",        "resourceGroup", "config",
                                        "installExtension", "settings",      "clusters"};
const std::vector<std::string> kClusterKeys = {
    "name",          "cluster", "clusterResourceGroup", "clusterType", "clusterResourceId", "workspace",
    "resourceGroup", "config",  "installExtension",     "settings"};

class FleetLoader {
 public:
  FleetLoader(const config::Source& source, std::string base, const FleetDefaults& defaults)
      : file_(source.name), base_(std::move(base)), defaults_(defaults) {}

  std::vector<AttachRequest> load(const Node& root) {
    std::vector<AttachRequest> requests;
    if (root.kind != Node::Kind::map) {
      error(root.position, "a fleet file must be a map with 'clusters'");
      return requests;
    }
    const auto top = entries(root, kKeys);
    const Node* clusters = top.contains("clusters") ? top.at("clusters") : nullptr;
    if (!clusters || clusters->kind != Node::Kind::sequence || clusters->items.empty()) {
      error(clusters ? clusters->position : root.position, "'clusters' must be a non-empty list of clusters");
      return requests;
    }
    std::set<std::string> names;
    for (const Node& item : clusters->items) {
      if (item.kind != Node::Kind::map) {
        error(item.position, "each cluster must be a map, found " + std::string(config::describe(item.kind)));
        continue;
      }
      auto fields = entries(item, kClusterKeys);
      // A cluster's own value, else the file's default.
      for (const auto& [key, node] : top)
        if (key != "clusters") fields.try_emplace(key, node);
      if (auto request = cluster(item, fields)) {
        if (!names.insert(to_lower(request->name)).second)
          error(item.position, "compute name '" + request->name + "' is given twice");
        requests.push_back(std::move(*request));
      }
    }
    return requests;
  }

  std::vector<std::string> errors;

 private:
  void error(config::Position at, const std::string& message) {
    errors.push_back(file_ + ":" + config::to_string(at) + ": error: " + message);
  }

  std::map<std::string, const Node*> entries(const Node& map, const std::vector<std::string>& allowed) {
    std::map<std::string, const Node*> out;
    for (const auto& entry : map.entries) {
      if (std::find(allowed.begin(), allowed.end(), entry.key) == allowed.end()) {
        const std::string hint = did_you_mean(entry.key, allowed);
        error(entry.key_position, "unknown key '" + printable(entry.key) + "'" + (hint.empty() ? "" : "; " + hint));
        continue;
      }
      if (!out.emplace(entry.key, &entry.value).second) error(entry.key_position, "duplicate key '" + entry.key + "'");
    }
    return out;
  }

  // A scalar's text; "" (and an error) when it is something else.
  std::string text(const std::map<std::string, const Node*>& fields, const std::string& key,
                   const std::string& fallback = "") {
    auto it = fields.find(key);
    if (it == fields.end()) return fallback;
    if (!it->second->is_scalar() || it->second->kind == Node::Kind::null) {
      error(it->second->position, key + " must be a single value");
      return "";
    }
    return it->second->text;
  }

  std::optional<AttachRequest> cluster(const Node& item, const std::map<std::string, const Node*>& fields) {
    const std::size_t before = errors.size();
    AttachRequest request;
    request.name = text(fields, "name");
    if (request.name.empty()) error(item.position, "'name' (the compute's name) is required");
    const std::string workspace = text(fields, "workspace", defaults_.workspace);
    const std::string group = text(fields, "resourceGroup", defaults_.resource_group);
    if (workspace.empty() || group.empty())
      error(item.position, "no workspace: give 'workspace' and 'resourceGroup' (here or at the top), or -w and -g");
    request.workspace = arm::ResourceId::workspace(defaults_.subscription, group, workspace);
    if (fields.contains("clusterResourceId")) {
      auto id = arm::ResourceId::parse_cluster(text(fields, "clusterResourceId"));
      if (id)
        request.cluster = *id;
      else
        error(fields.at("clusterResourceId")->position, id.error().describe());
    } else {
      const std::string name = text(fields, "cluster");
      if (name.empty()) error(item.position, "'cluster' (or 'clusterResourceId') is required");
      const std::string type = text(fields, "clusterType", "connectedClusters");
      if (type != "connectedClusters" && type != "managedClusters")
        error(fields.at("clusterType")->position, "clusterType must be connectedClusters or managedClusters");
      request.cluster =
          arm::ResourceId::cluster(type == "managedClusters" ? arm::ClusterKind::managed : arm::ClusterKind::connected,
                                   defaults_.subscription, text(fields, "clusterResourceGroup", group), name);
    }
    if (fields.contains("config")) load_config(fields.at("config"), request);
    const std::string install = text(fields, "installExtension", "false");
    if (!equals_ci(install, "true") && !equals_ci(install, "false"))
      error(fields.at("installExtension")->position, "installExtension must be true or false");
    if (equals_ci(install, "true")) {
      ExtensionRequest& extension = request.install_extension.emplace();
      extension.cluster = request.cluster;
      if (fields.contains("settings")) {
        std::vector<extension::SettingProblem> problems;
        Node section;
        section.kind = Node::Kind::map;
        section.entries.push_back({"configurationSettings", fields.at("settings")->position, *fields.at("settings")});
        extension::add_file(extension.settings, section, file_, problems);
        for (const auto& problem : problems) errors.push_back(extension::format(problem));
      }
    }
    request.skip_preflight = true;  // one kubectl context cannot be every cluster of a fleet
    if (errors.size() != before) return std::nullopt;
    return request;
  }

  void load_config(const Node* node, AttachRequest& request) {
    if (!node->is_scalar() || node->text.empty()) {
      error(node->position, "config must be the path of an attach configuration");
      return;
    }
    std::string path = node->text;
    if (!path.starts_with("/") && !base_.empty()) path = base_ + "/" + path;
    // Read once for every cluster that names it; its errors are reported once.
    auto [cached, first] = configs_.try_emplace(path);
    if (first) {
      std::istringstream no_input;  // "-" is a file name here, not standard input
      cached->second = config::load_attach_config_file(path == "-" ? "./-" : path, no_input, "config");
      for (const auto& d : cached->second.diagnostics) {
        if (!cached->second.read)
          error(node->position, "cannot read the attach configuration: " + d.message);
        else if (d.severity == config::Severity::error)
          errors.push_back(config::format(d, path));
      }
    }
    if (cached->second.config) request.config = *cached->second.config;
  }

  std::string file_;
  std::string base_;
  FleetDefaults defaults_;
  std::map<std::string, config::AttachConfigLoad> configs_;
};

}  // namespace

Result<std::vector<AttachRequest>, std::vector<std::string>> load_fleet(const config::Source& source,
                                                                        const std::string& base_directory,
                                                                        const FleetDefaults& defaults) {
  auto root = config::parse_source(source);
  if (!root) {
    return fail(std::vector<std::string>{source.name + ":" + config::to_string(root.error().position) +
                                         ": error: " + root.error().message});
  }
  FleetLoader loader(source, base_directory, defaults);
  auto requests = loader.load(*root);
  if (!loader.errors.empty()) return fail(std::move(loader.errors));
  return requests;
}

}  // namespace azureml::ops
