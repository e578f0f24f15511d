// Base64 (core/util/base64.h): as kubeconfig *-data fields hold it, and base64url as tokens use it.
#include "core/util/base64.h"

#include <gtest/gtest.h>

namespace azureml {
namespace {

TEST(Base64, RoundTripsEveryLength) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    const auto encoded = base64_encode(bytes);
    EXPECT_EQ(encoded.size() % 4, 0u);
    auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded.ok()) << encoded << ": " << decoded.error().message;
    EXPECT_EQ(decoded.value(), bytes);
    bytes += static_cast<char>((i * 37) & 0xFF);
  }
}

TEST(Base64, KnownValues) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("\xFB\xFF"), "+/8=");
  EXPECT_EQ(base64_decode("LS0tLS1CRUdJTg==").value(), "-----BEGIN");
}

TEST(Base64, SkipsLineBreaksAsGoDoes) { EXPECT_EQ(base64_decode("Zm9v\nYmFy\r\n").value(), "foobar"); }

TEST(Base64, ErrorsSayWhatAndWhere) {
  auto bad = base64_decode("Zm9v!mFy");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().offset, 4u);
  EXPECT_EQ(bad.error().message, "'!' is not a base64 character");

  EXPECT_EQ(base64_decode("Zm9v YmFy").error().message, "' ' is not a base64 character");
  EXPECT_EQ(base64_decode("Zm9").error().message,
            "the text ends in the middle of a 4-character group (its length is not a multiple of 4)");
  EXPECT_EQ(base64_decode("Z===").error().message, "'=' padding where a base64 character must be");
  EXPECT_EQ(base64_decode("Zm=v").error().message, "a base64 character after '=' padding");
  EXPECT_EQ(base64_decode("Zg==Zg==").error().message, "text after the '=' padding that ends base64");
  EXPECT_EQ(base64_decode("Zm9v_-").error().message, "'_' is not a base64 character");  // base64url is not accepted
}

TEST(Base64, Base64AndBase64UrlKnownValues) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("\xFB\xFF"), "+/8=");
  EXPECT_EQ(base64url_encode("\xFB\xFF"), "-_8");
  EXPECT_EQ(base64url_decode("-_8"), std::string("\xFB\xFF"));
  EXPECT_EQ(base64url_decode("Zm9vYg"), std::string("foob"));
  EXPECT_EQ(base64url_decode("Zm9vYg=="), std::string("foob"));
  EXPECT_EQ(base64url_decode("a"), std::nullopt);
  EXPECT_EQ(base64url_decode("a*b="), std::nullopt);
}

}  // namespace
}  // namespace azureml
