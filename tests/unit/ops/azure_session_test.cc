// The ARM endpoint a session uses, and the secrets it registers for redaction.
#include "core/ops/azure_session.h"

#include <gtest/gtest.h>

namespace azureml::ops {
namespace {

Result<std::string> resolve(std::optional<std::string> flag, std::map<std::string, std::string> variables = {}) {
  MapEnvironment environment;
  for (const auto& [name, value] : variables) environment.set(name, value);
  return resolve_arm_endpoint(flag, environment);
}

TEST(ResolveArmEndpoint, DefaultsToPublicArm) {
  EXPECT_EQ(resolve(std::nullopt).value(), "https://management.azure.com");
  EXPECT_EQ(resolve(std::nullopt, {{"AZUREML_ARM_ENDPOINT", ""}}).value(), "https://management.azure.com");
}

TEST(ResolveArmEndpoint, FlagWinsOverTheVariableAndTrailingSlashesGo) {
  EXPECT_EQ(resolve("https://management.usgovcloudapi.net/", {{"AZUREML_ARM_ENDPOINT", "https://x"}}).value(),
            "https://management.usgovcloudapi.net");
  EXPECT_EQ(resolve(std::nullopt, {{"AZUREML_ARM_ENDPOINT", "https://management.chinacloudapi.cn//"}}).value(),
            "https://management.chinacloudapi.cn");
}

TEST(ResolveArmEndpoint, PlainHttpOnlyToThisMachine) {
  EXPECT_EQ(resolve("http://127.0.0.1:8080").value(), "http://127.0.0.1:8080");
  EXPECT_EQ(resolve("http://localhost:1/").value(), "http://localhost:1");
  EXPECT_EQ(resolve("http://[::1]:5").value(), "http://[::1]:5");
  const auto remote = resolve("http://management.example.com");
  ASSERT_FALSE(remote.ok());
  EXPECT_EQ(remote.error(),
            "--arm-endpoint 'http://management.example.com' is plain http to a host that is not this machine: "
            "tokens would travel unencrypted; give the ARM endpoint of your cloud, e.g. "
            "https://management.azure.com");
  // A userinfo part cannot make a remote host look local.
  EXPECT_FALSE(resolve("http://127.0.0.1@evil.example.com").ok());
  // The one loopback rule (core/util/url.h), as AZURE_AUTHORITY_HOST has it too.
  EXPECT_EQ(resolve("http://127.0.0.2:8080").value(), "http://127.0.0.2:8080");
  EXPECT_EQ(resolve("HTTP://LOCALHOST:1").value(), "HTTP://LOCALHOST:1");
  EXPECT_FALSE(resolve("http://127.evil.example.com").ok());
}

TEST(ResolveArmEndpoint, NamesTheVariableWhenItIsTheCulprit) {
  const auto got = resolve(std::nullopt, {{"AZUREML_ARM_ENDPOINT", "management.azure.com"}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().rfind("AZUREML_ARM_ENDPOINT 'management.azure.com' is not an https:// URL", 0), 0u);
}

TEST(ResolveArmEndpoint, RejectsNoHostAQueryAndControlCharacters) {
  EXPECT_FALSE(resolve("https://").ok());
  EXPECT_FALSE(resolve("https://management.azure.com?x=1").ok());
  const auto got = resolve("ftp://a\nb");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().find('\n'), std::string::npos);
}

TEST(AddEnvironmentSecrets, RedactsTheValuesOfSecretVariables) {
  MapEnvironment environment;
  environment.set("AZURE_CLIENT_SECRET", "s3cr3t-value");
  environment.set("AZUREML_ARM_TOKEN", "opaque-token-value");
  environment.set("AZURE_CLIENT_ID", "visible-client-id");
  Redactor redactor;
  add_environment_secrets(redactor, environment);
  EXPECT_EQ(redactor.redact("a s3cr3t-value b opaque-token-value c visible-client-id"),
            "a REDACTED b REDACTED c visible-client-id");
}

}  // namespace
}  // namespace azureml::ops
