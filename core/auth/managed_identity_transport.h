#pragma once
// The transport for the managed identity endpoints (IMDS at 169.254.169.254, App Service's
// local IDENTITY_ENDPOINT): libcurl with no proxy whatever HTTPS_PROXY/HTTP_PROXY/NO_PROXY say
// (those endpoints are link-local or local; a proxy cannot reach them and must not see the
// X-IDENTITY-HEADER), and a short connect timeout so a machine without IMDS costs about a second.
// Pass it as DefaultCredentialOptions::managed_identity_transport.
#include <chrono>
#include <memory>
#include <string>

#include "core/http/transport.h"

namespace azureml::auth {

struct ManagedIdentityTransportOptions {
  std::string user_agent;                           // e.g. "kubectl-azureml/0.1.0"
  std::chrono::milliseconds connect_timeout{1000};  // the probe: nothing there -> unavailable
  std::chrono::milliseconds total_timeout{30000};   // IMDS can take seconds on first use
};

std::unique_ptr<http::Transport> make_managed_identity_transport(const ManagedIdentityTransportOptions& options = {});

}  // namespace azureml::auth
