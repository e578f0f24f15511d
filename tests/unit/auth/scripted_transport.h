#pragma once
// Test doubles for the auth unit tests: a Transport that records every request and answers
// from a script, a ProcessRunner likewise, and decoders for form bodies and URL queries so
// tests assert on decoded fields rather than on encodings.
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/process_runner.h"
#include "core/http/transport.h"

namespace azureml::auth::test {

class ScriptedTransport final : public http::Transport {
 public:
  ScriptedTransport& reply(int status, std::string body, http::Headers headers = {}) {
    answers_.push_back(Answer{http::Response{status, std::move(headers), std::move(body)}, {}});
    return *this;
  }
  ScriptedTransport& fail_with(http::TransportError::Kind kind, std::string message) {
    answers_.push_back(Answer{{}, http::TransportError{kind, std::move(message)}});
    return *this;
  }
  Result<http::Response, http::TransportError> send(const http::Request& request) override {
    requests.push_back(request);
    if (answers_.empty())
      return azureml::fail(http::TransportError{http::TransportError::Kind::other, "no scripted answer left"});
    Answer answer = std::move(answers_.front());
    answers_.pop_front();
    if (answer.error) return azureml::fail(std::move(*answer.error));
    return std::move(answer.response);
  }
  std::size_t pending() const { return answers_.size(); }

  std::vector<http::Request> requests;

 private:
  struct Answer {
    http::Response response;
    std::optional<http::TransportError> error;
  };
  std::deque<Answer> answers_;
};

class ScriptedRunner final : public ProcessRunner {
 public:
  ScriptedRunner& exits(int code, std::string out, std::string err = "") {
    answers_.push_back(Answer{ProcessOutput{code, std::move(out), std::move(err)}, {}});
    return *this;
  }
  ScriptedRunner& fails_with(ProcessError::Kind kind, std::string message) {
    answers_.push_back(Answer{{}, ProcessError{kind, std::move(message)}});
    return *this;
  }
  Result<ProcessOutput, ProcessError> run(const std::vector<std::string>& argv,
                                          std::chrono::milliseconds timeout) override {
    calls.push_back(argv);
    timeouts.push_back(timeout);
    if (answers_.empty()) return azureml::fail(ProcessError{ProcessError::Kind::failed, "no scripted answer left"});
    Answer answer = std::move(answers_.front());
    answers_.pop_front();
    if (answer.error) return azureml::fail(std::move(*answer.error));
    return std::move(answer.output);
  }

  std::vector<std::vector<std::string>> calls;
  std::vector<std::chrono::milliseconds> timeouts;

 private:
  struct Answer {
    ProcessOutput output;
    std::optional<ProcessError> error;
  };
  std::deque<Answer> answers_;
};

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Strict: '+' stays '+' (our encoder writes %20), a bad escape throws.
inline std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || hex_value(text[i + 1]) < 0 || hex_value(text[i + 2]) < 0)
      throw std::runtime_error("bad percent escape in " + std::string(text));
    out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
    i += 2;
  }
  return out;
}

// "a=1&b=2" -> {a:1, b:2}; a repeated name throws.
inline std::map<std::string, std::string> decode_pairs(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const auto pair = text.substr(0, amp);
    const auto eq = pair.find('=');
    const auto name = percent_decode(pair.substr(0, eq));
    const auto value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
    if (!out.emplace(name, value).second) throw std::runtime_error("repeated field " + name);
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return out;
}

struct SplitUrl {
  std::string base;  // before '?'
  std::map<std::string, std::string> query;
};

inline SplitUrl split_url(const std::string& url) {
  const auto question = url.find('?');
  if (question == std::string::npos) return {url, {}};
  return {url.substr(0, question), decode_pairs(std::string_view(url).substr(question + 1))};
}

}  // namespace azureml::auth::test
