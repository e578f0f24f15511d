#pragma once
// The access tokens the fake hands out (AAD, ADFS, managed identity) and the check ARM makes
// on a bearer token: issued here, not expired, not revoked by expire_all(). Thread-safe.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/util/clock.h"
#include "tests/fakes/ids.h"

namespace azureml::fakes {

struct TokenSubject {
  std::string audience;  // "https://management.azure.com" (scope without "/.default") or a resource
  std::string app_id;    // client id of the app or managed identity
  std::string tenant_id;
  std::string kind = "app";  // "app" or "managedIdentity" (claim idtyp)
};

struct IssuedToken {
  std::string access_token;  // an unsigned JWT
  std::chrono::system_clock::time_point expires_on;
  std::chrono::seconds lifetime{0};
};

enum class TokenStatus { valid, malformed, unknown, expired };

struct TokenCheck {
  TokenStatus status = TokenStatus::unknown;
  std::string audience;
  std::chrono::system_clock::time_point expires_on;
};

class TokenIssuer {
 public:
  TokenIssuer(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  IssuedToken issue(const TokenSubject& subject, std::chrono::seconds lifetime);
  // `accept_foreign`: a well-formed JWT this fake did not issue is judged by its "exp" claim
  // alone (for clients holding tokens from an earlier run of the fake).
  TokenCheck check(std::string_view token, bool accept_foreign) const;
  // Every token issued so far counts as expired from now on; later ones are unaffected.
  void expire_all();
  std::size_t issued_count() const;

 private:
  struct Record {
    std::uint64_t sequence = 0;
    std::string audience;
    std::chrono::system_clock::time_point expires_on;
  };
  const Clock& clock_;
  IdGenerator& ids_;
  mutable std::mutex mutex_;
  std::map<std::string, Record, std::less<>> issued_;
  std::uint64_t next_sequence_ = 1;
  std::uint64_t first_valid_sequence_ = 1;
};

}  // namespace azureml::fakes
