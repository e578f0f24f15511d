// kubectl's --request-timeout syntax and Go's time.ParseDuration underneath it.
#include "core/kube/kube_duration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace azureml::kube {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

std::chrono::nanoseconds go(std::string_view text) {
  auto parsed = parse_go_duration(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error();
  return parsed.ok() ? parsed.value() : std::chrono::nanoseconds(-12345);
}

std::string go_error(std::string_view text) {
  auto parsed = parse_go_duration(text);
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? "" : parsed.error();
}

TEST(GoDuration, ReadsEveryUnitAndCombinations) {
  EXPECT_EQ(go("0"), 0ns);
  EXPECT_EQ(go("+0"), 0ns);
  EXPECT_EQ(go("-0"), 0ns);
  EXPECT_EQ(go("0s"), 0ns);
  EXPECT_EQ(go("7ns"), 7ns);
  EXPECT_EQ(go("7us"), 7us);
  EXPECT_EQ(go("7\xC2\xB5s"), 7us);  // micro sign
  EXPECT_EQ(go("7\xCE\xBCs"), 7us);  // greek mu
  EXPECT_EQ(go("500ms"), 500ms);
  EXPECT_EQ(go("30s"), 30s);
  EXPECT_EQ(go("2m"), 2min);
  EXPECT_EQ(go("3h"), 3h);
  EXPECT_EQ(go("1m30s"), 90s);
  EXPECT_EQ(go("1h2m3s4ms5us6ns"), 1h + 2min + 3s + 4ms + 5us + 6ns);
  EXPECT_EQ(go("1.5h"), 90min);
  EXPECT_EQ(go(".5s"), 500ms);
  EXPECT_EQ(go("1.s"), 1s);
  EXPECT_EQ(go("-1.5s"), -1500ms);
  EXPECT_EQ(go("0.000000001s"), 1ns);
  EXPECT_EQ(go("2562047h"), 2562047h);
}

TEST(GoDuration, RefusesWhatGoRefuses) {
  EXPECT_THAT(go_error(""), HasSubstr("needs a number and a unit"));
  EXPECT_THAT(go_error("-"), HasSubstr("needs a number and a unit"));
  EXPECT_THAT(go_error("90"), HasSubstr("missing unit after '90'"));
  EXPECT_THAT(go_error("1m30"), HasSubstr("missing unit after '30'"));
  EXPECT_THAT(go_error("5x"), HasSubstr("unknown unit 'x'"));
  EXPECT_THAT(go_error("5 s"), HasSubstr("unknown unit ' s'"));
  EXPECT_THAT(go_error("5sec"), HasSubstr("unknown unit 'sec'"));
  EXPECT_THAT(go_error("s"), HasSubstr("expected a number"));
  EXPECT_THAT(go_error("."), HasSubstr("expected a number"));
  EXPECT_THAT(go_error(".s"), HasSubstr("expected a number"));
  EXPECT_THAT(go_error("1s-2s"), HasSubstr("unknown unit 's-'"));  // as Go reads it
  EXPECT_THAT(go_error("2562048h"), HasSubstr("too long"));
  EXPECT_THAT(go_error("99999999999999999999s"), HasSubstr("too long"));
}

std::optional<std::chrono::milliseconds> timeout(std::string_view text) {
  auto parsed = parse_request_timeout(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error();
  return parsed.ok() ? parsed.value() : std::optional(std::chrono::milliseconds(-1));
}

TEST(RequestTimeout, KubectlSyntax) {
  EXPECT_EQ(timeout("0"), std::nullopt);  // no timeout
  EXPECT_EQ(timeout("0s"), std::nullopt);
  EXPECT_EQ(timeout("000"), std::nullopt);
  EXPECT_EQ(timeout("30"), 30s);  // a bare number is seconds
  EXPECT_EQ(timeout("+30"), 30s);
  EXPECT_EQ(timeout("1m30s"), 90s);
  EXPECT_EQ(timeout("500ms"), 500ms);
  EXPECT_EQ(timeout("1.5s"), 1500ms);
  EXPECT_EQ(timeout("2h"), 2h);
  EXPECT_EQ(timeout("1ns"), 1ms);  // never rounded down to "no timeout"
  EXPECT_EQ(timeout("1500us"), 2ms);
}

TEST(RequestTimeout, RefusesNegativeAndMalformed) {
  for (const char* bad : {"-1", "-5s", "abc", "1x", "10 s", "", "9999999999999"}) {
    auto parsed = parse_request_timeout(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
  }
  EXPECT_EQ(parse_request_timeout("-5s").error(), "a timeout cannot be negative");
  EXPECT_EQ(parse_request_timeout("-1").error(),
            "missing unit after '1'");  // as Go: ParseInt refuses <0, then ParseDuration
}

}  // namespace
}  // namespace azureml::kube
