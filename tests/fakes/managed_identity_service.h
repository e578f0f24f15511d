#pragma once
// Managed identity as a workload on Azure sees it: App Service's endpoint (GET /msi/token,
// api-version 2019-08-01, header X-IDENTITY-HEADER) and IMDS (GET
// /metadata/identity/oauth2/token, header Metadata: true). Both take `resource` and an
// optional `client_id` for a user-assigned identity.
#include "core/util/clock.h"
#include "tests/fakes/fake_azure_options.h"
#include "tests/fakes/token_issuer.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace azureml::fakes {

class ManagedIdentityService {
 public:
  ManagedIdentityService(const FakeAzureOptions& options, TokenIssuer& tokens, const Clock& clock)
      : options_(options), tokens_(tokens), clock_(clock) {}

  // True when the path is one of these endpoints; the response is then filled in.
  bool handle(const httplib::Request& request, httplib::Response& response);

 private:
  void app_service_token(const httplib::Request& request, httplib::Response& response);
  void imds_token(const httplib::Request& request, httplib::Response& response);

  const FakeAzureOptions& options_;
  TokenIssuer& tokens_;
  const Clock& clock_;
};

}  // namespace azureml::fakes
