#pragma once
// Which kubeconfig files to read and how they combine (client-go's ClientConfigLoadingRules):
//   --kubeconfig FILE   that file only; a missing file is an error
//   $KUBECONFIG         a ':'-separated list, duplicates dropped; empty entries and missing
//                       files skipped (a set but empty KUBECONFIG counts as unset)
//   otherwise           $HOME/.kube/config, skipped when missing
// "The first file to set a particular map key wins and map key's value is never changed": a
// cluster, context or user name belongs wholly to the first file that defines it (no field is
// merged from later files), and the first current-context found wins.
#include <optional>
#include <string>
#include <vector>

#include "core/kube/kubeconfig_error.h"
#include "core/kube/kubeconfig_file.h"
#include "core/util/environment.h"
#include "core/util/result.h"

namespace azureml::kube {

struct KubeconfigSources {
  std::vector<std::string> files;  // in precedence order
  bool required = false;           // --kubeconfig: the file must exist
  std::string origin;              // for messages: "--kubeconfig", "KUBECONFIG" or "$HOME/.kube/config"
};

// Fails only when HOME is needed and unset.
Result<KubeconfigSources, KubeError> kubeconfig_sources(const std::optional<std::string>& kubeconfig_flag,
                                                        const Environment& environment);

struct MergedKubeconfig {
  std::vector<std::string> files;      // the files read, in order (missing ones are not here)
  std::vector<ClusterEntry> clusters;  // each name once: the first file's definition
  std::vector<ContextEntry> contexts;
  std::vector<UserEntry> users;
  std::optional<Field<std::string>> current_context;
  std::string current_context_file;  // the file that set current_context

  const ClusterEntry* find_cluster(const std::string& name) const;
  const ContextEntry* find_context(const std::string& name) const;
  const UserEntry* find_user(const std::string& name) const;
  std::vector<std::string> cluster_names() const;
  std::vector<std::string> context_names() const;
  std::vector<std::string> user_names() const;
};

// Merges parsed files by the first-wins rule, in the order given.
MergedKubeconfig merge_kubeconfigs(std::vector<KubeconfigFile> files);

// Reads, parses and merges the sources' files. Every file's problems are reported together.
Result<MergedKubeconfig, KubeError> load_kubeconfigs(const KubeconfigSources& sources);

}  // namespace azureml::kube
