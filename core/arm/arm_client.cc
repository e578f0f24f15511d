#include "core/arm/arm_client.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>

#include "core/util/text.h"
#include "core/util/url.h"

namespace azureml::arm {
namespace {

using namespace std::chrono;
using nlohmann::json;

bool is_absolute(std::string_view target) {
  return starts_with_ci(target, "https://") || starts_with_ci(target, "http://");
}

struct Origin {
  std::string scheme;  // lower case
  std::string host;    // lower case
  std::string port;    // explicit or the scheme's default
  std::string rest;    // path and query, from the first '/' or '?'
  bool has_userinfo = false;
};

Origin split_origin(std::string_view url) {
  const auto parts = split_url(url).value_or(UrlParts{});
  return {parts.scheme, parts.url_host(), parts.port_or_default(), parts.rest, !parts.userinfo.empty()};
}

bool has_query_parameter(std::string_view url, std::string_view name) {
  const auto question = url.find('?');
  if (question == std::string_view::npos) return false;
  std::string_view query = url.substr(question + 1);
  while (!query.empty()) {
    const auto amp = std::min(query.find('&'), query.size());
    const auto pair = query.substr(0, amp);
    const auto key = pair.substr(0, pair.find('='));
    if (to_lower(key) == to_lower(name)) return true;
    query.remove_prefix(std::min(amp + 1, query.size()));
  }
  return false;
}

std::string without_query(std::string_view path) { return std::string(path.substr(0, path.find_first_of("?#"))); }

bool is_success(int status) { return status >= 200 && status < 300; }

ArmError make_error(ArmError::Kind kind, std::string method, std::string path, std::string message) {
  ArmError error;
  error.kind = kind;
  error.method = std::move(method);
  error.path = std::move(path);
  error.message = std::move(message);
  return error;
}

ArmError auth_error(const auth::AuthError& failure, std::string method, std::string path) {
  std::string message = failure.message;
  if (!failure.credential.empty() && message.find(failure.credential) == std::string::npos)
    message = failure.credential + ": " + message;
  return make_error(ArmError::Kind::auth, std::move(method), std::move(path), std::move(message));
}

std::string attempts_text(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

}  // namespace

std::string_view method_name(Method method) {
  switch (method) {
    case Method::get:
      return "GET";
    case Method::put:
      return "PUT";
    case Method::patch:
      return "PATCH";
    case Method::post:
      return "POST";
    case Method::del:
      return "DELETE";
  }
  return "GET";
}

std::string ArmEvent::describe() const {
  const std::string request = method + " " + printable(path);
  switch (kind) {
    case Kind::retrying:
      return "retrying " + request + " in " + format_duration(delay) + " after " + printable(reason) +
             (max_attempts > 0 ? " (attempt " + std::to_string(attempt) + " of " + std::to_string(max_attempts) + ")"
                               : std::string(" (ARM's Retry-After)"));
    case Kind::token_refreshed:
      return request + " answered 401; sending it again with a fresh token";
    case Kind::throttle_wait:
      return "holding " + request + " for " + format_duration(delay) + ": ARM throttled this run";
    case Kind::polling: {
      std::string out =
          "waiting for " + request + ": " + printable(reason) + " (check " + std::to_string(attempt) + ")";
      if (delay.count() > 0) out += "; next check in " + format_duration(delay);
      return out;
    }
  }
  return request;
}

std::string new_client_request_id() {
  std::random_device device;
  std::uniform_int_distribution<unsigned> byte(0, 255);
  unsigned char bytes[16];
  for (auto& b : bytes) b = static_cast<unsigned char>(byte(device));
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0xF];
  }
  return out;
}

ArmClient::ArmClient(http::Transport& transport, auth::TokenCredential& credential, Clock& clock,
                     ArmClientOptions options)
    : transport_(transport), credential_(credential), clock_(clock), options_(std::move(options)) {
  endpoint_ = options_.endpoint.empty() ? std::string(kDefaultEndpoint) : options_.endpoint;
  while (!endpoint_.empty() && endpoint_.back() == '/') endpoint_.pop_back();
  scope_ = options_.scope.empty() ? endpoint_ + "/.default" : options_.scope;
  client_request_id_ = options_.client_request_id.empty() ? new_client_request_id() : options_.client_request_id;
  random_ = options_.random ? options_.random : default_random_source();
}

ArmCounters ArmClient::counters() const {
  return {requests_.load(), retries_.load(), throttled_.load(), token_refreshes_.load(), polls_.load()};
}

void ArmClient::emit(const ArmEvent& event) const {
  if (options_.on_event) options_.on_event(event);
}

Result<std::string, ArmError> ArmClient::url(std::string_view path_or_id, std::string_view api_version,
                                             const Query& query) const {
  std::string url;
  if (is_absolute(path_or_id)) {
    const auto target = split_origin(path_or_id);
    const auto endpoint = split_origin(endpoint_);
    if (target.has_userinfo || target.scheme != endpoint.scheme || target.host != endpoint.host ||
        target.port != endpoint.port)
      return fail(make_error(ArmError::Kind::invalid_request, "", without_query(target.rest),
                             "refusing to send the ARM token to " + printable(target.scheme) + "://" +
                                 printable(target.host) + ":" + printable(target.port) +
                                 ", which is not the ARM endpoint " + endpoint_));
    url = std::string(path_or_id);
  } else {
    std::string_view path = path_or_id;
    std::string_view existing_query;
    if (const auto question = path.find('?'); question != std::string_view::npos) {
      existing_query = path.substr(question);
      path = path.substr(0, question);
    }
    url = endpoint_;
    if (path.empty() || path.front() != '/') url += '/';
    url += percent_encode(path, true);
    url += existing_query;
  }
  const auto append = [&](std::string_view name, std::string_view value) {
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += percent_encode(name, false) + "=" + percent_encode(value, false);
  };
  if (!api_version.empty() && !has_query_parameter(url, "api-version")) append("api-version", api_version);
  for (const auto& [name, value] : query) append(name, value);
  return url;
}

Result<ArmResponse, ArmError> ArmClient::get(std::string_view path_or_id, std::string_view api_version,
                                             const RequestOptions& options) {
  return send(Method::get, path_or_id, api_version, nullptr, options);
}

Result<ArmResponse, ArmError> ArmClient::put(std::string_view path_or_id, std::string_view api_version,
                                             const json& body, const RequestOptions& options) {
  return send(Method::put, path_or_id, api_version, &body, options);
}

Result<ArmResponse, ArmError> ArmClient::patch(std::string_view path_or_id, std::string_view api_version,
                                               const json& body, const RequestOptions& options) {
  return send(Method::patch, path_or_id, api_version, &body, options);
}

Result<ArmResponse, ArmError> ArmClient::post(std::string_view path_or_id, std::string_view api_version,
                                              const std::optional<json>& body, const RequestOptions& options) {
  return send(Method::post, path_or_id, api_version, body ? &*body : nullptr, options);
}

Result<ArmResponse, ArmError> ArmClient::del(std::string_view path_or_id, std::string_view api_version,
                                             const RequestOptions& options) {
  return send(Method::del, path_or_id, api_version, nullptr, options);
}

Result<ArmResponse, ArmError> ArmClient::send(Method method, std::string_view path_or_id, std::string_view api_version,
                                              const json* body, const RequestOptions& options) {
  const std::string name(method_name(method));
  const std::string path =
      is_absolute(path_or_id) ? without_query(split_origin(path_or_id).rest) : without_query(path_or_id);
  auto target = url(path_or_id, api_version, options.query);
  if (!target) {
    ArmError error = target.error();
    error.method = name;
    return fail(std::move(error));
  }

  http::Request request;
  request.method = name;
  request.url = std::move(target).value();
  if (body) request.body = body->dump();

  auto token = token_for(name, path, false);
  // Ctrl-C during the token request is an interrupt, not a credential problem.
  if (!token && interrupted()) return fail(make_error(ArmError::Kind::interrupted, name, path, "interrupted"));
  if (!token) return fail(auth_error(token.error(), name, path));

  // A POST that is not idempotent is retried only when ARM cannot have acted on it.
  const bool retry_any = method != Method::post || options.idempotent;
  request.idempotent = retry_any;
  const auto& policy = options_.retry;
  const auto started = clock_.monotonic();
  bool refreshed = false;
  int throttled_sends = 0;  // 429s with a Retry-After: not counted as attempts
  for (int attempt = 1;;) {
    if (options_.throttle) {
      const auto hold = options_.throttle->remaining(clock_.monotonic());
      if (hold.count() > 0) {
        ArmEvent event;
        event.kind = ArmEvent::Kind::throttle_wait;
        event.method = name;
        event.path = path;
        event.delay = hold;
        emit(event);
        clock_.sleep_for(hold);
      }
    }
    if (interrupted()) return fail(make_error(ArmError::Kind::interrupted, name, path, "interrupted"));
    request.headers = {{"Authorization", "Bearer " + token->token},
                       {"Accept", "application/json"},
                       {"x-ms-client-request-id", client_request_id_},
                       {"User-Agent", options_.user_agent}};
    if (body) request.headers.push_back({"Content-Type", "application/json"});
    for (const auto& header : options.headers) request.headers.push_back(header);

    ++requests_;
    auto result = transport_.send(request);

    ArmError error;
    bool retryable = false;
    std::optional<milliseconds> requested_delay;
    std::string reason;
    int status = 0;
    if (!result) {
      const auto& failure = result.error();
      if (failure.kind == http::TransportError::Kind::interrupted) {
        ArmError stopped = make_error(ArmError::Kind::interrupted, name, path, "interrupted");
        stopped.in_flight = true;
        stopped.attempts = attempt + throttled_sends;
        return fail(std::move(stopped));
      }
      error = make_error(ArmError::Kind::transport, name, path, failure.message);
      error.transport_kind = failure.kind;
      retryable = is_retryable_transport_error(failure.kind) &&
                  (retry_any || failure.kind == http::TransportError::Kind::connect);
      reason = failure.message;
    } else {
      auto& response = result.value();
      status = response.status;
      if (is_success(status)) {
        ArmResponse out;
        out.status = status;
        out.headers = std::move(response.headers);
        out.body = std::move(response.body);
        out.method = name;
        out.path = path;
        if (!out.body.empty()) {
          out.json = json::parse(out.body, nullptr, false);
          if (out.json.is_discarded()) {
            out.json = nullptr;
            out.malformed = true;
          }
        }
        // A GET whose body broke on the way (cut off, garbled) is simply read again; after the
        // last attempt the caller gets it flagged, and decides whether it needed the body.
        if (!(out.malformed && method == Method::get && attempt < policy.max_attempts)) return out;
        error = make_error(ArmError::Kind::http, name, path, "the body is not JSON");
        error.status = status;
        retryable = true;
        reason = "HTTP " + std::to_string(status) + " with a body that is not JSON";
      } else {
        if (status == 401 && !refreshed) {
          refreshed = true;
          token = token_for(name, path, true);
          if (!token && interrupted()) return fail(make_error(ArmError::Kind::interrupted, name, path, "interrupted"));
          if (!token) {
            // ARM's answer says what was wrong with the token; the credential, why no other came.
            ArmError refused = arm_error_from_response(response, name, path);
            refused.attempts = attempt;
            refused.message += (refused.message.empty() ? "" : "; ") + ("no fresh token: " + token.error().message);
            return fail(std::move(refused));
          }
          ++token_refreshes_;
          ArmEvent event;
          event.kind = ArmEvent::Kind::token_refreshed;
          event.method = name;
          event.path = path;
          event.status = 401;
          emit(event);
          continue;  // not an attempt: the first one never had a valid token
        }
        if (status == 429) ++throttled_;
        error = arm_error_from_response(response, name, path);
        retryable = is_retryable_status(status) && (retry_any || status == 429);
        requested_delay = retry_after(response.headers, clock_.now());
        reason = "HTTP " + std::to_string(status) + (error.code.empty() ? "" : " " + error.code);
      }
    }
    error.attempts = attempt + throttled_sends;
    if (!retryable) return fail(std::move(error));
    // ARM did not process a 429 and said when to come back: that is its protocol, not a failed
    // attempt, so only the time budget bounds it (a fleet may be throttled many times in a row).
    const bool told_when = status == 429 && requested_delay.has_value();
    if (!told_when && attempt >= policy.max_attempts) {
      error.gave_up = "gave up after " + attempts_text(attempt + throttled_sends);
      return fail(std::move(error));
    }
    const auto wait = requested_delay ? *requested_delay : backoff_delay(policy, attempt, random_());
    const auto elapsed = duration_cast<milliseconds>(clock_.monotonic() - started);
    if (elapsed + wait > policy.max_total) {
      error.gave_up = "gave up after " + attempts_text(attempt + throttled_sends) + ": waiting " +
                      format_duration(wait) + " more would pass the " + format_duration(policy.max_total) +
                      " retry limit";
      return fail(std::move(error));
    }
    ArmEvent event;
    event.kind = ArmEvent::Kind::retrying;
    event.method = name;
    event.path = path;
    event.status = status;
    event.reason = reason;
    event.delay = wait;
    event.attempt = told_when ? 0 : attempt + 1;
    event.max_attempts = told_when ? 0 : policy.max_attempts;
    emit(event);
    if (status == 429 && options_.throttle) options_.throttle->hold_until(clock_.monotonic() + wait);
    ++retries_;
    clock_.sleep_for(wait);
    if (told_when)
      ++throttled_sends;
    else
      ++attempt;
  }
}

Result<auth::AccessToken, auth::AuthError> ArmClient::token_for(const std::string& method, const std::string& path,
                                                                bool force_refresh) {
  const auto& policy = options_.retry;
  for (int attempt = 1;; ++attempt) {
    auto token = credential_.get_token(scope_, force_refresh);
    if (token || !token.error().transient || attempt >= policy.max_attempts || interrupted()) return token;
    ArmEvent event;
    event.kind = ArmEvent::Kind::retrying;
    event.method = method;
    event.path = path;
    event.reason = "no token (the token endpoint was busy or unreachable)";
    event.delay = backoff_delay(policy, attempt, random_());
    event.attempt = attempt + 1;
    event.max_attempts = policy.max_attempts;
    emit(event);
    ++retries_;
    clock_.sleep_for(event.delay);
  }
}

}  // namespace azureml::arm
