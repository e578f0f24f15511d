#pragma once
// AAD: the v2 token endpoint for client credentials (a secret, or a client assertion signed by
// a registered certificate or federated from a workload identity), its discovery document,
// and the ADFS discovery document and token endpoint that az uses against a private cloud.
#include <string>

#include "core/util/clock.h"
#include "tests/fakes/fake_azure_options.h"
#include "tests/fakes/ids.h"
#include "tests/fakes/pattern.h"
#include "tests/fakes/token_issuer.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace azureml::fakes {

class AadService {
 public:
  AadService(const FakeAzureOptions& options, TokenIssuer& tokens, IdGenerator& ids, const Clock& clock)
      : options_(options), tokens_(tokens), ids_(ids), clock_(clock) {}

  // True when the path is one of these endpoints; the response is then filled in.
  // `base_url` ("https://127.0.0.1:1234") is what discovery documents point back to.
  bool handle(const httplib::Request& request, httplib::Response& response, const std::string& base_url);

 private:
  void token_v2(const httplib::Request& request, httplib::Response& response, const std::string& tenant,
                const std::string& base_url);
  void adfs_token(const httplib::Request& request, httplib::Response& response);
  void aad_error(httplib::Response& response, int status, const std::string& error, int code,
                 const std::string& description);

  const Pattern token_v2_path_{R"(/([^/]+)/oauth2/v2\.0/token/?)"};
  const Pattern discovery_v2_path_{R"(/([^/]+)/v2\.0/\.well-known/openid-configuration)"};
  const Pattern adfs_discovery_path_{R"(/adfs(/[^/]+)?/\.well-known/openid-configuration)"};
  const Pattern adfs_token_path_{R"(/adfs/oauth2/token/?)"};
  const FakeAzureOptions& options_;
  TokenIssuer& tokens_;
  IdGenerator& ids_;
  const Clock& clock_;
};

}  // namespace azureml::fakes
