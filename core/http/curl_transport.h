#pragma once
// The product's Transport: libcurl, one connection cache per transport (one TLS handshake per
// host per run), certificate verification always on, proxies and CA bundle from the Environment.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/http/transport.h"
#include "core/util/environment.h"
#include "core/util/interrupt.h"

namespace azureml::http {

struct CurlOptions {
  std::string user_agent;  // e.g. "kubectl-azureml/0.1.0"; a request's own User-Agent header wins
  // A PEM bundle that replaces the system CA store (--ca-bundle). When unset:
  // REQUESTS_CA_BUNDLE, else SSL_CERT_FILE, else the system store.
  std::optional<std::string> ca_bundle;
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{120000};  // the whole exchange, body included
  // Ctrl-C: once raised, an exchange in flight is abandoned within about a second (libcurl's
  // progress callback) with TransportError::Kind::interrupted. Not owned; null: never.
  const Interrupt* interrupt = nullptr;

  // What a kubeconfig can say about a Kubernetes API server (never used for Azure):
  std::optional<std::string> ca_pem{};                  // PEM CA certificates in memory; replace every other CA source
  std::optional<std::string> client_certificate_pem{};  // mutual TLS: certificate chain (PEM) ...
  std::optional<std::string> client_key_pem{};          // ... and its private key (PEM); never logged
  // Verify the server's certificate for this name, and send it as SNI, while connecting to the
  // URL's host (kubeconfig tls-server-name).
  std::optional<std::string> tls_server_name{};
  // The proxy for every request, whatever the environment says (kubeconfig proxy-url).
  std::optional<std::string> proxy_url{};
  // kubeconfig insecure-skip-tls-verify: no certificate or host name check at all. Only ever
  // set from an explicit kubeconfig field or flag, as kubectl does.
  bool insecure_skip_tls_verify = false;
};

// Reads, once and here, from `environment` (never from the real process environment):
//   HTTPS_PROXY / https_proxy      for https:// URLs (uppercase first, as kubectl does)
//   HTTP_PROXY / http_proxy        for http:// URLs
//   ALL_PROXY / all_proxy          for either, when the above are unset
//   NO_PROXY / no_proxy            hosts that bypass the proxy (curl's syntax: a,b,.domain,*, CIDR)
//   REQUESTS_CA_BUNDLE, SSL_CERT_FILE   see CurlOptions::ca_bundle
// Redirects are never followed: a 3xx is returned as is. Failures come back as TransportError
// whose message names the host (and proxy) but never a URL's query or a proxy's credentials.
// send() may be called from several threads; exchanges are serialized.
std::unique_ptr<Transport> make_curl_transport(const CurlOptions& options, const Environment& environment);

}  // namespace azureml::http
