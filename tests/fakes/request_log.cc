#include "tests/fakes/request_log.h"

#include <httplib.h>

#include <algorithm>
#include <array>

#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

constexpr std::array<std::string_view, 9> kSecretHeaders = {
    "authorization", "proxy-authorization",          "x-identity-header",         "secret",         "cookie",
    "set-cookie",    "x-ms-authorization-auxiliary", "ocp-apim-subscription-key", "x-functions-key"};

constexpr std::array<std::string_view, 8> kSecretFields = {
    "client_secret", "client_assertion", "password", "refresh_token", "assertion", "code", "code_verifier", "sig"};

bool contains(auto const& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::string RecordedRequest::header(std::string_view name) const {
  const auto found = headers.find(to_lower(name));
  return found == headers.end() ? std::string{} : found->second;
}

std::string RecordedRequest::query_value(std::string_view name) const {
  const auto found = query.find(std::string(name));
  return found == query.end() ? std::string{} : found->second;
}

nlohmann::json to_json(const RecordedRequest& request) {
  return {{"sequence", request.sequence}, {"method", request.method},   {"path", request.path},
          {"query", request.query},       {"headers", request.headers}, {"body", request.body},
          {"form", request.form},         {"status", request.status}};
}

RecordedRequest redacted_copy(const httplib::Request& request) {
  RecordedRequest recorded;
  recorded.method = request.method;
  recorded.path = request.path;
  for (auto& [name, value] : parse_target_query(request.target)) {
    recorded.query[name] = contains(kSecretFields, to_lower(name)) ? "REDACTED" : value;
  }
  for (const auto& [name, value] : request.headers) {
    const std::string lower = to_lower(name);
    if (lower == "remote_addr" || lower == "remote_port" || lower == "local_addr" || lower == "local_port") {
      continue;  // httplib adds these pseudo-headers; clients did not send them
    }
    recorded.headers.emplace(lower, contains(kSecretHeaders, lower) ? "REDACTED" : value);
  }
  const std::string content_type = to_lower(request.get_header_value("Content-Type"));
  if (content_type.starts_with("application/x-www-form-urlencoded")) {
    for (auto& [name, value] : parse_form(request.body)) {
      if (!contains(kSecretFields, to_lower(name))) recorded.form.emplace(name, value);
    }
    recorded.body = encode_form(recorded.form);
  } else {
    recorded.body = request.body;
  }
  return recorded;
}

std::uint64_t RequestLog::record(RecordedRequest request) {
  std::lock_guard lock(mutex_);
  request.sequence = next_sequence_++;
  requests_.push_back(std::move(request));
  return requests_.back().sequence;
}

void RequestLog::set_status(std::uint64_t sequence, int status) {
  std::lock_guard lock(mutex_);
  for (auto it = requests_.rbegin(); it != requests_.rend(); ++it) {
    if (it->sequence == sequence) {
      it->status = status;
      return;
    }
  }
}

std::vector<RecordedRequest> RequestLog::snapshot() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  requests_.clear();
}

}  // namespace azureml::fakes
