#pragma once
// The steps of load_rest_config (kubeconfig.cc) after the files are merged and the context,
// cluster and user are chosen: each turns kubeconfig entries plus flags into part of the
// RestConfig, reporting into one list of problems so that the user sees them all at once.
// Internal to core/kube.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/kube/kubeconfig.h"
#include "core/kube/kubeconfig_file.h"

namespace azureml::kube {

class Problems {
 public:
  // At a place in a kubeconfig file.
  void error(const std::string& file, config::Position at, std::string message, std::string hint = {});
  // About a flag, or about no file in particular.
  void error(std::string message, std::string hint = {});
  void warning(const std::string& file, config::Position at, const std::string& message);

  bool any() const { return !errors_.empty(); }
  std::vector<KubeProblem> take_errors() { return std::move(errors_); }
  std::vector<std::string> take_warnings() { return std::move(warnings_); }

 private:
  std::vector<KubeProblem> errors_;
  std::vector<std::string> warnings_;
};

// A flag's value, or nullopt when not given or empty (kubectl treats "" as not given).
std::optional<std::string> given(const std::optional<std::string>& flag);

// "did you mean 'b'? defined clusters: 'b', 'a', 'c'" (closest first), or "the kubeconfig
// defines no clusters" -- `kind` is the plural: "clusters", "contexts", "users".
std::string name_hint(std::string_view wanted, std::span<const std::string> names, std::string_view kind);

// server, CA, insecure, tls-server-name, proxy-url and disable-compression into `out`, with
// the flags' overrides. `cluster` is null when --server alone describes the cluster.
void resolve_cluster(const ClusterEntry* cluster, const KubeconfigOverrides& overrides, RestConfig& out,
                     Problems& problems);

// token, tokenFile, client certificate and key, exec into `out.auth`, with the flags'
// overrides. Needs the resolved cluster in `out`, and its entry (null when none) for the exec
// extension: an exec plugin may be told about the cluster.
void resolve_user(const UserEntry* user, const ClusterEntry* cluster, const KubeconfigOverrides& overrides,
                  RestConfig& out, Problems& problems);

// The user's exec entry checked and turned into an ExecConfig (nullopt when it has errors).
// `resolved` is the RestConfig with its cluster part done; `exec_extension` the cluster's
// client.authentication.k8s.io/exec extension (null when none).
std::optional<ExecConfig> resolve_exec(const UserEntry& user, const RestConfig& resolved,
                                       const nlohmann::json& exec_extension, Problems& problems);

}  // namespace azureml::kube
