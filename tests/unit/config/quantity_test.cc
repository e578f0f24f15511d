#include "core/config/quantity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace azureml::config {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

Quantity q(std::string_view text) {
  auto parsed = Quantity::parse(text);
  EXPECT_TRUE(parsed.ok()) << "'" << text << "': " << (parsed.ok() ? "" : parsed.error());
  return parsed.ok() ? parsed.value() : Quantity();
}

std::string quantity_parse_error(std::string_view text) {
  auto parsed = Quantity::parse(text);
  EXPECT_FALSE(parsed.ok()) << "'" << text << "' parsed as " << (parsed.ok() ? parsed.value().decimal_string() : "");
  return parsed.ok() ? "" : parsed.error();
}

std::string dec(std::string_view text) { return q(text).decimal_string(); }

struct Case {
  std::string_view text;
  std::string_view expected;
};

// ---------------------------------------------------------------------------------------------
// QuantityParse

TEST(QuantityParse, EveryDecimalSuffix) {
  const std::vector<Case> cases = {
      {"1m", "0.001"},
      {"1", "1"},
      {"1k", "1000"},
      {"1M", "1000000"},
      {"1G", "1000000000"},
      {"1T", "1000000000000"},
      {"1P", "1000000000000000"},
      {"1E", "1000000000000000000"},
  };
  for (const auto& c : cases) EXPECT_EQ(dec(c.text), c.expected) << c.text;
}

TEST(QuantityParse, EveryBinarySuffix) {
  const std::vector<Case> cases = {
      {"1Ki", "1024"},          {"1Mi", "1048576"},          {"1Gi", "1073741824"},
      {"1Ti", "1099511627776"}, {"1Pi", "1125899906842624"}, {"1Ei", "1152921504606846976"},
      {"3Ki", "3072"},          {"1.5Gi", "1610612736"},     {"0.5Ki", "512"},
  };
  for (const auto& c : cases) EXPECT_EQ(dec(c.text), c.expected) << c.text;
}

TEST(QuantityParse, Exponents) {
  const std::vector<Case> cases = {
      {"1e3", "1000"}, {"1E3", "1000"},   {"1e-3", "0.001"}, {"1E-3", "0.001"},     {"1e+3", "1000"}, {"1E+3", "1000"},
      {"1e0", "1"},    {"1e003", "1000"}, {"2.5e2", "250"},  {"-2.5e-2", "-0.025"}, {"5.e1", "50"},   {".5e1", "5"},
  };
  for (const auto& c : cases) EXPECT_EQ(dec(c.text), c.expected) << c.text;
}

TEST(QuantityParse, CapitalEAloneIsExaNotAnExponent) {
  EXPECT_EQ(dec("1E"), "1000000000000000000");
  EXPECT_EQ(dec("2E"), "2000000000000000000");
  EXPECT_FALSE(q("1E").has_suffix_milli());
}

TEST(QuantityParse, Signs) {
  EXPECT_EQ(dec("+1"), "1");
  EXPECT_EQ(dec("-1"), "-1");
  EXPECT_EQ(dec("+0"), "0");
  EXPECT_EQ(dec("-0"), "0");
  EXPECT_EQ(dec("-1Ki"), "-1024");
  EXPECT_EQ(dec("+1.5m"), "0.0015");
  EXPECT_TRUE(q("-1").is_negative());
  EXPECT_FALSE(q("+1").is_negative());
}

TEST(QuantityParse, NumberForms) {
  EXPECT_EQ(dec(".5"), "0.5");
  EXPECT_EQ(dec("5."), "5");
  EXPECT_EQ(dec("-.5"), "-0.5");
  EXPECT_EQ(dec("+5."), "5");
  EXPECT_EQ(dec("5.Gi"), "5368709120");
  EXPECT_EQ(dec(".5Ki"), "512");
  EXPECT_EQ(dec("007"), "7");
  EXPECT_EQ(dec("000.000"), "0");
  EXPECT_EQ(dec("0.000m"), "0");
}

TEST(QuantityParse, KeepsTheTextExactly) {
  for (std::string_view text : {"+01.50Gi", "1e3", "1E", "-0", ".5", "500m", "1000000000000000000000"})
    EXPECT_EQ(q(text).text(), text);
}

TEST(QuantityParse, DigitLimitIs64) {
  const std::string sixty_four(64, '9');
  EXPECT_EQ(dec(sixty_four), sixty_four);
  EXPECT_EQ(dec("0." + sixty_four), "0." + sixty_four);
  EXPECT_EQ(dec(std::string(63, '0') + "1Ki"), "1024");
  EXPECT_THAT(quantity_parse_error(std::string(65, '9')),
              HasSubstr("the number has more than 64 digits, which is out of the supported range"));
  EXPECT_THAT(quantity_parse_error("1." + sixty_four), HasSubstr("out of the supported range"));
  // Zeros before the integer part do not count; zeros after the point do.
  EXPECT_EQ(dec(std::string(100, '0') + sixty_four), sixty_four);
  EXPECT_EQ(dec(std::string(100, '0')), "0");
  EXPECT_THAT(quantity_parse_error("0." + std::string(64, '0') + "1"), HasSubstr("out of the supported range"));
  EXPECT_THAT(quantity_parse_error("1" + std::string(64, '0')), HasSubstr("out of the supported range"));
}

TEST(QuantityParse, ExponentLimitIs100EitherWay) {
  EXPECT_EQ(dec("1e100"), "1" + std::string(100, '0'));
  EXPECT_EQ(dec("1e-100"), "0." + std::string(99, '0') + "1");
  EXPECT_EQ(dec("1e0000000000000000000000000000000000003"), "1000");
  EXPECT_EQ(quantity_parse_error("1e101"),
            "'1e101' is not a Kubernetes quantity: the exponent 'e101' is out of the supported range "
            "(-100 to 100)");
  EXPECT_THAT(quantity_parse_error("1e-101"), HasSubstr("out of the supported range"));
  EXPECT_THAT(quantity_parse_error("1E+101"), HasSubstr("out of the supported range"));
  EXPECT_THAT(quantity_parse_error("1e99999999999999999999999999999"), HasSubstr("out of the supported range"));
  // Far past both limits at once still answers quickly and exactly.
  EXPECT_THAT(quantity_parse_error(std::string(64, '9') + "e-101"), HasSubstr("out of the supported range"));
}

TEST(QuantityParse, ExactMessagesFromTheContract) {
  EXPECT_EQ(quantity_parse_error("1.5.2"), "'1.5.2' is not a Kubernetes quantity: unexpected '.' at character 4");
  EXPECT_EQ(quantity_parse_error("1Gb"),
            "'1Gb' is not a Kubernetes quantity: unknown suffix 'Gb' (use one of: n, u, m, k, M, G, T, P, E, "
            "Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e3)");
  EXPECT_EQ(quantity_parse_error(""), "'' is not a Kubernetes quantity: it is empty");
}

TEST(QuantityParse, Errors) {
  const std::vector<Case> cases = {
      {" 1", "expected a digit at character 1 but found ' '"},
      {"1 ", "unexpected ' ' at character 2"},
      {" 1 ", "expected a digit at character 1 but found ' '"},
      {"1Gi ", "unexpected ' ' at character 4"},
      {"1 Gi", "unexpected ' ' at character 2"},
      {"Gi", "expected a digit at character 1 but found 'G'"},
      {"1kk", "unknown suffix 'kk' (use one of:"},
      {"1i", "unknown suffix 'i' (use one of:"},
      {"1K", "unknown suffix 'K' (use one of:"},
      {"1GB", "unknown suffix 'GB' (use one of:"},
      {"1ei", "unknown suffix 'ei' (use one of:"},
      {"1U", "unknown suffix 'U'"},
      {"1N", "unknown suffix 'N'"},
      {"1e", "the exponent 'e' has no digits"},
      {"1e+", "the exponent 'e+' has no digits"},
      {"1E-", "the exponent 'E-' has no digits"},
      {"1e+x", "expected a digit at character 4 but found 'x'"},
      {"1e3Gi", "unexpected 'G' at character 4"},
      {"1e1.5", "unexpected '.' at character 4"},
      {"1Gi5", "unexpected '5' at character 4"},
      {"1.5Gi.", "unexpected '.' at character 6"},
      {"--1", "expected a digit at character 2 but found '-'"},
      {"+-1", "expected a digit at character 2 but found '-'"},
      {"abc", "expected a digit at character 1 but found 'a'"},
      {".", "it has no digits"},
      {"+", "it has no digits"},
      {"-", "it has no digits"},
      {"+.", "it has no digits"},
      {".Gi", "expected a digit at character 2 but found 'G'"},
      {"1,5", "unexpected ',' at character 2"},
      {"1_000", "unexpected '_' at character 2"},
      {"0x10", "unknown suffix 'x'"},
      {"1\t", "unexpected '\\x09' at character 2"},
      {"1Gi\n", "unexpected '\\x0a' at character 4"},
      {"1\xc2\xa0", "unexpected '\\xc2' at character 2"},
  };
  for (const auto& c : cases) {
    const std::string error = quantity_parse_error(c.text);
    EXPECT_THAT(error, HasSubstr(c.expected)) << "input: '" << c.text << "'";
    EXPECT_THAT(error, HasSubstr(" is not a Kubernetes quantity: ")) << c.text;
    EXPECT_THAT(error, ::testing::Not(EndsWith("."))) << c.text;
  }
}

TEST(QuantityParse, ErrorsEchoTheTextSafely) {
  EXPECT_THAT(quantity_parse_error("1\tGi"), StartsWith("'1\\x09Gi' is not a Kubernetes quantity"));
  // A megabyte of garbage is not echoed back in full.
  const std::string huge = "1" + std::string(1 << 20, 'x');
  const std::string error = quantity_parse_error(huge);
  EXPECT_THAT(error, StartsWith("'1xxxx"));
  EXPECT_THAT(error, HasSubstr("...' is not a Kubernetes quantity"));
  EXPECT_LT(error.size(), 400u);
}

// ---------------------------------------------------------------------------------------------
// QuantityCompare

TEST(QuantityCompare, EqualValuesWrittenDifferently) {
  const std::vector<std::vector<std::string_view>> groups = {
      {"1", "1000m", "1e0", "1E0", "1.0", "+1", "0.001k", "1000e-3", "001.000"},
      {"0", "-0", "+0", "0e5", "0Gi", "0.000m", "-0.0E-7", ".0", "0."},
      {"1024", "1Ki", "1.024k", "1024000m", "0.0009765625Mi"},
      {"1.5Gi", "1536Mi", "1572864Ki"},
      {"1k", "1e3", "1E3", "1000", "0.000001G"},
      {"-2.5", "-2500m", "-25e-1"},
  };
  for (const auto& group : groups)
    for (std::string_view a : group)
      for (std::string_view b : group) {
        EXPECT_TRUE(q(a) == q(b)) << a << " == " << b;
        EXPECT_TRUE((q(a) <=> q(b)) == std::strong_ordering::equal) << a << " <=> " << b;
        EXPECT_FALSE(q(a) != q(b)) << a << " != " << b;
      }
}

TEST(QuantityCompare, WhereFloatingPointWouldGetItWrong) {
  // 0.1 has no exact binary representation; 100m and 0.1 must still be equal.
  EXPECT_TRUE(q("0.1") == q("100m"));
  EXPECT_TRUE(q("0.3") == q("300m"));
  EXPECT_TRUE(q("0.30000000000000004") > q("0.3"));
  // Above 2^53 neighbouring integers collapse to one double.
  EXPECT_TRUE(q("9007199254740993") > q("9007199254740992"));
  EXPECT_TRUE(q("9007199254740993") != q("9007199254740992"));
  EXPECT_TRUE(q("1Ei") == q("1152921504606846976"));
  EXPECT_TRUE(q("1Ei") > q("1152921504606846975"));
  EXPECT_TRUE(q("1Ei") < q("1152921504606846977"));
  EXPECT_TRUE(q("1Ei") > q("1E"));
  EXPECT_TRUE(q("1023Ki") < q("1Mi"));
  EXPECT_TRUE(q("1024Ki") == q("1Mi"));
  EXPECT_TRUE(q("1.0000000000000000001") > q("1"));
  EXPECT_TRUE(q("0.9999999999999999999") < q("1"));
  EXPECT_TRUE(q("1e-100") > q("0"));
  EXPECT_TRUE(q("1e100") > q(std::string(64, '9')));
  EXPECT_TRUE(q("1e-100") < q("1e-99"));
}

TEST(QuantityCompare, StrictlyIncreasingChain) {
  const std::vector<std::string_view> ascending = {
      "-1e100",
      "-1Ei",
      "-1E",
      "-1Gi",
      "-1G",
      "-1.5",
      "-1",
      "-0.9999999999999999999",
      "-500m",
      "-1m",
      "-1e-100",
      "0",
      "1e-100",
      "0.1m",
      "1m",
      "0.0015",
      "500m",
      "0.5001",
      "1",
      "1.0000000000000000001",
      "1.5",
      "2",
      "1k",
      "1Ki",
      "1M",
      "1023Ki",
      "1Mi",
      "1G",
      "1Gi",
      "1P",
      "1Pi",
      "9007199254740992",
      "9007199254740993",
      "1E",
      "1152921504606846975",
      "1Ei",
      "1152921504606846977",
      "1e100",
  };
  for (std::size_t i = 0; i < ascending.size(); ++i)
    for (std::size_t j = 0; j < ascending.size(); ++j) {
      const Quantity a = q(ascending[i]);
      const Quantity b = q(ascending[j]);
      const std::strong_ordering expected = i <=> j;
      EXPECT_TRUE((a <=> b) == expected) << ascending[i] << " <=> " << ascending[j];
      EXPECT_EQ(a == b, i == j) << ascending[i] << " == " << ascending[j];
      EXPECT_EQ(a < b, i < j) << ascending[i] << " < " << ascending[j];
      EXPECT_EQ(a >= b, i >= j) << ascending[i] << " >= " << ascending[j];
    }
}

TEST(QuantityCompare, NegativesOrderByValueNotMagnitude) {
  EXPECT_TRUE(q("-2") < q("-1"));
  EXPECT_TRUE(q("-1Gi") < q("-1G"));
  EXPECT_TRUE(q("-1m") > q("-1"));
  EXPECT_TRUE(q("-1") < q("0"));
  EXPECT_TRUE(q("-1e-100") < q("0"));
  EXPECT_TRUE(q("-0") == q("0"));
  EXPECT_TRUE(q("-12") < q("-1.23"));
  EXPECT_TRUE(q("-0.123") < q("-0.12"));
}

TEST(QuantityCompare, IgnoresTheSuffixFlagAndText) {
  EXPECT_TRUE(q("1m") == q("0.001"));
  EXPECT_NE(q("1m").has_suffix_milli(), q("0.001").has_suffix_milli());
  EXPECT_NE(q("1m").text(), q("0.001").text());
}

// ---------------------------------------------------------------------------------------------
// QuantityPredicates

TEST(QuantityPredicates, IsInteger) {
  for (std::string_view text : {"1", "1k", "2Ki", "1000m", "1.0", "1e3", "0", "-0", "-5", "0.5Ki", "1.5k", "1E",
                                "1e100", "0.0009765625Ki", "5."})
    EXPECT_TRUE(q(text).is_integer()) << text;
  for (std::string_view text : {"500m", "1.5", "1e-1", "-0.5", "1m", "0.001Ki", "1e-100", "1001m"})
    EXPECT_FALSE(q(text).is_integer()) << text;
}

TEST(QuantityPredicates, IsMultipleOfMilli) {
  for (std::string_view text :
       {"0.5", "1m", "1", "0.001", "1e-3", "0.1k", "-2.5", "0.001Ki", "1Ei", "0", "1000m", "1.000"})
    EXPECT_TRUE(q(text).is_multiple_of_milli()) << text;
  for (std::string_view text : {"1.0005", "0.1m", "1e-4", "1.5m", "0.0001Ki", "-0.0001", "1e-100"})
    EXPECT_FALSE(q(text).is_multiple_of_milli()) << text;
}

TEST(QuantityPredicates, IsNegativeAndIsZero) {
  EXPECT_FALSE(q("-0").is_negative());
  EXPECT_TRUE(q("-0").is_zero());
  EXPECT_FALSE(q("-0.0m").is_negative());
  EXPECT_TRUE(q("0e5").is_zero());
  EXPECT_TRUE(q("-1m").is_negative());
  EXPECT_FALSE(q("-1m").is_zero());
  EXPECT_TRUE(q("-1e-100").is_negative());
  EXPECT_FALSE(q("1e-100").is_zero());
  EXPECT_FALSE(q("1").is_negative());
}

TEST(QuantityPredicates, HasSuffixMilli) {
  EXPECT_TRUE(q("1m").has_suffix_milli());
  EXPECT_TRUE(q("1000m").has_suffix_milli());
  EXPECT_TRUE(q("-0m").has_suffix_milli());
  EXPECT_FALSE(q("1M").has_suffix_milli());
  EXPECT_FALSE(q("1Mi").has_suffix_milli());
  EXPECT_FALSE(q("1e-3").has_suffix_milli());
  EXPECT_FALSE(q("0.001").has_suffix_milli());
}

TEST(QuantityPredicates, DefaultIsZero) {
  const Quantity zero;
  EXPECT_TRUE(zero.is_zero());
  EXPECT_EQ(zero.text(), "0");
  EXPECT_EQ(zero.decimal_string(), "0");
  EXPECT_TRUE(zero == q("0"));
}

// ---------------------------------------------------------------------------------------------
// QuantityDecimal

TEST(QuantityDecimal, Examples) {
  const std::vector<Case> cases = {
      {"16Gi", "17179869184"},
      {"500m", "0.5"},
      {"-1.50", "-1.5"},
      {"0e5", "0"},
      {"-0", "0"},
      {"1e-3", "0.001"},
      {"1.5e-5", "0.000015"},
      {"123.456e2", "12345.6"},
      {"100", "100"},
      {"1e2", "100"},
      {"1.0", "1"},
      {"0.10", "0.1"},
      {"-2.5Mi", "-2621440"},
      {"0.1m", "0.0001"},
      {"1001m", "1.001"},
      {"0.0009765625Ki", "1"},
      {"12345678901234567890.123", "12345678901234567890.123"},
  };
  for (const auto& c : cases) EXPECT_EQ(dec(c.text), c.expected) << c.text;
}

TEST(QuantityDecimal, LargestAndSmallestValues) {
  const std::string nines(64, '9');
  EXPECT_EQ(dec(nines + "e100"), nines + std::string(100, '0'));
  EXPECT_EQ(dec("0." + std::string(62, '0') + "1e-100"), "0." + std::string(162, '0') + "1");
  EXPECT_EQ(dec("-" + nines + "Ei"),
            "-11529215046068469759999999999999999999999999999999999999999999998847078495393153024");
}

TEST(QuantityDecimal, RoundTripsThroughParse) {
  for (std::string_view text :
       {"16Gi", "500m", "-1.50", "1e-50", "1e50", "1.5Ei", "-0.001Ki", "1.0000000000000000001", "0.1m", "7"}) {
    const Quantity original = q(text);
    const Quantity again = q(original.decimal_string());
    EXPECT_TRUE(again == original) << text << " -> " << original.decimal_string();
    EXPECT_EQ(again.decimal_string(), original.decimal_string()) << text;
  }
}

// apimachinery registers nano and micro, and the API server accepts them.
TEST(QuantityParse, NanoAndMicroAsKubernetesAcceptsThem) {
  const auto nano = Quantity::parse("100n");
  const auto micro = Quantity::parse("5u");
  ASSERT_TRUE(nano.ok());
  ASSERT_TRUE(micro.ok());
  EXPECT_EQ(nano.value().decimal_string(), "0.0000001");
  EXPECT_EQ(micro.value().decimal_string(), "0.000005");
  EXPECT_FALSE(micro.value().is_multiple_of_milli());
  EXPECT_TRUE(Quantity::parse("1000000n").value() == Quantity::parse("1m").value());
}

}  // namespace
}  // namespace azureml::config
