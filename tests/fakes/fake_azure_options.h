#pragma once
// How a FakeAzure behaves: who may log in, how long tokens live, how long operations run.
// The defaults match the identities in ../shared/reference/az-k8s-extension-handler.md.
#include <chrono>
#include <string>
#include <vector>

#include "tests/fakes/rate_limit.h"

namespace azureml {
class Clock;
}

namespace azureml::fakes {

struct FakeAzureOptions {
  bool https = false;  // serve HTTPS with a CA generated at start (FakeAzure::ca_file())
  int port = 0;        // 0: any free port on 127.0.0.1

  // AAD (v2 and the ADFS path az uses).
  std::string tenant_id = "00000000-0000-0000-0000-0000000000aa";
  std::string client_id = "11111111-1111-1111-1111-111111111111";
  std::string client_secret = "fakesecret";
  // When set, client assertions must be RS256/PS256-signed by this certificate's key and name
  // the client in iss and sub (certificate credential).
  std::string client_certificate_pem{};
  // When set, a client assertion must be exactly this text (workload identity's token file).
  // With neither set, any well-formed, unexpired JWT is accepted as an assertion.
  std::string federated_assertion{};
  std::chrono::seconds token_lifetime{3599};

  // Managed identity: App Service (X-IDENTITY-HEADER) and IMDS (Metadata: true).
  std::string identity_header = "fake-identity-header";
  std::string managed_identity_client_id = "22222222-2222-2222-2222-222222222222";  // system-assigned
  std::vector<std::string> user_assigned_client_ids{};                              // accepted as ?client_id=

  // ARM.
  int lro_polls = 2;                   // the Nth observation of a running operation returns its end state
  int retry_after_seconds = 0;         // sent as Retry-After on long-running operations
  bool accept_foreign_tokens = false;  // accept unexpired JWTs this server did not issue
  // Audiences ARM accepts (compared without a trailing '/').
  std::vector<std::string> arm_audiences = {"https://management.azure.com", "https://management.core.windows.net"};
  // A GET of an extension names its protected settings with empty values (what the service
  // does, per azure-service-operator's notes); false: it leaves configurationProtectedSettings
  // out, as the spec's GetExtension example does.
  bool extension_protected_names = true;
  // Store (and answer) computes the way a service may rewrite them: quantities in other units,
  // names re-cased, empty node selectors as null, fields added (normalized_answers.h).
  bool normalize_answers = false;
  // Throttling of ARM's paths (/subscriptions/..., /providers/...) by token buckets; none by default.
  RateLimits rate_limits{};

  // Wall time for token expiry; nullptr: the system clock. Must outlive the server.
  const Clock* clock = nullptr;
};

}  // namespace azureml::fakes
