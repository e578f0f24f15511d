#pragma once
// The ARM and Kubernetes targets read their input as a script of HTTP answers, written so that
// seeds stay readable and the fuzzer can splice answers between them:
//
//   201                                  status line (anything unreadable: 200)
//   Azure-AsyncOperation: https://...    headers until the first empty line
//
//   {"status": "InProgress"}             the body, up to the separator
//   ===                                  the next answer
//   200
//
//   {"status": "Succeeded"}
//
// A ScriptTransport hands the answers out in order, then fails every later request with a
// connection error, so whatever the script says, the client under test must come to an end.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http/transport.h"

namespace azureml::fuzz {

inline constexpr std::string_view kAnswerSeparator = "\n===\n";
inline constexpr std::size_t kMaxAnswers = 64;

inline http::Response read_answer(std::string_view text) {
  http::Response response;
  response.status = 200;
  const std::size_t line_end = std::min(text.find('\n'), text.size());
  const std::string_view status = text.substr(0, line_end);
  if (!status.empty() && status.size() <= 3 && status.find_first_not_of("0123456789") == std::string_view::npos)
    response.status = std::stoi(std::string(status));
  std::size_t at = line_end < text.size() ? line_end + 1 : text.size();
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    at = end < text.size() ? end + 1 : text.size();
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    if (value.starts_with(' ')) value.remove_prefix(1);
    response.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  response.body = std::string(text.substr(at));
  return response;
}

inline std::vector<http::Response> read_script(std::string_view input) {
  std::vector<http::Response> answers;
  for (std::size_t start = 0; start <= input.size() && answers.size() < kMaxAnswers;) {
    const std::size_t end = std::min(input.find(kAnswerSeparator, start), input.size());
    answers.push_back(read_answer(input.substr(start, end - start)));
    start = end + kAnswerSeparator.size();
  }
  return answers;
}

class ScriptTransport final : public http::Transport {
 public:
  explicit ScriptTransport(std::vector<http::Response> answers) : answers_(std::move(answers)) {}

  Result<http::Response, http::TransportError> send(const http::Request& request) override {
    requests_.push_back(request.method + " " + request.url);
    if (next_ < answers_.size()) return answers_[next_++];
    return fail(http::TransportError{http::TransportError::Kind::connect, "the script has no more answers"});
  }

  std::size_t sent() const { return requests_.size(); }
  const std::vector<std::string>& requests() const { return requests_; }

 private:
  std::vector<http::Response> answers_;
  std::size_t next_ = 0;
  std::vector<std::string> requests_;
};

}  // namespace azureml::fuzz
