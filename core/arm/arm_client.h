#pragma once
// The one way this product talks to Azure Resource Manager: authenticated requests with the
// retry policy (retry.h), token refresh after a 401, one client request id for the whole run,
// counters, and progress events. Long-running operations are long_running.h's.
//
// Every request carries
//   Authorization: Bearer <token for options.scope>   Accept: application/json
//   Content-Type: application/json (with a body)       User-Agent: options.user_agent
//   x-ms-client-request-id: the run's GUID (the same on every request, as az does)
// A 401 gets the token again with force_refresh and the request once more; a second 401 is the
// answer, and so is the first when no fresh token can be had (ARM's error, with the
// credential's reason added to its message). 408/429/5xx and connection failures are retried
// (retry.h) for GET, PUT, PATCH and DELETE; a POST only when the caller marks it idempotent
// (listKeys), except after a 429 or a refused connection, where ARM never saw it; a POST that
// is not idempotent also goes out on a fresh connection, so that no layer below resends it.
// A GET answered 2xx with a body that is not JSON is read again like a retryable failure; after
// the last attempt the response comes back flagged `malformed`.
// Absolute URLs (status URLs, nextLink) are accepted only on the endpoint's scheme, host and
// port: the token is never sent anywhere else.
// Not thread-safe: one client per thread; a Throttle may be shared between them.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_error.h"
#include "core/arm/retry.h"
#include "core/auth/credential.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/interrupt.h"
#include "core/util/result.h"

namespace azureml::arm {

inline constexpr std::string_view kDefaultEndpoint = "https://management.azure.com";

enum class Method { get, put, patch, post, del };
std::string_view method_name(Method method);  // "GET", ... "DELETE"

// Something the user may want to see on stderr while they wait.
struct ArmEvent {
  enum class Kind {
    retrying,         // a request failed retryably; waiting `delay` before attempt `attempt`
    token_refreshed,  // a 401: got a fresh token, sending again
    throttle_wait,    // holding a request because a client of this run was throttled
    polling,          // a long-running operation's status was read: `reason`; next check in `delay`
  };
  Kind kind = Kind::retrying;
  std::string method;  // the request, or for polling the operation's method
  std::string path;    // its path (no query)
  int status = 0;      // retrying: the status that caused it; 0 for a transport failure
  std::string reason;  // retrying: "429 Too Many Requests", "connection reset: ..."; polling: the status
  std::chrono::milliseconds delay{0};
  int attempt = 0;       // retrying: the attempt about to be made; polling: how many checks so far
  int max_attempts = 0;  // retrying
  // "retrying GET /p in 2 s after 429 Too Many Requests (attempt 2 of 5)",
  // "waiting for PUT /p: InProgress (check 3); next check in 15 s", ...
  std::string describe() const;
};
using ArmEventHandler = std::function<void(const ArmEvent&)>;

struct ArmClientOptions {
  std::string endpoint{kDefaultEndpoint};  // --arm-endpoint / AZUREML_ARM_ENDPOINT
  std::string scope;                       // "" = endpoint + "/.default"
  std::string user_agent = "kubectl-azureml";
  std::string client_request_id;  // "" = a new GUID; pass one to share it between clients
  RetryPolicy retry;
  RandomSource random;                                                    // null = default_random_source()
  std::chrono::milliseconds poll_interval{std::chrono::seconds(15)};      // LRO default, no Retry-After
  std::chrono::milliseconds operation_timeout{std::chrono::minutes(30)};  // LRO default deadline
  Throttle* throttle = nullptr;                                           // shared back-off; not owned
  ArmEventHandler on_event;
  // Once raised, nothing more is sent: every request fails with Kind::interrupted. Not owned.
  const Interrupt* interrupt = nullptr;
};

using Query = std::vector<std::pair<std::string, std::string>>;

struct RequestOptions {
  Query query;              // added after api-version, percent-encoded: {{"forceDelete", "false"}}
  bool idempotent = false;  // POST only: safe to send twice, so retried like the others
  http::Headers headers;    // extra request headers
};

struct ArmResponse {
  int status = 0;
  http::Headers headers;
  std::string body;
  nlohmann::json json;     // the body parsed; null when empty or not JSON
  bool malformed = false;  // a body that is not JSON
  std::string method;      // the request this answers
  std::string path;        // its path, without the query
  std::optional<std::string> header(std::string_view name) const { return http::find_header(headers, name); }
};

// An answer whose JSON differs from the contract, as the error that ends the operation (exit 1).
inline ArmError unexpected_shape(const ShapeError& shape, const ArmResponse& response) {
  return unexpected_shape(shape, response.method, response.path, response.headers);
}

struct ArmCounters {
  std::uint64_t requests = 0;         // exchanges attempted (retries, refreshes and polls included)
  std::uint64_t retries = 0;          // of those, sent again after a retryable failure
  std::uint64_t throttled = 0;        // 429 answers
  std::uint64_t token_refreshes = 0;  // 401s answered by a forced token refresh
  std::uint64_t polls = 0;            // long-running operation status checks
};

// A v4 GUID from std::random_device, lower case: "0f8fad5b-d9cb-469f-a165-70867728950e".
std::string new_client_request_id();

class ArmClient {
 public:
  ArmClient(http::Transport& transport, auth::TokenCredential& credential, Clock& clock, ArmClientOptions options = {});

  // `path_or_id`: "/subscriptions/...", a ResourceId's str(), or an absolute URL on the endpoint
  // (its own query kept; api-version added only when it has none and `api_version` is not "").
  Result<ArmResponse, ArmError> get(std::string_view path_or_id, std::string_view api_version,
                                    const RequestOptions& options = {});
  Result<ArmResponse, ArmError> put(std::string_view path_or_id, std::string_view api_version,
                                    const nlohmann::json& body, const RequestOptions& options = {});
  Result<ArmResponse, ArmError> patch(std::string_view path_or_id, std::string_view api_version,
                                      const nlohmann::json& body, const RequestOptions& options = {});
  Result<ArmResponse, ArmError> post(std::string_view path_or_id, std::string_view api_version,
                                     const std::optional<nlohmann::json>& body = std::nullopt,
                                     const RequestOptions& options = {});
  Result<ArmResponse, ArmError> del(std::string_view path_or_id, std::string_view api_version,
                                    const RequestOptions& options = {});
  Result<ArmResponse, ArmError> send(Method method, std::string_view path_or_id, std::string_view api_version,
                                     const nlohmann::json* body, const RequestOptions& options);

  // The URL a request would go to (for --dry-run), or why it would not be sent.
  Result<std::string, ArmError> url(std::string_view path_or_id, std::string_view api_version,
                                    const Query& query = {}) const;

  const ArmClientOptions& options() const { return options_; }
  bool interrupted() const { return options_.interrupt && options_.interrupt->raised(); }
  const std::string& client_request_id() const { return client_request_id_; }
  const std::string& scope() const { return scope_; }
  ArmCounters counters() const;
  void count_poll() { ++polls_; }  // by long_running.cc
  void emit(const ArmEvent& event) const;
  // The credential's token; a transient failure (the token endpoint busy or unreachable for a
  // moment) is tried again with the retry policy's backoff, like a request.
  Result<auth::AccessToken, auth::AuthError> token_for(const std::string& method, const std::string& path,
                                                       bool force_refresh);
  Clock& clock() { return clock_; }

 private:
  http::Transport& transport_;
  auth::TokenCredential& credential_;
  Clock& clock_;
  ArmClientOptions options_;
  std::string endpoint_;  // without a trailing '/'
  std::string scope_;
  std::string client_request_id_;
  RandomSource random_;
  std::atomic<std::uint64_t> requests_{0}, retries_{0}, throttled_{0}, token_refreshes_{0}, polls_{0};
};

}  // namespace azureml::arm
