#pragma once
// Everything an online verb needs to talk to Azure, built once per run from the user's flags
// and environment: the libcurl transport (logged with -v), the managed identity transport, the
// credential chain and the ARM client. Owns them all; the parts refer to each other, so a
// session is neither copied nor moved.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/arm/arm_client.h"
#include "core/auth/credential.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"
#include "core/util/interrupt.h"
#include "core/util/log.h"
#include "core/util/process_runner.h"
#include "core/util/result.h"

namespace azureml::ops {

struct AzureSessionOptions {
  std::string arm_endpoint{arm::kDefaultEndpoint};  // resolve_arm_endpoint()'s answer
  std::optional<std::string> ca_bundle;             // --ca-bundle; unset: REQUESTS_CA_BUNDLE, SSL_CERT_FILE, system
  std::string user_agent;                           // "kubectl-azureml/0.1.0"
  arm::ArmEventHandler on_event;                    // retries, throttling, polls: for a progress display
  arm::Throttle* throttle = nullptr;                // shared with the other sessions of a fleet; not owned
  const Interrupt* interrupt = nullptr;             // Ctrl-C: once raised nothing more is sent; not owned
  // --request-timeout: one request's whole exchange; a timed-out request is retried like a reset.
  // 0: never. Unset: the transport's default (2 minutes).
  std::optional<std::chrono::milliseconds> request_timeout;
};

// Registers with `redactor` the secret values this run may handle through the environment
// (AZURE_CLIENT_SECRET, AZUREML_ARM_TOKEN, IDENTITY_HEADER, ...), so that no log line can
// carry them even where no pattern would recognize them.
void add_environment_secrets(Redactor& redactor, const Environment& environment);

// The ARM endpoint to use: `flag`, else AZUREML_ARM_ENDPOINT, else https://management.azure.com;
// without a trailing '/'. An error (for exit 2) when it is not an absolute https URL, or an
// http URL on a loopback host (the local fakes): a token never travels in clear over a network.
Result<std::string> resolve_arm_endpoint(const std::optional<std::string>& flag, const Environment& environment);

class AzureSession {
 public:
  // `environment`, `clock` and `log` must outlive the session. Sends nothing: credentials are
  // tried when the first request needs a token.
  AzureSession(const Environment& environment, Clock& clock, Log& log, const AzureSessionOptions& options);
  ~AzureSession();
  AzureSession(const AzureSession&) = delete;
  AzureSession& operator=(const AzureSession&) = delete;

  arm::ArmClient& arm() { return *arm_; }

 private:
  std::unique_ptr<http::Transport> curl_;
  std::unique_ptr<http::Transport> transport_;  // curl_, logged
  std::unique_ptr<http::Transport> managed_identity_curl_;
  std::unique_ptr<http::Transport> managed_identity_transport_;  // logged
  std::unique_ptr<ProcessRunner> runner_;
  std::unique_ptr<auth::TokenCredential> credential_;
  std::unique_ptr<arm::ArmClient> arm_;
};

}  // namespace azureml::ops
