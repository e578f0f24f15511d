#include "core/ops/azure_session.h"

#include <array>
#include <string_view>

#include "core/auth/default_credential.h"
#include "core/auth/managed_identity_transport.h"
#include "core/http/curl_transport.h"
#include "core/http/logging_transport.h"
#include "core/util/text.h"
#include "core/util/url.h"

namespace azureml::ops {
namespace {

constexpr std::array<std::string_view, 5> kSecretVariables = {
    "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZUREML_ARM_TOKEN", "IDENTITY_HEADER", "MSI_SECRET"};

auth::DefaultCredentialOptions credential_options(http::Transport& managed_identity_transport) {
  auth::DefaultCredentialOptions options;
  options.managed_identity_transport = &managed_identity_transport;
  return options;
}

arm::ArmClientOptions arm_options(const AzureSessionOptions& session) {
  arm::ArmClientOptions options;
  options.endpoint = session.arm_endpoint;
  options.user_agent = session.user_agent;
  options.on_event = session.on_event;
  options.throttle = session.throttle;
  options.interrupt = session.interrupt;
  return options;
}

// 0 from --request-timeout is libcurl's "no timeout" as well.
http::CurlOptions curl_options(const AzureSessionOptions& session) {
  http::CurlOptions options{.user_agent = session.user_agent, .ca_bundle = session.ca_bundle};
  options.interrupt = session.interrupt;
  if (session.request_timeout) options.total_timeout = *session.request_timeout;
  return options;
}

}  // namespace

void add_environment_secrets(Redactor& redactor, const Environment& environment) {
  for (const auto name : kSecretVariables)
    if (auto value = environment.non_empty(name)) redactor.add_secret(*value);
}

Result<std::string> resolve_arm_endpoint(const std::optional<std::string>& flag, const Environment& environment) {
  std::string source = "--arm-endpoint";
  std::string endpoint;
  if (flag) {
    endpoint = *flag;
  } else if (auto variable = environment.non_empty("AZUREML_ARM_ENDPOINT")) {
    source = "AZUREML_ARM_ENDPOINT";
    endpoint = *variable;
  } else {
    return std::string(arm::kDefaultEndpoint);
  }
  while (endpoint.ends_with('/')) endpoint.pop_back();
  const auto invalid = [&](const std::string& why) {
    return fail(source + " '" + printable(endpoint) + "' " + why +
                "; give the ARM endpoint of your cloud, e.g. https://management.azure.com");
  };
  const auto url = split_url(endpoint);
  if (!url || (url->scheme != "https" && url->scheme != "http")) return invalid("is not an https:// URL");
  if (url->scheme == "http" && !is_loopback_host(url->host))
    return invalid("is plain http to a host that is not this machine: tokens would travel unencrypted");
  if (url->host.empty()) return invalid("has no host");
  if (url->rest.find_first_of("?#") != std::string::npos) return invalid("must not carry a query or fragment");
  return endpoint;
}

AzureSession::AzureSession(const Environment& environment, Clock& clock, Log& log, const AzureSessionOptions& options)
    : curl_(http::make_curl_transport(curl_options(options), environment)),
      transport_(std::make_unique<http::LoggingTransport>(*curl_, log, clock)),
      managed_identity_curl_(auth::make_managed_identity_transport({.user_agent = options.user_agent})),
      managed_identity_transport_(std::make_unique<http::LoggingTransport>(*managed_identity_curl_, log, clock)),
      runner_(std::make_unique<PosixProcessRunner>(environment)),
      credential_(auth::make_default_credential(environment, *transport_, clock, *runner_,
                                                credential_options(*managed_identity_transport_))),
      arm_(std::make_unique<arm::ArmClient>(*transport_, *credential_, clock, arm_options(options))) {}

AzureSession::~AzureSession() = default;

}  // namespace azureml::ops
