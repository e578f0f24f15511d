#pragma once
// Helpers the credential tests against the fake Azure share: transports that trust the fake,
// a check that ARM accepts a token, JWT claims, federated assertions, a fake `az` on a temporary
// PATH, and scoped changes to the real process environment (for the one transport that reads it).
#include <gmock/gmock.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/http/curl_transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"
#include "tests/fakes/fake_azure.h"
#include "tests/fakes/jwt.h"
#include "tests/unit/temp_dir.h"

namespace azureml::auth::fake_azure {

inline constexpr const char* kArmScope = "https://management.azure.com/.default";
inline constexpr const char* kUserAgent = "kubectl-azureml/0.1.0 (fake-azure auth test)";
// Where IMDS hands out managed identity tokens.
inline constexpr const char* kImdsPath = "/metadata/identity/oauth2/token";

// The fakes' wall clock: FakeClock's starting instant, forever (read-only, so shared safely by
// the fakes' threads). Tokens the fakes issue then look fresh to a client on a new FakeClock.
inline const FakeClock& fake_wall() {
  static const FakeClock clock;
  return clock;
}

// The product's transport, trusting the fake's CA when it serves HTTPS; no proxy.
inline std::unique_ptr<http::Transport> transport_for(const fakes::FakeAzure& azure) {
  http::CurlOptions options;
  options.user_agent = kUserAgent;
  if (!azure.ca_file().empty()) options.ca_bundle = azure.ca_file();
  options.connect_timeout = std::chrono::seconds(5);
  options.total_timeout = std::chrono::seconds(30);
  static const MapEnvironment no_proxy;
  return http::make_curl_transport(options, no_proxy);
}

// The status ARM answers a subscription list with, with `token` as the bearer: 200 when the fake
// issued it for ARM and it is still valid.
inline int arm_status(http::Transport& transport, const fakes::FakeAzure& azure, const std::string& token) {
  const auto result = transport.send(
      {"GET", azure.base_url() + "/subscriptions?api-version=2022-12-01", {{"Authorization", "Bearer " + token}}, ""});
  return result.ok() ? result->status : -1;
}

// A claim of an (unverified) JWT, "" when absent.
inline std::string claim(const std::string& token, const std::string& name) {
  const auto jwt = fakes::parse_jwt(token);
  if (!jwt || !jwt->payload.contains(name) || !jwt->payload[name].is_string()) return {};
  return jwt->payload[name].get<std::string>();
}

// A projected service account token as the kubelet writes it: a JWT valid for an hour of the
// fakes' time (fake_wall()).
inline std::string federated_assertion(const std::string& subject) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(fake_wall().now().time_since_epoch()).count();
  return fakes::make_unsigned_jwt({{"iss", "https://oidc.fake.test/"},
                                   {"sub", subject},
                                   {"aud", "api://AzureADTokenExchange"},
                                   {"iat", now},
                                   {"exp", now + 3600}});
}

// A fake `az` in its own directory (PATH for PosixProcessRunner): it records that it ran and
// with which arguments (one per line), then runs `body`.
struct FakeAz {
  azureml::test::TempDir dir;
  std::string path() const { return dir.path().string(); }
  std::string marker() const { return (dir.path() / "az-ran").string(); }
  std::string argv_file() const { return (dir.path() / "az-argv").string(); }
  bool ran() const { return std::filesystem::exists(marker()); }

  void install(const std::string& body) const {
    dir.write_script("az", "touch '" + marker() + "'\nprintf '%s\\n' \"$@\" > '" + argv_file() + "'\n" + body);
  }
  // Prints what `az account get-access-token --output json` prints for `token`.
  void prints_token(const std::string& token, long long expires_on) const {
    const nlohmann::json answer = {{"accessToken", token},
                                   {"expiresOn", "2027-01-15 08:00:00.000000"},
                                   {"expires_on", expires_on},
                                   {"subscription", "00000000-0000-0000-0000-000000000001"},
                                   {"tenant", "00000000-0000-0000-0000-0000000000aa"},
                                   {"tokenType", "Bearer"}};
    install("cat <<'JSON'\n" + answer.dump() + "\nJSON\n");
  }
  std::vector<std::string> argv() const {
    std::vector<std::string> out;
    std::ifstream in(argv_file());
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
};

// Sets (or, with nullopt, unsets) real process environment variables and restores them.
class ScopedProcessEnvironment {
 public:
  ScopedProcessEnvironment(std::initializer_list<std::pair<std::string, std::optional<std::string>>> changes) {
    for (const auto& [name, value] : changes) {
      const char* old = std::getenv(name.c_str());
      saved_.emplace(name, old ? std::optional<std::string>(old) : std::nullopt);
      apply(name, value);
    }
  }
  ~ScopedProcessEnvironment() {
    for (const auto& [name, value] : saved_) apply(name, value);
  }
  ScopedProcessEnvironment(const ScopedProcessEnvironment&) = delete;
  ScopedProcessEnvironment& operator=(const ScopedProcessEnvironment&) = delete;

 private:
  static void apply(const std::string& name, const std::optional<std::string>& value) {
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

// Matches a text that contains none of the given secrets.
MATCHER_P(ContainsNoneOf, secrets, "contains none of the secrets") {
  for (const std::string& secret : secrets) {
    if (!secret.empty() && std::string(arg).find(secret) != std::string::npos) {
      *result_listener << "contains the secret '" << secret << "'";
      return false;
    }
  }
  return true;
}

// The requests recorded at `path`.
inline std::vector<fakes::RecordedRequest> requests_to(const fakes::FakeAzure& azure, const std::string& path) {
  std::vector<fakes::RecordedRequest> out;
  for (auto& request : azure.requests())
    if (request.path == path) out.push_back(request);
  return out;
}

inline std::string token_path(const fakes::FakeAzure& azure) {
  return "/" + azure.options().tenant_id + "/oauth2/v2.0/token";
}

}  // namespace azureml::auth::fake_azure
