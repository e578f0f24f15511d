#pragma once
// One kubeconfig file, parsed into its clusters, contexts and users with the place of every
// value, relative paths already made absolute against the file's directory and base64 data
// decoded. What client-go refuses when it decodes a file is refused here for the whole file:
// wrong types, bad base64, duplicate keys and duplicate names. What it checks only for the
// context in use (servers, exec apiVersion, referenced files) is left to load_rest_config.
// Keys this program does not use (preferences, extensions of users, ...) are ignored, as
// client-go ignores unknown fields.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config/document.h"
#include "core/kube/kubeconfig_error.h"
#include "core/util/result.h"

namespace azureml::kube {

// A value as written, and where.
template <class T>
struct Field {
  T value{};
  config::Position at;
};

struct ClusterEntry {
  std::string name;
  std::string file;     // the file that defines it
  config::Position at;  // its `name` value
  std::optional<Field<std::string>> server;
  std::optional<Field<std::string>> certificate_authority;       // absolute path
  std::optional<Field<std::string>> certificate_authority_data;  // decoded bytes
  std::optional<Field<bool>> insecure_skip_tls_verify;
  std::optional<Field<std::string>> tls_server_name;
  std::optional<Field<std::string>> proxy_url;
  std::optional<Field<bool>> disable_compression;
  nlohmann::json exec_extension;  // extensions[name == client.authentication.k8s.io/exec].extension; null when none
};

struct ContextEntry {
  std::string name;
  std::string file;
  config::Position at;
  std::optional<Field<std::string>> cluster;
  std::optional<Field<std::string>> user;
  std::optional<Field<std::string>> namespace_name;
};

struct ExecEnvEntry {
  Field<std::string> name;  // may be empty: refused when the user is used, as client-go does
  std::string value;
};

struct ExecEntry {
  config::Position at;  // the `exec` key
  std::optional<Field<std::string>> api_version;
  std::optional<Field<std::string>> command;  // absolute when written with a '/' (else looked up on PATH)
  std::vector<std::string> args;
  std::vector<ExecEnvEntry> env;
  std::optional<Field<std::string>> install_hint;
  std::optional<Field<bool>> provide_cluster_info;
  std::optional<Field<std::string>> interactive_mode;
};

struct UserEntry {
  std::string name;
  std::string file;
  config::Position at;
  std::optional<Field<std::string>> token;
  std::optional<Field<std::string>> token_file;               // absolute path
  std::optional<Field<std::string>> client_certificate;       // absolute path
  std::optional<Field<std::string>> client_certificate_data;  // decoded bytes
  std::optional<Field<std::string>> client_key;               // absolute path
  std::optional<Field<std::string>> client_key_data;          // decoded bytes
  std::optional<ExecEntry> exec;
  std::optional<Field<std::string>> auth_provider;  // auth-provider.name (azure, gcp, oidc, ...)
  std::optional<config::Position> basic_auth;       // where username or password is
  std::optional<config::Position> impersonation;    // where as, as-uid, as-groups or as-user-extra is
};

struct KubeconfigFile {
  std::string path;  // as given (messages name the file as the user named it)
  std::vector<ClusterEntry> clusters;
  std::vector<ContextEntry> contexts;
  std::vector<UserEntry> users;
  std::optional<Field<std::string>> current_context;
};

// Parses `text`, the content of the kubeconfig at `path` (YAML or JSON). An empty file, or one
// with only comments, is an empty kubeconfig, as client-go reads it.
Result<KubeconfigFile, KubeError> parse_kubeconfig(const std::string& path, std::string_view text);

// `path` made absolute against `directory` unless it already is, and normalized (a/./b/../c is
// a/c), as client-go's ResolveLocalPaths does.
std::string resolve_against(const std::string& directory, const std::string& path);

}  // namespace azureml::kube
