// URLs split once, and the one rule for this machine (core/util/url.h).
#include "core/util/url.h"

#include <gtest/gtest.h>

namespace azureml {
namespace {

TEST(SplitUrl, SchemeUserinfoHostPortAndRest) {
  const auto url = split_url("HTTPS://user:pw@Management.Azure.COM:8443/subscriptions?x=1#f");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->userinfo, "user:pw");
  EXPECT_EQ(url->host, "management.azure.com");
  EXPECT_EQ(url->port, "8443");
  EXPECT_EQ(url->rest, "/subscriptions?x=1#f");
  EXPECT_FALSE(url->bracketed);
}

TEST(SplitUrl, DefaultsAndAnIpv6Host) {
  const auto plain = split_url("http://127.0.0.1");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->port, "");
  EXPECT_EQ(plain->port_or_default(), "80");
  EXPECT_EQ(plain->rest, "");
  EXPECT_EQ(split_url("https://x?y")->port_or_default(), "443");
  EXPECT_EQ(split_url("https://x?y")->rest, "?y");
  const auto v6 = split_url("http://[::1]:5/a");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->url_host(), "[::1]");
  EXPECT_EQ(v6->port, "5");
  EXPECT_EQ(v6->rest, "/a");
}

TEST(SplitUrl, TheHostIsWhatComesAfterTheLastAt) {
  EXPECT_EQ(split_url("http://127.0.0.1@evil.example.com/x")->host, "evil.example.com");
  EXPECT_EQ(split_url("http://a@b@c:1")->host, "c");
}

TEST(SplitUrl, NoSchemeIsNoUrl) {
  EXPECT_FALSE(split_url("management.azure.com"));
  EXPECT_FALSE(split_url("://x"));
  EXPECT_FALSE(split_url("ht tp://x"));
  EXPECT_EQ(split_url("https://")->host, "");
}

TEST(LoopbackHost, LocalhostAnyOf127Slash8AndIpv6One) {
  for (const char* host : {"localhost", "LocalHost", "127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "[::1]"})
    EXPECT_TRUE(is_loopback_host(host)) << host;
}

TEST(LoopbackHost, NamesThatOnlyLookLocalAreNot) {
  for (const char* host : {"", "127.evil.example.com", "127.0.0.1.evil.example.com", "127.0.0", "127.0.0.256",
                           "128.0.0.1", "0127.0.0.1", "localhost.example.com", "::2", "10.0.0.1", "127.0.0.1:80"})
    EXPECT_FALSE(is_loopback_host(host)) << host;
}

}  // namespace
}  // namespace azureml
