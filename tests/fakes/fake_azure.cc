#include "tests/fakes/fake_azure.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <stdexcept>

#include "core/util/text.h"
#include "tests/fakes/aad_service.h"
#include "tests/fakes/arm_service.h"
#include "tests/fakes/connection_reset.h"
#include "tests/fakes/http_reply.h"
#include "tests/fakes/managed_identity_service.h"
#include "tests/fakes/test_certificates.h"

namespace azureml::fakes {
namespace {

// One per keep-alive connection a client may hold open at once: attach --fleet runs up to 64
// workers, each with its own connection (fewer threads would queue whole connections).
constexpr std::size_t kServerThreads = 72;

// httplib hands every accepted connection to its task queue: counting enqueue() counts
// connections exactly (set_socket_options only ever sees the listening socket).
class CountingTaskQueue final : public httplib::TaskQueue {
 public:
  CountingTaskQueue(std::atomic<std::size_t>& connections, std::size_t threads)
      : connections_(connections), pool_(threads) {}
  void enqueue(std::function<void()> task) override {
    ++connections_;
    pool_.enqueue(std::move(task));
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  std::atomic<std::size_t>& connections_;
  httplib::ThreadPool pool_;
};

std::pair<std::string, std::string> error_for_status(int status) {
  switch (status) {
    case 408:
      return {"RequestTimeout", "The request timed out (injected fault)."};
    case 429:
      return {"TooManyRequests",
              "The request is being throttled (injected fault). Retry after the time in the Retry-After header."};
    case 500:
      return {"InternalServerError", "Encountered internal server error (injected fault)."};
    case 502:
      return {"BadGateway", "The gateway did not receive a response (injected fault)."};
    case 503:
      return {"ServiceUnavailable", "The service is temporarily unavailable (injected fault)."};
    case 504:
      return {"GatewayTimeout",
              "The gateway did not receive a response within the specified time period (injected fault)."};
    default:
      return {"InjectedFault", "Injected fault with status " + std::to_string(status) + "."};
  }
}

// Cuts a JSON body in half (or sends a dangling object), keeping the status and content type.
void corrupt_body(httplib::Response& response) {
  std::string body = response.body.size() > 1 ? response.body.substr(0, response.body.size() / 2) : "{\"status\": \"In";
  response.set_content(body, kJsonContentType);
}

// Puts valid JSON of another shape at `pointer` in a JSON body (a test of how a client reads an
// answer that breaks its contract). A body that is not JSON, or a pointer whose parent is not
// there, is left as it was.
void reshape_body(httplib::Response& response, const std::string& pointer, const std::string& replacement) {
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) return;
  try {
    body[nlohmann::json::json_pointer(pointer)] = nlohmann::json::parse(replacement);
  } catch (const nlohmann::json::exception&) {
    return;
  }
  response.set_content(body.dump(), kJsonContentType);
}

}  // namespace

FakeAzure::FakeAzure(FakeAzureOptions options)
    : options_(std::move(options)),
      clock_(options_.clock ? *options_.clock : static_cast<const Clock&>(system_clock_)),
      tokens_(clock_, ids_),
      limiter_(options_.rate_limits),
      aad_(std::make_unique<AadService>(options_, tokens_, ids_, clock_)),
      managed_identity_(std::make_unique<ManagedIdentityService>(options_, tokens_, clock_)),
      arm_(std::make_unique<ArmService>(options_, tokens_, ids_, clock_)) {}

FakeAzure::~FakeAzure() { stop(); }

void FakeAzure::start() {
  if (server_) throw std::runtime_error("fake-azure: already started");
  if (options_.https) {
    certificates_ = std::make_unique<TestCertificates>();
    server_ = std::make_unique<httplib::SSLServer>(certificates_->certificate_file().c_str(),
                                                   certificates_->key_file().c_str());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  if (!server_->is_valid()) throw std::runtime_error("fake-azure: the server could not be set up (TLS context?)");
  route_everything(
      *server_, [this](const httplib::Request& request, httplib::Response& response) { serve(request, response); },
      [](httplib::Response& response, const std::string& what) {
        send_arm_error(response, 500, "InternalServerError", "fake-azure handler failed: " + what);
      });
  server_->set_keep_alive_max_count(1000);
  server_->new_task_queue = [this] { return new CountingTaskQueue(connections_, kServerThreads); };
  try {
    port_ = runner_.start(*server_, options_.port, "fake-azure");
  } catch (...) {
    server_.reset();
    throw;
  }
}

void FakeAzure::stop() {
  runner_.stop(server_.get());
  server_.reset();
}

std::string FakeAzure::base_url() const {
  return std::string(options_.https ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::string FakeAzure::ca_file() const { return certificates_ ? certificates_->ca_file() : std::string{}; }

std::string FakeAzure::base_url_for(const httplib::Request& request) const {
  const std::string host = request.get_header_value("Host");
  if (host.empty()) return base_url();
  return std::string(options_.https ? "https" : "http") + "://" + host;
}

void FakeAzure::wait(std::chrono::milliseconds duration) { runner_.wait(duration); }

bool FakeAzure::throttled(const httplib::Request& request, httplib::Response& response) {
  const std::string path = to_lower(request.path);
  if (!path.starts_with("/subscriptions/") && !path.starts_with("/providers/")) return false;
  const RateLimiter::Verdict verdict = limiter_.admit(request.method);
  if (verdict.remaining >= 0) response.set_header(verdict.header, std::to_string(verdict.remaining));
  if (!verdict.wait) return false;
  const auto seconds = std::max<long>(1, (verdict.wait->count() + 999) / 1000);
  response.set_header("Retry-After", std::to_string(seconds));
  send_arm_error(response, 429, "TooManyRequests",
                 "The request is being throttled: the subscription's token bucket for this kind of request is empty. "
                 "Retry after the time in the Retry-After header.");
  return true;
}

void FakeAzure::serve(const httplib::Request& request, httplib::Response& response) {
  if (request.path == "/_fake/requests") {  // for scripts driving the standalone server
    if (request.method == "DELETE") {
      log_.clear();
      response.status = 204;
    } else {
      nlohmann::json recorded = nlohmann::json::array();
      for (const RecordedRequest& entry : log_.snapshot()) recorded.push_back(to_json(entry));
      send_json(response, 200, {{"requests", std::move(recorded)}});
    }
    return;
  }
  response.set_header("x-ms-request-id", ids_.uuid());
  const std::string correlation = request.get_header_value("x-ms-correlation-request-id");
  response.set_header("x-ms-correlation-request-id", correlation.empty() ? ids_.uuid() : correlation);
  if (request.has_header("x-ms-client-request-id")) {
    response.set_header("x-ms-client-request-id", request.get_header_value("x-ms-client-request-id"));
  }
  const std::uint64_t sequence = log_.record(redacted_copy(request));
  if (throttled(request, response)) {
    log_.set_status(sequence, response.status);
    return;
  }
  bool malformed = false;
  std::chrono::milliseconds hold{0};
  std::optional<Fault> reshape;
  if (const std::optional<Fault> fault = faults_.take(request.method, request.path)) {
    switch (fault->kind) {
      case FaultKind::status: {
        if (fault->retry_after >= 0) response.set_header("Retry-After", std::to_string(fault->retry_after));
        const auto [code, message] = error_for_status(fault->status);
        send_arm_error(response, fault->status, code, message);
        log_.set_status(sequence, fault->status);
        return;
      }
      case FaultKind::reset:
        if (reset_connection(request)) {
          log_.set_status(sequence, 0);
          response.status = 500;  // written into /dev/null, never seen
          return;
        }
        break;
      case FaultKind::delay:
        wait(std::chrono::milliseconds(fault->delay_ms));
        break;
      case FaultKind::late_answer:
        hold = std::chrono::milliseconds(fault->delay_ms);
        break;
      case FaultKind::malformed_json:
        malformed = true;
        break;
      case FaultKind::expire_tokens:
        tokens_.expire_all();
        break;
      case FaultKind::reshape:
        reshape = fault;
        break;
    }
  }
  try {
    const std::string base_url = base_url_for(request);
    if (!aad_->handle(request, response, base_url) && !managed_identity_->handle(request, response)) {
      arm_->handle(request, response, base_url);
    }
  } catch (const std::exception& e) {
    send_arm_error(response, 500, "InternalServerError", std::string("fake-azure handler failed: ") + e.what());
  }
  if (malformed) corrupt_body(response);
  if (reshape) reshape_body(response, reshape->pointer, reshape->replacement);
  log_.set_status(sequence, response.status);
  wait(hold);
}

std::vector<RecordedRequest> FakeAzure::requests() const { return log_.snapshot(); }
void FakeAzure::clear_requests() { log_.clear(); }
void FakeAzure::add_fault(Fault fault) { faults_.add(std::move(fault)); }
void FakeAzure::clear_faults() { faults_.clear(); }
std::size_t FakeAzure::faults_fired() const { return faults_.fired(); }
void FakeAzure::expire_tokens() { tokens_.expire_all(); }

IssuedToken FakeAzure::issue_token(const std::string& audience) {
  return tokens_.issue({audience, options_.client_id, options_.tenant_id, "app"}, options_.token_lifetime);
}

void FakeAzure::set_operation_outcome(std::string method, const std::string& id_regex, OperationOutcome outcome) {
  arm_->with_state(
      [&](ArmContext& context) { context.operations.set_outcome(std::move(method), id_regex, std::move(outcome)); });
}

void FakeAzure::clear_operation_outcomes() {
  arm_->with_state([](ArmContext& context) { context.operations.clear_outcomes(); });
}

namespace {

void ensure_group(ArmContext& context, const std::string& subscription, const std::string& group,
                  const std::string& location, const std::string& tenant) {
  if (!context.store.contains(seeds::subscription_id(subscription))) {
    context.store.put(seeds::subscription(subscription, "Fake subscription", tenant));
  }
  if (!group.empty() && !context.store.contains(seeds::group_id(subscription, group))) {
    context.store.put(seeds::resource_group(subscription, group, location));
  }
}

}  // namespace

std::string FakeAzure::add_subscription(const std::string& subscription, const std::string& display_name) {
  return arm_->with_state([&](ArmContext& context) {
    return context.store.put(seeds::subscription(subscription, display_name, options_.tenant_id))["id"]
        .get<std::string>();
  });
}

std::string FakeAzure::add_resource_group(const std::string& subscription, const std::string& name,
                                          const std::string& location) {
  return arm_->with_state([&](ArmContext& context) {
    ensure_group(context, subscription, "", location, options_.tenant_id);
    return context.store.put(seeds::resource_group(subscription, name, location))["id"].get<std::string>();
  });
}

std::string FakeAzure::add_connected_cluster(const ClusterSeed& seed) {
  return arm_->with_state([&](ArmContext& context) {
    ensure_group(context, seed.subscription, seed.resource_group, seed.location, options_.tenant_id);
    return context.store.put(seeds::connected_cluster(seed, ids_, options_.tenant_id))["id"].get<std::string>();
  });
}

std::string FakeAzure::add_managed_cluster(const ClusterSeed& seed) {
  return arm_->with_state([&](ArmContext& context) {
    ensure_group(context, seed.subscription, seed.resource_group, seed.location, options_.tenant_id);
    return context.store.put(seeds::managed_cluster(seed, ids_, options_.tenant_id))["id"].get<std::string>();
  });
}

std::string FakeAzure::add_workspace(const WorkspaceSeed& seed) {
  return arm_->with_state([&](ArmContext& context) {
    ensure_group(context, seed.subscription, seed.resource_group, seed.location, options_.tenant_id);
    return context.store.put(seeds::workspace(seed, ids_, options_.tenant_id))["id"].get<std::string>();
  });
}

std::string FakeAzure::add_extension(const ExtensionSeed& seed) {
  return arm_->with_state([&](ArmContext& context) {
    if (!context.store.contains(seed.cluster_id)) {
      throw std::invalid_argument("add_extension: no cluster '" + seed.cluster_id + "' was seeded");
    }
    nlohmann::json resource = seeds::extension(seed, ids_, options_.tenant_id);
    if (!options_.extension_protected_names) resource["properties"].erase("configurationProtectedSettings");
    return context.store.put(std::move(resource))["id"].get<std::string>();
  });
}

std::string FakeAzure::add_lock(const std::string& scope, const std::string& name, const std::string& level,
                                const std::string& notes) {
  return arm_->with_state([&](ArmContext& context) {
    return context.store.put(seeds::lock(scope, name, level, notes))["id"].get<std::string>();
  });
}

void FakeAzure::add_usage(const std::string& subscription, const std::string& location, const UsageSeed& usage) {
  arm_->with_state([&](ArmContext& context) {
    ensure_group(context, subscription, "", location, options_.tenant_id);
    context.store.put(seeds::usage(subscription, location, "usages", usage));
  });
}

void FakeAzure::add_quota(const std::string& subscription, const std::string& location, const UsageSeed& quota) {
  arm_->with_state([&](ArmContext& context) {
    ensure_group(context, subscription, "", location, options_.tenant_id);
    context.store.put(seeds::usage(subscription, location, "quotas", quota));
  });
}

void FakeAzure::set_provider_registration(const std::string& subscription, const std::string& provider_namespace,
                                          const std::string& state) {
  arm_->with_state(
      [&](ArmContext& context) { context.store.set_registration(subscription, provider_namespace, state); });
}

void FakeAzure::put_resource(nlohmann::json resource) {
  if (!resource.is_object() || !resource.contains("id") || !resource["id"].is_string()) {
    throw std::invalid_argument("put_resource: the document needs a string \"id\"");
  }
  arm_->with_state([&](ArmContext& context) { context.store.put(std::move(resource)); });
}

std::optional<nlohmann::json> FakeAzure::resource(std::string_view id) const {
  return arm_->with_state([&](ArmContext& context) -> std::optional<nlohmann::json> {
    const nlohmann::json* found = context.store.find(id);
    return found ? std::optional<nlohmann::json>(*found) : std::nullopt;
  });
}

}  // namespace azureml::fakes
