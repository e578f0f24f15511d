#include "core/kube/kubeconfig_merge.h"

#include <algorithm>
#include <set>

#include "core/util/file_read.h"

namespace azureml::kube {
namespace {

template <class Entry>
const Entry* find_named(const std::vector<Entry>& entries, const std::string& name) {
  for (const auto& entry : entries)
    if (entry.name == name) return &entry;
  return nullptr;
}

template <class Entry>
std::vector<std::string> names_of(const std::vector<Entry>& entries) {
  std::vector<std::string> names;
  names.reserve(entries.size());
  for (const auto& entry : entries) names.push_back(entry.name);
  return names;
}

// Appends the entries whose names are not taken yet: the first definition wins, whole.
template <class Entry>
void add_new(std::vector<Entry>& into, std::vector<Entry>&& from) {
  for (auto& entry : from)
    if (!find_named(into, entry.name)) into.push_back(std::move(entry));
}

}  // namespace

Result<KubeconfigSources, KubeError> kubeconfig_sources(const std::optional<std::string>& kubeconfig_flag,
                                                        const Environment& environment) {
  KubeconfigSources sources;
  if (kubeconfig_flag && !kubeconfig_flag->empty()) {
    sources.files = {*kubeconfig_flag};
    sources.required = true;
    sources.origin = "--kubeconfig";
    return sources;
  }
  if (auto list = environment.non_empty("KUBECONFIG")) {
    sources.origin = "KUBECONFIG";
    std::set<std::string> seen;
    std::size_t start = 0;
    for (;;) {
      const auto end = list->find(':', start);
      const auto entry = list->substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!entry.empty() && seen.insert(entry).second) sources.files.push_back(entry);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return sources;
  }
  sources.origin = "$HOME/.kube/config";
  const auto home = environment.non_empty("HOME");
  if (!home)
    return fail(config_error("cannot find a kubeconfig: KUBECONFIG and HOME are not set",
                             "pass --kubeconfig FILE or set KUBECONFIG"));
  sources.files = {*home + "/.kube/config"};
  return sources;
}

const ClusterEntry* MergedKubeconfig::find_cluster(const std::string& name) const { return find_named(clusters, name); }
const ContextEntry* MergedKubeconfig::find_context(const std::string& name) const { return find_named(contexts, name); }
const UserEntry* MergedKubeconfig::find_user(const std::string& name) const { return find_named(users, name); }
std::vector<std::string> MergedKubeconfig::cluster_names() const { return names_of(clusters); }
std::vector<std::string> MergedKubeconfig::context_names() const { return names_of(contexts); }
std::vector<std::string> MergedKubeconfig::user_names() const { return names_of(users); }

MergedKubeconfig merge_kubeconfigs(std::vector<KubeconfigFile> files) {
  MergedKubeconfig merged;
  for (auto& file : files) {
    merged.files.push_back(file.path);
    add_new(merged.clusters, std::move(file.clusters));
    add_new(merged.contexts, std::move(file.contexts));
    add_new(merged.users, std::move(file.users));
    if (!merged.current_context && file.current_context) {
      merged.current_context = file.current_context;
      merged.current_context_file = file.path;
    }
  }
  return merged;
}

Result<MergedKubeconfig, KubeError> load_kubeconfigs(const KubeconfigSources& sources) {
  std::vector<KubeconfigFile> files;
  KubeError errors;
  errors.kind = KubeError::Kind::invalid_config;
  for (const auto& path : sources.files) {
    auto text = read_whole_file(path);
    if (!text) {
      if (text.error().missing && !sources.required) continue;  // KUBECONFIG and the default skip these
      errors.problems.push_back(
          KubeProblem{path,
                      {},
                      "cannot read the kubeconfig (" + sources.origin + "): " + text.error().reason,
                      text.error().missing ? "check the path given to " + sources.origin : ""});
      continue;
    }
    auto parsed = parse_kubeconfig(path, text.value());
    if (!parsed) {
      for (const auto& problem : parsed.error().problems) errors.problems.push_back(problem);
      continue;
    }
    files.push_back(std::move(parsed).value());
  }
  if (!errors.problems.empty()) return fail(std::move(errors));
  return merge_kubeconfigs(std::move(files));
}

}  // namespace azureml::kube
