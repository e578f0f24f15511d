#include "tests/fakes/token_issuer.h"

#include <nlohmann/json.hpp>

#include "tests/fakes/jwt.h"

namespace azureml::fakes {

IssuedToken TokenIssuer::issue(const TokenSubject& subject, std::chrono::seconds lifetime) {
  const auto now = clock_.now();
  const auto expires_on = std::chrono::time_point_cast<std::chrono::seconds>(now + lifetime);
  const auto epoch = [](std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  };
  std::lock_guard lock(mutex_);
  const std::uint64_t sequence = next_sequence_++;
  const nlohmann::json claims = {
      {"aud", subject.audience},
      {"iss", "https://sts.windows.net/" + subject.tenant_id + "/"},
      {"iat", epoch(now)},
      {"nbf", epoch(now)},
      {"exp", epoch(expires_on)},
      {"appid", subject.app_id},
      {"oid", ids_.uuid()},
      {"sub", subject.app_id},
      {"tid", subject.tenant_id},
      {"idtyp", subject.kind},
      {"uti", "fake-" + std::to_string(sequence) + "-" + ids_.hex(6)},
  };
  IssuedToken token{make_unsigned_jwt(claims), expires_on, lifetime};
  issued_[token.access_token] = Record{sequence, subject.audience, expires_on};
  return token;
}

TokenCheck TokenIssuer::check(std::string_view token, bool accept_foreign) const {
  const auto now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    if (const auto found = issued_.find(token); found != issued_.end()) {
      const Record& record = found->second;
      const bool expired = record.sequence < first_valid_sequence_ || record.expires_on <= now;
      return {expired ? TokenStatus::expired : TokenStatus::valid, record.audience, record.expires_on};
    }
  }
  const auto jwt = parse_jwt(token);
  if (!jwt) return {TokenStatus::malformed, {}, {}};
  if (!accept_foreign) return {TokenStatus::unknown, {}, {}};
  const auto exp = jwt->payload.find("exp");
  if (exp == jwt->payload.end() || !exp->is_number()) return {TokenStatus::malformed, {}, {}};
  const std::chrono::system_clock::time_point expires_on{std::chrono::seconds(exp->get<long long>())};
  std::string audience;
  if (const auto aud = jwt->payload.find("aud"); aud != jwt->payload.end() && aud->is_string()) audience = *aud;
  return {expires_on <= now ? TokenStatus::expired : TokenStatus::valid, audience, expires_on};
}

void TokenIssuer::expire_all() {
  std::lock_guard lock(mutex_);
  first_valid_sequence_ = next_sequence_;
}

std::size_t TokenIssuer::issued_count() const {
  std::lock_guard lock(mutex_);
  return issued_.size();
}

}  // namespace azureml::fakes
