#pragma once
// Fakes for the ARM unit tests: a Transport that answers from a script and records what it was
// sent, and a TokenCredential that hands out numbered tokens. Time is a FakeClock.
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "core/auth/credential.h"
#include "core/http/transport.h"
#include "core/util/clock.h"

namespace azureml::arm::testing {

using Answer = Result<http::Response, http::TransportError>;

inline http::Response response(int status, http::Headers headers = {}, std::string body = "") {
  http::Response r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

inline Answer transport_error(http::TransportError::Kind kind, std::string message = "connection failed") {
  return fail(http::TransportError{kind, std::move(message)});
}

// Answers in order from a queue; each exchange may take `latency` on the fake clock.
class ScriptedTransport final : public http::Transport {
 public:
  explicit ScriptedTransport(FakeClock* clock = nullptr, std::chrono::milliseconds latency = {})
      : clock_(clock), latency_(latency) {}

  ScriptedTransport& answer(Answer a) {
    script_.push_back(std::move(a));
    return *this;
  }
  ScriptedTransport& answer(int status, http::Headers headers = {}, std::string body = "") {
    return answer(Answer(response(status, std::move(headers), std::move(body))));
  }

  Result<http::Response, http::TransportError> send(const http::Request& request) override {
    sent_.push_back(request);
    if (clock_) clock_->advance(latency_);
    if (script_.empty()) {
      ADD_FAILURE() << "unexpected request: " << request.method << " " << request.url;
      return fail(http::TransportError{http::TransportError::Kind::other, "no scripted answer"});
    }
    auto next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  const std::vector<http::Request>& sent() const { return sent_; }
  std::size_t remaining() const { return script_.size(); }
  // "GET https://..." per request, for compact assertions.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const auto& r : sent_) out.push_back(r.method + " " + r.url);
    return out;
  }

 private:
  FakeClock* clock_;
  std::chrono::milliseconds latency_;
  std::deque<Answer> script_;
  std::vector<http::Request> sent_;
};

// Tokens "token-1", "token-2", ...: a new one on each forced refresh. Records every call.
class FakeCredential final : public auth::TokenCredential {
 public:
  struct Call {
    std::string scope;
    bool force_refresh;
  };

  std::string name() const override { return "FakeCredential"; }
  Result<auth::AccessToken, auth::AuthError> get_token(const std::string& scope, bool force_refresh) override {
    calls.push_back({scope, force_refresh});
    if (fail_from_call > 0 && static_cast<int>(calls.size()) >= fail_from_call)
      return fail(auth::AuthError{"FakeCredential", "no token: the fake was told to fail", false});
    if (force_refresh || generation == 0) ++generation;
    return auth::AccessToken{"token-" + std::to_string(generation),
                             std::chrono::system_clock::time_point(std::chrono::hours(1'000'000))};
  }

  std::vector<Call> calls;
  int generation = 0;
  int fail_from_call = 0;  // > 0: that call and every later one fails
};

}  // namespace azureml::arm::testing
