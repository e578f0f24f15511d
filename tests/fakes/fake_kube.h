#pragma once
// A fake Kubernetes API server on 127.0.0.1 over HTTPS, real enough for the real kubectl and
// for our client: discovery (legacy and aggregated), namespaces, nodes, pods, DaemonSets and
// ConfigMaps read from a YAML fixture, lists with selectors and paging, Tables for kubectl
// get, Status errors. Authentication by bearer token or client certificate; 401 otherwise.
// In-process:
//
//   FakeKube kube({.fixture_file = "tests/fakes/fixtures/arc-cluster.yaml"});
//   kube.start();                                  // any free port; kube.base_url(), kube.ca_file()
//   kube.write_kubeconfig(dir + "/kubeconfig");    // token user; or {.certificate =
//   kube.issue_client_certificate("ci")}
//   ... drive kubectl or a client ...;            kube.requests() says what they sent and who
//
// Standalone: fake_kube_main.cc (bin/fake-kube). GET /_fake/requests returns the recorded
// requests as JSON ({"requests":[...]}) and DELETE /_fake/requests clears them; neither needs
// authentication nor is recorded.
//
// Seeding, faults, recording and inspection are thread-safe and may be used while it serves;
// start() and stop() belong to the owning thread.
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/util/clock.h"
#include "tests/fakes/fake_kube_options.h"
#include "tests/fakes/faults.h"
#include "tests/fakes/server_thread.h"
#include "tests/fakes/ids.h"
#include "tests/fakes/kube_auth.h"
#include "tests/fakes/kube_store.h"
#include "tests/fakes/request_log.h"
#include "tests/fakes/test_certificates.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace azureml::fakes {

// One request as the fake saw it: RecordedRequest (method, path, query, headers with
// Authorization "REDACTED", status) and who sent it; the credential itself is never kept.
struct KubeRecordedRequest {
  RecordedRequest http;
  KubeAuthMethod auth = KubeAuthMethod::none;
  std::string user;  // "" when unauthenticated

  std::string user_agent() const { return http.header("user-agent"); }
};

// {"method","path","query","headers","status","sequence", "auth", "user"}.
nlohmann::json to_json(const KubeRecordedRequest& request);

// Who a written kubeconfig logs in as: a token (default: the first configured one) or a
// client certificate from issue_client_certificate().
struct KubeconfigOptions {
  std::string token{};
  CertificateAndKey certificate{};
  std::string context = "fake-kube";
  std::string namespace_name{};  // the context's default namespace; "" for none
};

struct KubeFixture;

class FakeKube {
 public:
  // Loads options.fixture_file when set (throws KubeFixtureError).
  explicit FakeKube(FakeKubeOptions options = {});
  ~FakeKube();  // stops the server
  FakeKube(const FakeKube&) = delete;
  FakeKube& operator=(const FakeKube&) = delete;

  // Generates a CA and a server certificate for 127.0.0.1/localhost, listens on 127.0.0.1
  // (options().port, or any free port) and serves on its own thread. Throws std::runtime_error
  // when it cannot listen.
  void start();
  // Stops accepting, ends delayed responses, joins the server thread. Idempotent.
  void stop();

  int port() const { return port_; }
  std::string base_url() const;  // "https://127.0.0.1:PORT"
  std::string ca_file() const;   // the CA to trust (PEM file); "" before start()
  std::string ca_pem() const;
  const FakeKubeOptions& options() const { return options_; }
  std::string server_version() const;

  // Credentials. Certificates are trusted at once, also while serving.
  void add_token(const std::string& token, const std::string& user);
  void remove_token(const std::string& token);
  CertificateAndKey issue_client_certificate(const std::string& user);

  // A kubeconfig for this server (after start()): text, or a file readable by its owner only.
  std::string kubeconfig(const KubeconfigOptions& options = {}) const;
  void write_kubeconfig(const std::string& path, const KubeconfigOptions& options = {}) const;

  // State. load_fixture* add the fixture's objects (replacing same-named ones) and adopt its
  // serverVersion; both throw KubeFixtureError. put_object takes any whole object of a served
  // kind (apiVersion and kind decide the type; uid, resourceVersion, creationTimestamp are
  // filled in) and returns it as stored; std::invalid_argument for other kinds.
  void load_fixture(const std::string& path);
  void load_fixture_text(std::string_view yaml, const std::string& source_name = "fixture");
  nlohmann::json put_object(nlohmann::json object);
  // `plural` "pods", "daemonsets", ...; `namespace_name` "" for cluster-scoped types.
  bool remove_object(std::string_view plural, std::string_view namespace_name, std::string_view name);
  std::optional<nlohmann::json> object(std::string_view plural, std::string_view namespace_name,
                                       std::string_view name) const;

  // What clients sent, oldest first.
  std::vector<KubeRecordedRequest> requests() const;
  void clear_requests();

  // Faults (faults.h): status (a Kubernetes Status with the code, Retry-After if set), reset,
  // delay and malformed_json apply; expire_tokens has no meaning here and is ignored.
  void add_fault(Fault fault);
  void clear_faults();
  std::size_t faults_fired() const;

 private:
  void adopt(const KubeFixture& fixture);
  void serve(const httplib::Request& request, httplib::Response& response);
  bool serve_fake_endpoint(const httplib::Request& request, httplib::Response& response);
  // What a fault does to the answer after the request was served.
  struct AfterServing {
    bool malformed = false;             // cut the body
    std::chrono::milliseconds hold{0};  // hold the answer this long
  };
  // True when a fault answered (or dropped) the request.
  bool apply_fault(const httplib::Request& request, httplib::Response& response, std::uint64_t sequence,
                   AfterServing& after);
  void wait(std::chrono::milliseconds duration);

  FakeKubeOptions options_;
  SystemClock system_clock_;
  const Clock& clock_;
  IdGenerator ids_;
  KubeStore store_;
  KubeAuthenticator auth_;
  RequestLog log_;
  FaultInjector faults_;
  mutable std::mutex state_mutex_;  // server_version_, identities_
  std::string server_version_;
  std::map<std::uint64_t, KubeIdentity> identities_;  // by RecordedRequest::sequence
  std::unique_ptr<TestCertificates> certificates_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  ServerThread runner_;
};

}  // namespace azureml::fakes
