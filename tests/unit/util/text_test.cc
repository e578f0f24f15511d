// Text helpers (core/util/text.h).
#include "core/util/text.h"

#include <gtest/gtest.h>

namespace azureml {
namespace {

TEST(PercentEncode, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(percent_encode("https://management.azure.com/.default"), "https%3A%2F%2Fmanagement.azure.com%2F.default");
  EXPECT_EQ(percent_encode("a b+c&d=e~f_g-h.i"), "a%20b%2Bc%26d%3De~f_g-h.i");
  EXPECT_EQ(percent_encode("\xC3\xA9"), "%C3%A9");
}

}  // namespace
}  // namespace azureml
