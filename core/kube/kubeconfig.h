#pragma once
// Which Kubernetes API server to talk to, and as whom: kubeconfig files and kubectl's flags
// resolved by kubectl's rules (client-go's clientcmd loader and DirectClientConfig):
//   files    --kubeconfig FILE (that file alone; missing = error), else $KUBECONFIG (a ':' list;
//            empty entries and missing files skipped; the first file to define a cluster, context
//            or user name wins it whole, the first current-context wins), else $HOME/.kube/config
//   context  --context, else current-context; --cluster, --user and --namespace replace its fields
//   cluster  server, certificate-authority(-data), insecure-skip-tls-verify, tls-server-name,
//            proxy-url; --server, --certificate-authority, --insecure-skip-tls-verify,
//            --tls-server-name override them as kubectl does (see kubeconfig.cc)
//   user     token, tokenFile, client-certificate/key(-data), exec plugin; --token,
//            --client-certificate, --client-key override
//   paths    relative paths in a file are relative to that file's directory
//            (certificate-authority, client-certificate, client-key, tokenFile, and exec.command
//            when it holds a '/'); `*-data` (base64) wins over the path beside it
// Every problem in a file is reported at its place: FILE:LINE:COL: error: what (fix).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/kubeconfig_error.h"
#include "core/util/environment.h"
#include "core/util/result.h"

namespace azureml::kube {

// kubectl's flags that choose or override parts of the kubeconfig (cli-runtime's ConfigFlags).
// Unset and empty are the same: kubectl treats --context="" as not given.
struct KubeconfigOverrides {
  std::optional<std::string> kubeconfig;             // --kubeconfig: this file only, nothing merged
  std::optional<std::string> context;                // --context
  std::optional<std::string> cluster;                // --cluster: a cluster name, instead of the context's
  std::optional<std::string> user;                   // --user: a user name, instead of the context's
  std::optional<std::string> namespace_name;         // --namespace / -n
  std::optional<std::string> request_timeout;        // --request-timeout as typed: "0", "30", "1m30s", "500ms"
  std::optional<std::string> server;                 // --server / -s
  std::optional<std::string> tls_server_name;        // --tls-server-name
  std::optional<std::string> certificate_authority;  // --certificate-authority: a PEM file (relative to the cwd)
  std::optional<bool> insecure_skip_tls_verify;      // --insecure-skip-tls-verify[=false]
  std::optional<std::string> token;                  // --token
  std::optional<std::string> client_certificate;     // --client-certificate: a PEM file
  std::optional<std::string> client_key;             // --client-key: a PEM file
};

// Where RestConfig::namespace_name came from.
enum class NamespaceSource {
  flag,      // --namespace / -n
  context,   // the context's `namespace`
  fallback,  // neither: "default", as kubectl
};
std::string_view to_string(NamespaceSource source);  // "flag", "context", "default"

struct ClientCertificate {
  std::string certificate_pem;  // the client certificate (and any chain), PEM
  std::string key_pem;          // its private key, PEM: a secret, never logged
};

inline constexpr std::string_view kExecApiV1 = "client.authentication.k8s.io/v1";
inline constexpr std::string_view kExecApiV1beta1 = "client.authentication.k8s.io/v1beta1";

// exec.interactiveMode: whether the plugin may use the terminal (client-go's ExecInteractiveMode).
enum class ExecInteractiveMode {
  never,         // "Never": stdin is /dev/null, spec.interactive is false
  if_available,  // "IfAvailable": interactive when our stdin is a terminal (v1beta1's default)
  always,        // "Always": fails unless our stdin is a terminal
};

// KUBERNETES_EXEC_INFO's spec.cluster: the cluster as the plugin is told about it (only with
// provideClusterInfo: true). Overrides (--server, ...) are already applied.
struct ExecClusterInfo {
  std::string server;
  std::string tls_server_name;  // "" when unset
  bool insecure_skip_tls_verify = false;
  std::optional<std::string> certificate_authority_pem;  // from -data or the file; sent as base64 data
  std::string proxy_url;                                 // "" when unset
  bool disable_compression = false;
  nlohmann::json config;  // the cluster's extension "client.authentication.k8s.io/exec"; null when none
};

// A user's `exec` credential plugin, checked and ready to run (see exec_credential.h).
struct ExecConfig {
  std::string api_version;  // kExecApiV1 or kExecApiV1beta1 (others are refused at load)
  std::string command;      // as written, or made absolute against the kubeconfig's directory when it holds a '/'
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;  // exec.env[]: set in the plugin's environment on top of ours
  ExecInteractiveMode interactive_mode = ExecInteractiveMode::if_available;
  std::string install_hint;  // shown when the command is not found; one line ("" when none)
  bool provide_cluster_info = false;
  std::optional<ExecClusterInfo> cluster;  // set exactly when provide_cluster_info
  std::string user;                        // the kubeconfig user it belongs to: for messages only
};

// How to authenticate, as client-go sends it. Several may be set (an AKS admin kubeconfig has a
// client certificate and a token; both are presented). See kubeconfig_credentials.h for the
// credential to send on each request.
struct UserAuth {
  std::optional<std::string> token;  // a static bearer token (`token`, or --token); a secret
  // `tokenFile`: re-read for each request, its content (trimmed) wins over `token` whenever it can
  // be read (current client-go: projected tokens rotate); `token`, when set, is the fallback.
  std::optional<std::string> token_file;
  std::optional<ClientCertificate> client_certificate;  // from -data or the files, both set or neither
  // The exec plugin; only when none of the above is set (client-go never runs the plugin then).
  std::optional<ExecConfig> exec;

  bool empty() const { return !token && !token_file && !client_certificate && !exec; }
};

// Everything needed to reach the API server. A plain value: copy it, compare it, print it
// (except the secrets noted).
struct RestConfig {
  std::vector<std::string> kubeconfig_files;  // the files read, in precedence order ([] with flags alone)
  std::string context;                        // the context used; "" when --server alone described the cluster
  std::string cluster;                        // the cluster's name in the kubeconfig; "" when none
  std::string user;                           // the user's name in the kubeconfig; "" when none (anonymous)

  std::string server;  // the API server's base URL, "https://host:port[/path]", no trailing '/'
  std::optional<std::string> certificate_authority_pem;  // trust these CAs only; nullopt: the system store
  bool insecure_skip_tls_verify = false;                 // never with a CA (refused at load, as client-go does)
  std::string tls_server_name;       // SNI and the name checked in the server's certificate; "" = the URL's host
  std::string proxy_url;             // "http://", "https://" or "socks5://" proxy; "" = HTTPS_PROXY/NO_PROXY apply
  bool disable_compression = false;  // the cluster's disable-compression

  std::string namespace_name;  // never empty
  NamespaceSource namespace_source = NamespaceSource::fallback;

  std::optional<std::chrono::milliseconds> request_timeout;  // per request; nullopt: none (--request-timeout=0)

  UserAuth auth;

  // Things kubectl would accept that deserve a word on stderr (-v): e.g. both
  // certificate-authority and certificate-authority-data set (the data wins). Formatted like errors.
  std::vector<std::string> warnings;
};

// Reads the kubeconfig files that `overrides` and `environment` (KUBECONFIG, HOME) select, and
// the files they reference (CA, client certificate and key, tokenFile when it is the only
// token), and resolves them into a RestConfig. All problems found are returned together.
Result<RestConfig, KubeError> load_rest_config(const KubeconfigOverrides& overrides, const Environment& environment);

}  // namespace azureml::kube
