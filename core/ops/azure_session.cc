#include "core/ops/azure_session.h"

#include <array>
#include <string_view>

#include "core/auth/default_credential.h"
#include "core/auth/managed_identity_transport.h"
#include "core/http/curl_transport.h"
#include "core/http/logging_transport.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

constexpr std::array<std::string_view, 5> kSecretVariables = {
    "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZUREML_ARM_TOKEN", "IDENTITY_HEADER",
    "MSI_SECRET"};

bool is_loopback_host(std::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

// "http://127.0.0.1:8080/x" -> "127.0.0.1"
std::string_view host_of(std::string_view rest) {
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.starts_with("[")) return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

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
  std::string_view rest;
  if (endpoint.starts_with("https://")) {
    rest = std::string_view(endpoint).substr(8);
  } else if (endpoint.starts_with("http://")) {
    rest = std::string_view(endpoint).substr(7);
    if (!is_loopback_host(host_of(rest)))
      return invalid("is plain http to a host that is not this machine: tokens would travel unencrypted");
  } else {
    return invalid("is not an https:// URL");
  }
  if (host_of(rest).empty()) return invalid("has no host");
  if (rest.find_first_of("?#") != std::string_view::npos) return invalid("must not carry a query or fragment");
  return endpoint;
}

AzureSession::AzureSession(const Environment& environment, Clock& clock, Log& log,
                           const AzureSessionOptions& options)
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
