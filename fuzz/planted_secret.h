#pragma once
// How a target checks that a secret never reaches a message, without false alarms.
//
// "The message does not contain the input's token" fails whenever the token the fuzzer chose is
// text the message holds anyway: a piece of its wording, or another field it quotes.
// libFuzzer's comparison tracing finds such text within seconds (CI once failed on the token
// "ered with kind '' instead of 'ExecCredent"). So the target plants tokens of its own instead:
// two markers the input does not contain, and builds the message once with each. A marker that
// appears in the message built with it, but not in the one built with the other, can only have
// come from the token: that is a leak. Text the message holds whatever the token is, is the
// same in both and never counts.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace azureml::fuzz {

// Two markers that do not occur in `input`: "planted-secret-a-<n>" and "planted-secret-b-<n>"
// for the first n where neither does. Both have the same length, so a message that depends on
// the token's length alone is the same for both.
inline std::pair<std::string, std::string> planted_markers(std::string_view input) {
  for (unsigned n = 0;; ++n) {
    std::string a = "planted-secret-a-" + std::to_string(n);
    std::string b = "planted-secret-b-" + std::to_string(n);
    if (input.find(a) == std::string_view::npos && input.find(b) == std::string_view::npos) return {a, b};
  }
}

// `message_for(token)` builds the message for the input with `token` planted as its secret
// (std::nullopt when that input yields no message). Returns the message that quotes its
// planted token, or std::nullopt when neither does.
template <typename MessageFor>
std::optional<std::string> message_quoting_planted_secret(std::string_view input, MessageFor message_for) {
  const auto [a, b] = planted_markers(input);
  const std::optional<std::string> with_a = message_for(a);
  const std::optional<std::string> with_b = message_for(b);
  const auto holds = [](const std::optional<std::string>& message, const std::string& marker) {
    return message && message->find(marker) != std::string::npos;
  };
  if (holds(with_a, a) && !holds(with_b, a)) return with_a;
  if (holds(with_b, b) && !holds(with_a, b)) return with_b;
  return std::nullopt;
}

}  // namespace azureml::fuzz
