// ChainedCredential with stub credentials: order, stopping, remembering, caching, messages.
#include "core/auth/chained_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "core/auth/credential_support.h"

namespace azureml::auth {
namespace {

using namespace std::chrono_literals;

constexpr const char* kChainScope = "https://management.azure.com/.default";

// Answers from a script (repeating the last answer), counting calls.
class StubCredential final : public TokenCredential {
 public:
  explicit StubCredential(std::string name) : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh) override {
    ++calls;
    scopes.push_back(scope);
    forced.push_back(force_refresh);
    const auto answer = script.size() > 1 ? script.front() : script.back();
    if (script.size() > 1) script.pop_front();
    if (answer.token) return *answer.token;
    return fail(AuthError{name_, answer.message, answer.unavailable});
  }
  StubCredential& token(std::string value, std::chrono::system_clock::time_point expires_on) {
    script.push_back({AccessToken{std::move(value), expires_on}, "", false});
    return *this;
  }
  StubCredential& unavailable(std::string message) {
    script.push_back({std::nullopt, std::move(message), true});
    return *this;
  }
  StubCredential& fails(std::string message) {
    script.push_back({std::nullopt, std::move(message), false});
    return *this;
  }

  int calls = 0;
  std::vector<std::string> scopes;
  std::vector<bool> forced;

 private:
  struct Answer {
    std::optional<AccessToken> token;
    std::string message;
    bool unavailable;
  };
  std::string name_;
  std::deque<Answer> script;
};

struct ChainTest : ::testing::Test {
  FakeClock clock;
  StubCredential* a = nullptr;
  StubCredential* b = nullptr;
  StubCredential* c = nullptr;
  std::unique_ptr<ChainedCredential> chain;

  void make_chain() {
    std::vector<std::unique_ptr<TokenCredential>> credentials;
    auto first = std::make_unique<StubCredential>("ACredential");
    auto second = std::make_unique<StubCredential>("BCredential");
    auto third = std::make_unique<StubCredential>("CCredential");
    a = first.get();
    b = second.get();
    c = third.get();
    credentials.push_back(std::move(first));
    credentials.push_back(std::move(second));
    credentials.push_back(std::move(third));
    chain = std::make_unique<ChainedCredential>("DefaultAzureCredential", std::move(credentials), clock,
                                                "To sign in: run 'az login'.");
  }
  std::chrono::system_clock::time_point in(std::chrono::seconds seconds) const { return clock.now() + seconds; }
};

TEST_F(ChainTest, TriesInOrderUntilOneSucceeds) {
  make_chain();
  a->unavailable("not configured");
  b->token("b-token", in(1h));
  c->token("c-token", in(1h));
  const auto token = chain->get_token(kChainScope);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->token, "b-token");
  EXPECT_EQ(a->calls, 1);
  EXPECT_EQ(b->calls, 1);
  EXPECT_EQ(c->calls, 0);
  EXPECT_EQ(chain->selected(), b);
  EXPECT_EQ(chain->name(), "DefaultAzureCredential");
  EXPECT_EQ(chain->credential_names(), (std::vector<std::string>{"ACredential", "BCredential", "CCredential"}));
}

TEST_F(ChainTest, CachesPerScopeUntilFiveMinutesBeforeExpiry) {
  make_chain();
  a->unavailable("no");
  b->token("t1", in(1h)).token("t2", in(2h)).token("t3", in(3h));
  EXPECT_EQ(chain->get_token(kChainScope)->token, "t1");
  EXPECT_EQ(chain->get_token(kChainScope)->token, "t1");  // no second request
  EXPECT_EQ(b->calls, 1);
  clock.advance(54min + 59s);  // 5 min 1 s left
  EXPECT_EQ(chain->get_token(kChainScope)->token, "t1");
  EXPECT_EQ(b->calls, 1);
  clock.advance(1s);  // exactly 5 min left: refresh
  EXPECT_EQ(chain->get_token(kChainScope)->token, "t2");
  EXPECT_EQ(b->calls, 2);
  // Another scope has its own entry.
  EXPECT_EQ(chain->get_token("api://other/.default")->token, "t3");
  EXPECT_EQ(b->scopes.back(), "api://other/.default");
  EXPECT_EQ(chain->get_token(kChainScope)->token, "t2");
  EXPECT_EQ(b->calls, 3);
}

TEST_F(ChainTest, RemembersTheFirstCredentialThatSucceeded) {
  make_chain();
  a->unavailable("no").token("a-token", in(1h));  // would work the second time: must not be asked
  b->token("b1", in(10min)).token("b2", in(1h));
  EXPECT_EQ(chain->get_token(kChainScope)->token, "b1");
  clock.advance(6min);
  EXPECT_EQ(chain->get_token(kChainScope)->token, "b2");
  EXPECT_EQ(a->calls, 1);
  EXPECT_EQ(b->calls, 2);
}

TEST_F(ChainTest, ForceRefreshBypassesTheCacheAndIsPassedOn) {
  make_chain();
  a->token("a1", in(1h)).token("a2", in(1h));
  EXPECT_EQ(chain->get_token(kChainScope)->token, "a1");
  EXPECT_EQ(chain->get_token(kChainScope, true)->token, "a2");
  EXPECT_EQ(a->forced, (std::vector<bool>{false, true}));
  EXPECT_EQ(chain->get_token(kChainScope)->token, "a2");  // the refreshed token is cached
  EXPECT_EQ(a->calls, 2);
}

TEST_F(ChainTest, AllUnavailableListsEveryCredentialAndAdvice) {
  make_chain();
  a->unavailable("AZURE_TENANT_ID is not set");
  b->unavailable("two\nlines");
  c->unavailable("az not found on PATH");
  const auto token = chain->get_token(kChainScope);
  ASSERT_FALSE(token.ok());
  EXPECT_TRUE(token.error().unavailable);
  EXPECT_EQ(token.error().credential, "DefaultAzureCredential");
  EXPECT_EQ(token.error().message,
            "DefaultAzureCredential could not get a token for https://management.azure.com/.default. Tried:\n"
            "- ACredential: AZURE_TENANT_ID is not set\n"
            "- BCredential: two lines\n"
            "- CCredential: az not found on PATH\n"
            "To sign in: run 'az login'.");
  // Nothing is remembered: the next call tries them all again.
  EXPECT_FALSE(chain->get_token(kChainScope).ok());
  EXPECT_EQ(a->calls, 2);
  EXPECT_EQ(c->calls, 2);
}

TEST_F(ChainTest, AConfiguredCredentialThatFailsStopsTheChain) {
  make_chain();
  a->unavailable("not configured");
  b->fails("the token endpoint answered HTTP 401 (invalid_client): AADSTS7000215: Invalid client secret provided.");
  c->token("c-token", in(1h));
  const auto token = chain->get_token(kChainScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_EQ(token.error().message,
            "DefaultAzureCredential could not get a token for https://management.azure.com/.default. Tried:\n"
            "- ACredential: not configured\n"
            "- BCredential: the token endpoint answered HTTP 401 (invalid_client): AADSTS7000215: Invalid client "
            "secret provided.\n"
            "BCredential is configured but failed: fix the problem above (the credentials after it were not tried).");
  EXPECT_EQ(c->calls, 0);
}

TEST_F(ChainTest, TheRememberedCredentialFailingLaterIsReportedAlone) {
  make_chain();
  a->token("a1", in(10min)).fails("the Azure CLI is not signed in: run 'az login'");
  b->token("b", in(1h));
  ASSERT_TRUE(chain->get_token(kChainScope).ok());
  clock.advance(6min);
  const auto token = chain->get_token(kChainScope);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().message,
            "DefaultAzureCredential could not get a token for https://management.azure.com/.default. Tried:\n"
            "- ACredential: the Azure CLI is not signed in: run 'az login'\n"
            "ACredential is configured but failed: fix the problem above.");
  EXPECT_EQ(b->calls, 0);
}

TEST_F(ChainTest, EmptyChain) {
  ChainedCredential empty("DefaultAzureCredential", {}, clock, "advice");
  EXPECT_EQ(empty.get_token(kChainScope).error().message,
            "DefaultAzureCredential could not get a token for https://management.azure.com/.default. Tried:\n"
            "- (no credentials)\nadvice");
}

}  // namespace
}  // namespace azureml::auth
