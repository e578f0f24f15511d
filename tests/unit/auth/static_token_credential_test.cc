// StaticTokenCredential: the az shim's token from AZUREML_ARM_TOKEN.
#include "core/auth/static_token_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/auth/credential_support.h"

namespace azureml::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kStaticTokenScope = "https://management.azure.com/.default";

std::string jwt_with_exp(std::int64_t exp) {
  return base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + "." +
         base64url_encode(nlohmann::json{{"aud", "https://management.azure.com"}, {"exp", exp}}.dump()) + ".c2ln";
}

TEST(StaticTokenCredential, UsesTheTokenWithTheGivenExpiry) {
  FakeClock clock;
  MapEnvironment environment;
  environment.set("AZUREML_ARM_TOKEN", "shim-token-value\n");
  environment.set("AZUREML_ARM_TOKEN_EXPIRES_ON", "1800003600");
  StaticTokenCredential credential(environment, clock);
  EXPECT_EQ(credential.name(), "StaticTokenCredential");
  const auto token = credential.get_token(kStaticTokenScope);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->token, "shim-token-value");
  EXPECT_EQ(token->expires_on, from_unix_seconds(1800003600));
}

TEST(StaticTokenCredential, ExpiryFromTheJwtOrOneHour) {
  FakeClock clock;
  MapEnvironment environment;
  environment.set("AZUREML_ARM_TOKEN", jwt_with_exp(1800007200));
  StaticTokenCredential from_jwt(environment, clock);
  EXPECT_EQ(from_jwt.get_token(kStaticTokenScope)->expires_on, from_unix_seconds(1800007200));

  environment.set("AZUREML_ARM_TOKEN", "opaque-token");
  StaticTokenCredential opaque(environment, clock);
  EXPECT_EQ(opaque.get_token(kStaticTokenScope)->expires_on, clock.now() + std::chrono::hours(1));
  EXPECT_EQ(jwt_expiry("a.b"), std::nullopt);
  EXPECT_EQ(jwt_expiry("a.!!.c"), std::nullopt);
}

TEST(StaticTokenCredential, ExpiredRefusedAndMalformed) {
  FakeClock clock;
  MapEnvironment environment;
  environment.set("AZUREML_ARM_TOKEN", "shim-token-value");
  environment.set("AZUREML_ARM_TOKEN_EXPIRES_ON", "1800000600");
  StaticTokenCredential credential(environment, clock);
  ASSERT_TRUE(credential.get_token(kStaticTokenScope).ok());

  const auto refused = credential.get_token(kStaticTokenScope, /*force_refresh=*/true).error();
  EXPECT_FALSE(refused.unavailable);
  EXPECT_EQ(refused.message,
            "the token in AZUREML_ARM_TOKEN was refused and cannot be renewed here; sign in again "
            "with 'az login' if needed and run the command again");

  clock.advance(std::chrono::minutes(10));
  const auto expired = credential.get_token(kStaticTokenScope).error();
  EXPECT_FALSE(expired.unavailable);
  EXPECT_EQ(expired.message,
            "the token in AZUREML_ARM_TOKEN expired at 2027-01-15T08:10:00Z; sign in again with "
            "'az login' if needed and run the command again");

  environment.set("AZUREML_ARM_TOKEN_EXPIRES_ON", "tomorrow");
  StaticTokenCredential malformed(environment, clock);
  EXPECT_EQ(malformed.get_token(kStaticTokenScope).error().message,
            "AZUREML_ARM_TOKEN_EXPIRES_ON 'tomorrow' is not a Unix time in seconds");

  for (const auto& error : {refused, expired}) EXPECT_THAT(error.message, Not(HasSubstr("shim-token-value")));
}

TEST(StaticTokenCredential, UnsetIsUnavailable) {
  FakeClock clock;
  MapEnvironment environment;
  environment.set("AZUREML_ARM_TOKEN", "");
  StaticTokenCredential credential(environment, clock);
  const auto error = credential.get_token(kStaticTokenScope).error();
  EXPECT_TRUE(error.unavailable);
  EXPECT_EQ(error.message, "AZUREML_ARM_TOKEN is not set");
}

}  // namespace
}  // namespace azureml::auth
