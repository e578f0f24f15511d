#pragma once
// The exec credential protocol (client.authentication.k8s.io v1 and v1beta1), both directions:
//   in   KUBERNETES_EXEC_INFO={"apiVersion":V,"kind":"ExecCredential","spec":{"interactive":B,
//        "cluster":{...}}} -- spec.cluster only with provideClusterInfo
//   out  the plugin's stdout: {"apiVersion":V,"kind":"ExecCredential","status":{"token":T,
//        "expirationTimestamp":"RFC 3339"}} or clientCertificateData + clientKeyData (PEM)
// Pure functions, so every rule is tested without running anything.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/kube/kubeconfig.h"
#include "core/util/result.h"

namespace azureml::kube {

// What a plugin handed back. Holds secrets: never logged.
struct ExecCredential {
  std::optional<std::string> token;                     // status.token
  std::optional<ClientCertificate> client_certificate;  // status.clientCertificateData + clientKeyData
  // status.expirationTimestamp; nullopt: good for the life of the process.
  std::optional<std::chrono::system_clock::time_point> expires_at;
};

// KUBERNETES_EXEC_INFO's value for `exec`. `interactive` is spec.interactive: whether the plugin
// may use our terminal (see exec_credential.h).
std::string exec_info_json(const ExecConfig& exec, bool interactive);

// The plugin's stdout read as client-go reads it: the apiVersion must be the one configured,
// kind ExecCredential, a status with a token or a certificate and key (both), and a valid
// expirationTimestamp when there is one. The error says what is wrong without quoting the
// output, which may hold a token.
Result<ExecCredential, std::string> parse_exec_output(std::string_view stdout_text, std::string_view api_version);

// RFC 3339 as Go's time.RFC3339 reads it: 2026-11-23T16:04:05Z, with optional fractional seconds
// and a Z or +hh:mm / -hh:mm offset. nullopt when not in that form or not a real date and time.
// Years Go reads that system_clock cannot hold (before 1678, after 2261) are clamped into them.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace azureml::kube
