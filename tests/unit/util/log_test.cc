// The Redactor and StreamLog (core/util/log.h): every pattern, with exact strings. They live in
// azureml_util, but the http tests are where -v logging is exercised, so the tests are here.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/util/log.h"

namespace azureml {
namespace {

// A JWT as AAD issues them: header {"alg":"RS256","typ":"JWT"}, a payload, a signature.
constexpr const char* kJwt =
    "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2lnbmF0dXJlLXBhcnQ_-x";

std::string redact(std::string_view text) { return Redactor().redact(text); }

TEST(Redactor, LeavesOrdinaryLinesAlone) {
  const std::string line =
      "GET https://management.azure.com/subscriptions/0000/resourceGroups/rg/providers/"
      "Microsoft.Relay/namespaces/ns/authorizationRules/RootManageSharedAccessKey/listKeys?api-version=2021-11-01"
      " -> 200 (12 ms) request-id: 5f2c";
  EXPECT_EQ(redact(line), line);
  EXPECT_EQ(redact(""), "");
  EXPECT_EQ(redact("token expired at 12:00; keyName=RootManageSharedAccessKey"),
            "token expired at 12:00; keyName=RootManageSharedAccessKey");
  EXPECT_EQ(redact(R"({"error":{"code":"AuthorizationFailed","message":"no access"}})"),
            R"({"error":{"code":"AuthorizationFailed","message":"no access"}})");
  EXPECT_EQ(redact(R"({"key": "nvidia.com/gpu", "operator": "Exists"})"),
            R"({"key": "nvidia.com/gpu", "operator": "Exists"})");
  EXPECT_EQ(redact("failed to get token: connection refused"), "failed to get token: connection refused");
}

TEST(Redactor, AuthorizationHeaderValueToEndOfLine) {
  EXPECT_EQ(redact("Authorization: Bearer abc.def"), "Authorization: REDACTED");
  EXPECT_EQ(redact("authorization: Basic dXNlcjpwYXNz"), "authorization: REDACTED");
  EXPECT_EQ(redact("AUTHORIZATION:SharedAccessSignature sr=x&sig=y"), "AUTHORIZATION:REDACTED");
  EXPECT_EQ(redact("Proxy-Authorization: Basic dXNlcjpwYXNz"), "Proxy-Authorization: REDACTED");
  EXPECT_EQ(redact("x-ms-authorization-auxiliary: Bearer aux1"), "x-ms-authorization-auxiliary: REDACTED");
  EXPECT_EQ(redact("Accept: */*\r\nAuthorization: Bearer t0k3n\r\nHost: x"),
            "Accept: */*\r\nAuthorization: REDACTED\r\nHost: x");
  EXPECT_EQ(redact("Authorization:"), "Authorization:");
}

TEST(Redactor, IdentityHeaderValue) {
  EXPECT_EQ(redact("X-IDENTITY-HEADER: 2c0d6f3e-secret"), "X-IDENTITY-HEADER: REDACTED");
  EXPECT_EQ(redact("x-identity-header: abc\nnext"), "x-identity-header: REDACTED\nnext");
  EXPECT_EQ(redact("IDENTITY_HEADER=abcd1234 IDENTITY_ENDPOINT=http://localhost:42356/msi/token"),
            "IDENTITY_HEADER=REDACTED IDENTITY_ENDPOINT=http://localhost:42356/msi/token");
}

TEST(Redactor, BearerTokens) {
  EXPECT_EQ(redact("sending Bearer abc123~+/= now"), "sending Bearer REDACTED now");
  EXPECT_EQ(redact("bearer   xyz"), "bearer   REDACTED");
  EXPECT_EQ(redact(R"(["Bearer tok.en-1"])"), R"(["Bearer REDACTED"])");
  EXPECT_EQ(redact("Bearer"), "Bearer");
  EXPECT_EQ(redact("Bearer "), "Bearer ");
  // A challenge's parameters are not tokens.
  EXPECT_EQ(
      redact(
          R"(WWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/t", error="invalid_token")"),
      R"(WWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/t", error="invalid_token")");
}

TEST(Redactor, Jwts) {
  EXPECT_EQ(redact(std::string("token ") + kJwt + " expired"), "token REDACTED expired");
  EXPECT_EQ(redact(std::string("/path/") + kJwt + "/rest"), "/path/REDACTED/rest");
  EXPECT_EQ(redact("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."), "REDACTED");            // unsigned: empty signature
  EXPECT_EQ(redact("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. Next"), "REDACTED Next");  // sentence goes on
  EXPECT_EQ(redact("eyJa.eyJb.c.d.e"), "REDACTED");                                 // JWE: five segments
  EXPECT_EQ(redact("eyJhbGciOiJub25lIn0 alone"), "eyJhbGciOiJub25lIn0 alone");      // one segment: not a JWT
  EXPECT_EQ(redact("eyJa.b"), "eyJa.b");                                            // two segments: not a JWT
  EXPECT_EQ(redact("keyJa.b.c"), "keyJa.b.c");                                      // not at a word start
}

TEST(Redactor, JsonFields) {
  EXPECT_EQ(redact(R"({"token_type":"Bearer","access_token":"abc","expires_in":3599})"),
            R"({"token_type":"Bearer","access_token":"REDACTED","expires_in":3599})");
  EXPECT_EQ(redact(R"({"refresh_token": "r1", "id_token" : "i1"})"),
            R"({"refresh_token": "REDACTED", "id_token" : "REDACTED"})");
  EXPECT_EQ(redact(R"({"accessToken": "a", "expiresOn": "2030-01-01"})"),
            R"({"accessToken": "REDACTED", "expiresOn": "2030-01-01"})");
  EXPECT_EQ(redact(R"({"client_secret":"s\"q\\x","password":"p"})"),
            R"({"client_secret":"REDACTED","password":"REDACTED"})");
  EXPECT_EQ(redact(R"({"client_assertion":"a.b.c"})"), R"({"client_assertion":"REDACTED"})");
  EXPECT_EQ(redact(R"({"keyName":"RootManageSharedAccessKey","primaryKey":"pk=","secondaryKey":"sk="})"),
            R"({"keyName":"RootManageSharedAccessKey","primaryKey":"REDACTED","secondaryKey":"REDACTED"})");
  EXPECT_EQ(
      redact(R"({"primaryConnectionString":"Endpoint=sb://ns/;SharedAccessKeyName=R;SharedAccessKey=k=",)"
             R"("secondaryConnectionString":"x","relayServerConnectionString":"y","storageConnectionString":"z"})"),
      R"({"primaryConnectionString":"REDACTED",)"
      R"("secondaryConnectionString":"REDACTED","relayServerConnectionString":"REDACTED","storageConnectionString":"REDACTED"})");
  EXPECT_EQ(redact(R"({"Authorization": "Bearer x"})"), R"({"Authorization": "REDACTED"})");
  // Not strings: nothing to hide.
  EXPECT_EQ(redact(R"({"primaryKey":null,"password":""})"), R"({"primaryKey":null,"password":""})");
  // A line cut in the middle of a value.
  EXPECT_EQ(redact(R"({"access_token":"abcdef)"), R"({"access_token":"REDACTED)");
}

TEST(Redactor, EscapedJsonInsideAString) {
  EXPECT_EQ(redact(R"({"body":"{\"access_token\":\"abc\",\"expires_in\":1}"})"),
            R"({"body":"{\"access_token\":\"REDACTED\",\"expires_in\":1}"})");
}

TEST(Redactor, FormsAndQueries) {
  EXPECT_EQ(redact("grant_type=client_credentials&client_id=abc&client_secret=s3cr%2Bt&scope=https%3A%2F%2Fx"),
            "grant_type=client_credentials&client_id=abc&client_secret=REDACTED&scope=https%3A%2F%2Fx");
  EXPECT_EQ(redact("client_assertion_type=urn%3Aietf&client_assertion=eyJa.eyJb.c&x=1"),
            "client_assertion_type=urn%3Aietf&client_assertion=REDACTED&x=1");
  EXPECT_EQ(redact("refresh_token=rt&password=pw"), "refresh_token=REDACTED&password=REDACTED");
  EXPECT_EQ(redact("AZURE_CLIENT_SECRET=\"quoted value\" next"), "AZURE_CLIENT_SECRET=\"REDACTED\" next");
  EXPECT_EQ(redact("password='single'"), "password='REDACTED'");
  EXPECT_EQ(redact("password="), "password=");
}

TEST(Redactor, SasSignatures) {
  EXPECT_EQ(redact("https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2030-01-01&sr=b&sp=r&sig=AbC%2Bd%3D"),
            "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2030-01-01&sr=b&sp=r&sig=REDACTED");
  EXPECT_EQ(redact("https://h/p?sig=abc&sv=1 next"), "https://h/p?sig=REDACTED&sv=1 next");
  EXPECT_EQ(redact("SharedAccessSignature sr=https%3A%2F%2Fns&sig=xyz%3D&se=1&skn=RootManageSharedAccessKey"),
            "SharedAccessSignature sr=https%3A%2F%2Fns&sig=REDACTED&se=1&skn=RootManageSharedAccessKey");
}

TEST(Redactor, ConnectionStrings) {
  EXPECT_EQ(redact("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
                   "SharedAccessKey=AbC+dEf/gh=;EntityPath=hc"),
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
            "SharedAccessKey=REDACTED;EntityPath=hc");
  EXPECT_EQ(redact("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k==;EndpointSuffix=core.windows.net"),
            "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=REDACTED;EndpointSuffix=core.windows.net");
}

TEST(Redactor, YamlKeysAtLineStart) {
  EXPECT_EQ(redact("users:\n- name: u\n  user:\n    token: abc\n    password: p w\n"),
            "users:\n- name: u\n  user:\n    token: REDACTED\n    password: REDACTED\n");
  EXPECT_EQ(redact("- client_secret: s"), "- client_secret: REDACTED");
}

TEST(Redactor, RegisteredSecretsAnywhere) {
  Redactor redactor;
  redactor.add_secret("hunter22");
  redactor.add_secret("abc");  // too short: ignored
  redactor.add_secret("p@ss word");
  EXPECT_EQ(redactor.redact("the secret is hunter22, again hunter22!"), "the secret is REDACTED, again REDACTED!");
  EXPECT_EQ(redactor.redact("abc stays"), "abc stays");
  EXPECT_EQ(redactor.redact("form: x=p%40ss%20word&y=1"), "form: x=REDACTED&y=1");  // percent-encoded too
  EXPECT_EQ(redactor.redact("raw p@ss word here"), "raw REDACTED here");
}

TEST(Redactor, LongerSecretWinsOverAShorterOneInsideIt) {
  Redactor redactor;
  redactor.add_secret("abcd");
  redactor.add_secret("abcdefgh");
  EXPECT_EQ(redactor.redact("x abcdefgh y abcd z"), "x REDACTED y REDACTED z");
}

TEST(Redactor, IsIdempotent) {
  Redactor redactor;
  redactor.add_secret("hunter22");
  const std::string once = redactor.redact(std::string("Authorization: Bearer x\n{\"access_token\":\"") + kJwt +
                                           "\"} sig=1 hunter22 Bearer " + kJwt);
  EXPECT_EQ(once, "Authorization: REDACTED\n{\"access_token\":\"REDACTED\"} sig=REDACTED REDACTED Bearer REDACTED");
  EXPECT_EQ(redactor.redact(once), once);
}

TEST(SecretNames, ByNameCaseInsensitive) {
  for (const char* name :
       {"access_token", "refresh_token", "id_token", "accessToken", "client_secret", "clientSecret", "client_assertion",
        "password", "PASSWORD", "primaryKey", "secondaryKey", "SharedAccessKey", "primaryConnectionString",
        "relayServerConnectionString", "sig", "Authorization", "X-IDENTITY-HEADER", "$skipToken"})
    EXPECT_TRUE(is_secret_name(name)) << name;
  for (const char* name : {"key", "keyName", "token_type", "expires_in", "code", "name", "SharedAccessKeyName",
                           "api-version", "x-ms-request-id", ""})
    EXPECT_FALSE(is_secret_name(name)) << name;
}

TEST(StreamLog, WritesRedactedLinesOnlyWhenVerbose) {
  Redactor redactor;
  redactor.add_secret("s3cr3t-value");
  std::ostringstream out;
  StreamLog log(out, true, redactor);
  EXPECT_TRUE(log.verbose_enabled());
  log.verbose("Authorization: Bearer abc");
  log.verbose("got s3cr3t-value back");
  EXPECT_EQ(out.str(), "Authorization: REDACTED\ngot REDACTED back\n");

  std::ostringstream quiet_out;
  StreamLog quiet(quiet_out, false, redactor);
  EXPECT_FALSE(quiet.verbose_enabled());
  quiet.verbose("anything");
  EXPECT_EQ(quiet_out.str(), "");
}

TEST(NullLog, IsSilent) {
  NullLog log;
  EXPECT_FALSE(log.verbose_enabled());
  log.verbose("Authorization: Bearer abc");
}

}  // namespace
}  // namespace azureml
