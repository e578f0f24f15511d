#include "tests/fakes/fake_kube.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <stdexcept>

#include "tests/fakes/connection_reset.h"
#include "tests/fakes/kube_fixture.h"
#include "tests/fakes/kube_kubeconfig.h"
#include "tests/fakes/kube_resources.h"
#include "tests/fakes/kube_routes.h"
#include "tests/fakes/kube_status.h"

namespace azureml::fakes {

nlohmann::json to_json(const KubeRecordedRequest& request) {
  nlohmann::json entry = to_json(request.http);
  entry.erase("form");  // the API server takes no forms
  entry["auth"] = to_string(request.auth);
  entry["user"] = request.user;
  return entry;
}

FakeKube::FakeKube(FakeKubeOptions options)
    : options_(std::move(options)),
      clock_(options_.clock ? *options_.clock : static_cast<const Clock&>(system_clock_)),
      store_(clock_, ids_),
      server_version_(options_.server_version) {
  for (const auto& [token, user] : options_.tokens) auth_.add_token(token, user);
  if (!options_.fixture_file.empty()) {
    load_fixture(options_.fixture_file);
  } else {
    load_fixture_text("{}", "(built-in namespaces)");
  }
}

FakeKube::~FakeKube() { stop(); }

void FakeKube::start() {
  if (server_) throw std::runtime_error("fake-kube: already started");
  certificates_ = std::make_unique<TestCertificates>();
  server_ = std::make_unique<httplib::SSLServer>(
      [this](SSL_CTX& context) { return auth_.configure_tls(context, *certificates_); });
  if (!server_->is_valid()) {
    server_.reset();
    throw std::runtime_error("fake-kube: the TLS context could not be set up");
  }
  route_everything(
      *server_, [this](const httplib::Request& request, httplib::Response& response) { serve(request, response); },
      [](httplib::Response& response, const std::string& what) {
        send_kube_status(response, kube_status(500, "InternalError", "fake-kube handler failed: " + what));
      });
  server_->set_keep_alive_max_count(1000);
  try {
    port_ = runner_.start(*server_, options_.port, "fake-kube");
  } catch (...) {
    server_.reset();
    throw;
  }
}

void FakeKube::stop() {
  runner_.stop(server_.get());
  server_.reset();
}

std::string FakeKube::base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
std::string FakeKube::ca_file() const { return certificates_ ? certificates_->ca_file() : std::string{}; }
std::string FakeKube::ca_pem() const { return certificates_ ? certificates_->ca_pem() : std::string{}; }

std::string FakeKube::server_version() const {
  std::lock_guard lock(state_mutex_);
  return server_version_;
}

void FakeKube::add_token(const std::string& token, const std::string& user) { auth_.add_token(token, user); }
void FakeKube::remove_token(const std::string& token) { auth_.remove_token(token); }
CertificateAndKey FakeKube::issue_client_certificate(const std::string& user) {
  return auth_.issue_client_certificate(user);
}

namespace {

KubeconfigSpec spec_for(const FakeKube& kube, const KubeconfigOptions& options) {
  if (kube.ca_pem().empty()) throw std::logic_error("fake-kube: a kubeconfig needs a started server");
  KubeconfigSpec spec;
  spec.server = kube.base_url();
  spec.ca_pem = kube.ca_pem();
  spec.token = options.token;
  spec.client_certificate_pem = options.certificate.certificate_pem;
  spec.client_key_pem = options.certificate.private_key_pem;
  if (spec.token.empty() && spec.client_certificate_pem.empty() && !kube.options().tokens.empty()) {
    spec.token = kube.options().tokens.begin()->first;
  }
  spec.context = options.context;
  spec.namespace_name = options.namespace_name;
  return spec;
}

}  // namespace

std::string FakeKube::kubeconfig(const KubeconfigOptions& options) const {
  return kube_kubeconfig_text(spec_for(*this, options));
}

void FakeKube::write_kubeconfig(const std::string& path, const KubeconfigOptions& options) const {
  write_kube_kubeconfig(path, spec_for(*this, options));
}

void FakeKube::load_fixture(const std::string& path) {
  adopt(read_kube_fixture_file(path, clock_.now(), server_version()));
}

void FakeKube::load_fixture_text(std::string_view yaml, const std::string& source_name) {
  adopt(read_kube_fixture(yaml, source_name, clock_.now(), server_version()));
}

void FakeKube::adopt(const KubeFixture& fixture) {
  for (const auto& [resource, object] : fixture.objects) store_.put(*resource, object);
  if (!fixture.server_version.empty()) {
    std::lock_guard lock(state_mutex_);
    server_version_ = fixture.server_version;
  }
}

nlohmann::json FakeKube::put_object(nlohmann::json object) {
  const KubeResource* resource =
      object.is_object() ? find_kube_kind(object.value("apiVersion", ""), object.value("kind", "")) : nullptr;
  if (resource == nullptr) {
    throw std::invalid_argument(
        "put_object: apiVersion and kind must name a served type (v1 Namespace, Node, Pod, "
        "ConfigMap or apps/v1 DaemonSet)");
  }
  return store_.put(*resource, std::move(object));
}

namespace {

const KubeResource& resource_named(std::string_view plural) {
  for (const KubeResource& resource : kube_resources()) {
    if (resource.plural == plural) return resource;
  }
  throw std::invalid_argument("fake-kube: no type '" + std::string(plural) + "' is served");
}

}  // namespace

bool FakeKube::remove_object(std::string_view plural, std::string_view namespace_name, std::string_view name) {
  return store_.remove(resource_named(plural), namespace_name, name);
}

std::optional<nlohmann::json> FakeKube::object(std::string_view plural, std::string_view namespace_name,
                                               std::string_view name) const {
  return store_.get(resource_named(plural), namespace_name, name);
}

std::vector<KubeRecordedRequest> FakeKube::requests() const {
  std::vector<KubeRecordedRequest> requests;
  std::lock_guard lock(state_mutex_);
  for (RecordedRequest& http : log_.snapshot()) {
    KubeRecordedRequest entry;
    entry.http = std::move(http);
    if (const auto found = identities_.find(entry.http.sequence); found != identities_.end()) {
      entry.auth = found->second.method;
      entry.user = found->second.user;
    }
    requests.push_back(std::move(entry));
  }
  return requests;
}

void FakeKube::clear_requests() {
  std::lock_guard lock(state_mutex_);
  log_.clear();
  identities_.clear();
}

void FakeKube::add_fault(Fault fault) { faults_.add(std::move(fault)); }
void FakeKube::clear_faults() { faults_.clear(); }
std::size_t FakeKube::faults_fired() const { return faults_.fired(); }

void FakeKube::wait(std::chrono::milliseconds duration) { runner_.wait(duration); }

bool FakeKube::serve_fake_endpoint(const httplib::Request& request, httplib::Response& response) {
  if (request.path != "/_fake/requests") return false;
  if (request.method == "DELETE") {
    clear_requests();
    response.status = 204;
    return true;
  }
  nlohmann::json recorded = nlohmann::json::array();
  for (const KubeRecordedRequest& entry : requests()) recorded.push_back(to_json(entry));
  send_kube_json(response, 200, {{"requests", std::move(recorded)}});
  return true;
}

bool FakeKube::apply_fault(const httplib::Request& request, httplib::Response& response, std::uint64_t sequence,
                           AfterServing& after) {
  const std::optional<Fault> fault = faults_.take(request.method, request.path);
  if (!fault) return false;
  switch (fault->kind) {
    case FaultKind::status:
      if (fault->retry_after >= 0) response.set_header("Retry-After", std::to_string(fault->retry_after));
      send_kube_status(response, kube_status(fault->status, kube_reason_for(fault->status),
                                             "injected fault: status " + std::to_string(fault->status)));
      log_.set_status(sequence, fault->status);
      return true;
    case FaultKind::reset:
      if (reset_connection(request)) {
        log_.set_status(sequence, 0);
        response.status = 500;  // written into /dev/null, never seen
        return true;
      }
      return false;
    case FaultKind::delay:
      wait(std::chrono::milliseconds(fault->delay_ms));
      return false;
    case FaultKind::late_answer:
      after.hold = std::chrono::milliseconds(fault->delay_ms);
      return false;
    case FaultKind::malformed_json:
      after.malformed = true;
      return false;
    case FaultKind::expire_tokens:
    case FaultKind::reshape:
      return false;
  }
  return false;
}

void FakeKube::serve(const httplib::Request& request, httplib::Response& response) {
  if (serve_fake_endpoint(request, response)) return;
  // What the API server sends with every answer; Audit-Id lets a test match kubectl's -v=8
  // log lines to recorded requests.
  response.set_header("Audit-Id", ids_.uuid());
  response.set_header("Cache-Control", "no-cache, private");
  const KubeIdentity identity = auth_.identify(request);
  std::uint64_t sequence = 0;
  {
    // Under the lock so that requests() never sees the request without its identity.
    std::lock_guard lock(state_mutex_);
    sequence = log_.record(redacted_copy(request));
    identities_[sequence] = identity;
  }
  AfterServing after;
  if (apply_fault(request, response, sequence, after)) return;
  if (!identity.authenticated() && !is_public_kube_path(request.path)) {
    send_kube_status(response, kube_status(401, "Unauthorized", "Unauthorized"));
  } else {
    const KubeRouteContext context{store_, server_version(), options_.aggregated_discovery, clock_.now()};
    serve_kube_request(request, response, context);
  }
  if (after.malformed && response.body.size() > 1) {
    response.set_content(response.body.substr(0, response.body.size() / 2), kKubeJsonContentType);
  }
  log_.set_status(sequence, response.status);
  wait(after.hold);
}

}  // namespace azureml::fakes
