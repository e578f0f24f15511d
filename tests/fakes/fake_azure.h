#pragma once
// A fake of Azure on 127.0.0.1 for tests and for the real az: AAD (v2 client credentials,
// the ADFS path az logs in through), managed identity (App Service, IMDS), and ARM for the
// resources kubectl-azureml touches, with long-running operations, recorded requests,
// connection counting and injected faults. In-process:
//
//   FakeAzure azure({.https = true});
//   azure.add_workspace({.subscription = "s", .resource_group = "rg", .name = "ws"});
//   azure.start();            // any free port; azure.base_url(), azure.ca_file()
//   ... drive a client ...;   azure.requests() says what it sent
//
// Standalone: fake_azure_main.cc (bin/fake-azure). Outside Azure's paths, GET /_fake/requests
// returns the recorded requests as JSON ({"requests":[...]}, see to_json in request_log.h) and
// DELETE /_fake/requests clears them; neither is recorded.
//
// Seeding, faults, recording and inspection are thread-safe and may be used while it serves;
// start() and stop() belong to the owning thread.
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/util/clock.h"
#include "tests/fakes/arm_operations.h"
#include "tests/fakes/arm_seeds.h"
#include "tests/fakes/fake_azure_options.h"
#include "tests/fakes/faults.h"
#include "tests/fakes/server_thread.h"
#include "tests/fakes/ids.h"
#include "tests/fakes/rate_limit.h"
#include "tests/fakes/request_log.h"
#include "tests/fakes/token_issuer.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace azureml::fakes {

class AadService;
class ManagedIdentityService;
class ArmService;
class TestCertificates;

class FakeAzure {
 public:
  explicit FakeAzure(FakeAzureOptions options = {});
  ~FakeAzure();  // stops the server
  FakeAzure(const FakeAzure&) = delete;
  FakeAzure& operator=(const FakeAzure&) = delete;

  // Listens on 127.0.0.1 (options().port, or any free port) and serves on its own thread.
  // HTTPS generates a CA and a certificate for 127.0.0.1/localhost first. Throws
  // std::runtime_error when it cannot listen.
  void start();
  // Stops accepting, ends delayed responses, joins the server thread. Idempotent.
  void stop();

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT"
  std::string ca_file() const;   // the CA to trust (PEM file); "" over HTTP
  const FakeAzureOptions& options() const { return options_; }

  // What clients sent, oldest first (secrets redacted or dropped; see request_log.h).
  std::vector<RecordedRequest> requests() const;
  void clear_requests();
  // TCP connections accepted since start() (one per TLS handshake over HTTPS).
  std::size_t connections() const { return connections_.load(); }

  // Faults (faults.h): the first armed fault that matches a request applies to it.
  void add_fault(Fault fault);
  void clear_faults();
  std::size_t faults_fired() const;
  // 429s answered by the rate limits (options().rate_limits).
  int throttled() const { return limiter_.throttled(); }
  void set_rate_limits(RateLimits limits) { limiter_.reset(limits); }  // buckets start full
  // Every token issued so far is expired from now on: ARM answers 401 ExpiredAuthenticationToken.
  void expire_tokens();
  // An ARM token without a round trip to the token endpoint.
  IssuedToken issue_token(const std::string& audience = "https://management.azure.com");

  // Long-running operations started later by `method` ("PUT", "DELETE", "" for any) on a
  // resource whose id matches `id_regex` end as `outcome` says (the latest matching rule wins).
  void set_operation_outcome(std::string method, const std::string& id_regex, OperationOutcome outcome);
  void clear_operation_outcomes();

  // Seeding ARM. Parents are created when missing (subscription, resource group).
  // Each returns the resource id.
  std::string add_subscription(const std::string& subscription, const std::string& display_name = "Fake subscription");
  std::string add_resource_group(const std::string& subscription, const std::string& name,
                                 const std::string& location = "eastus");
  std::string add_connected_cluster(const ClusterSeed& seed);
  std::string add_managed_cluster(const ClusterSeed& seed);
  std::string add_workspace(const WorkspaceSeed& seed);
  std::string add_extension(const ExtensionSeed& seed);
  // `scope`: a subscription, resource group or resource id; level "ReadOnly" or "CanNotDelete".
  std::string add_lock(const std::string& scope, const std::string& name, const std::string& level,
                       const std::string& notes = "");
  void add_usage(const std::string& subscription, const std::string& location, const UsageSeed& usage);
  void add_quota(const std::string& subscription, const std::string& location, const UsageSeed& quota);
  // "Registered" (the default for every namespace) or "NotRegistered" (PUTs then get 409).
  void set_provider_registration(const std::string& subscription, const std::string& provider_namespace,
                                 const std::string& state);
  // Any document with an "id"; replaces one with the same id.
  void put_resource(nlohmann::json resource);
  // The stored document (what GET returns), or nullopt.
  std::optional<nlohmann::json> resource(std::string_view id) const;

 private:
  void serve(const httplib::Request& request, httplib::Response& response);
  std::string base_url_for(const httplib::Request& request) const;
  void wait(std::chrono::milliseconds duration);
  // Answers 429 when an ARM request finds its bucket empty; otherwise sets ARM's remaining header.
  bool throttled(const httplib::Request& request, httplib::Response& response);

  FakeAzureOptions options_;
  SystemClock system_clock_;
  const Clock& clock_;
  IdGenerator ids_;
  TokenIssuer tokens_;
  RequestLog log_;
  FaultInjector faults_;
  RateLimiter limiter_;
  std::unique_ptr<AadService> aad_;
  std::unique_ptr<ManagedIdentityService> managed_identity_;
  std::unique_ptr<ArmService> arm_;
  std::unique_ptr<TestCertificates> certificates_;
  std::unique_ptr<httplib::Server> server_;
  std::atomic<std::size_t> connections_{0};
  int port_ = 0;
  ServerThread runner_;
};

}  // namespace azureml::fakes
