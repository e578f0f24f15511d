#include "core/auth/static_token_credential.h"

#include <nlohmann/json.hpp>

#include "core/auth/credential_support.h"

namespace azureml::auth {

namespace {
constexpr const char* kName = "StaticTokenCredential";
}  // namespace

std::optional<std::chrono::system_clock::time_point> jwt_expiry(std::string_view token) {
  const auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  const auto claims = nlohmann::json::parse(*payload, nullptr, false);
  if (!claims.is_object() || !claims.contains("exp")) return std::nullopt;
  const auto seconds = json_seconds(claims["exp"]);
  if (!seconds) return std::nullopt;
  return from_unix_seconds(*seconds);
}

StaticTokenCredential::StaticTokenCredential(const Environment& environment, const Clock& clock) : clock_(clock) {
  const auto token = environment.non_empty(kArmTokenVariable);
  if (!token) {
    error_ = unavailable(kName, std::string(kArmTokenVariable) + " is not set");
    return;
  }
  const auto value = trim(*token);
  if (const auto expires_on = environment.non_empty(kArmTokenExpiresOnVariable)) {
    const auto seconds = parse_seconds(trim(*expires_on));
    if (!seconds) {
      error_ = failed(kName, std::string(kArmTokenExpiresOnVariable) + " '" + first_line(*expires_on) +
                                 "' is not a Unix time in seconds");
      return;
    }
    token_ = AccessToken{value, from_unix_seconds(*seconds)};
    return;
  }
  token_ = AccessToken{value, jwt_expiry(value).value_or(clock.now() + std::chrono::hours(1))};
}

Result<AccessToken, AuthError> StaticTokenCredential::get_token(const std::string& /*scope*/, bool force_refresh) {
  if (!token_) return fail(*error_);
  const auto rerun = "sign in again with 'az login' if needed and run the command again";
  if (force_refresh)
    return fail(failed(
        kName, "the token in " + std::string(kArmTokenVariable) + " was refused and cannot be renewed here; " + rerun));
  if (token_->expires_on <= clock_.now())
    return fail(failed(kName, "the token in " + std::string(kArmTokenVariable) + " expired at " +
                                  format_utc(token_->expires_on) + "; " + rerun));
  return *token_;
}

}  // namespace azureml::auth
