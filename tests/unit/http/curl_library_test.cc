// libcurl loaded on first use: found and complete, or an error that says what to install.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/http/curl_library.h"

namespace azureml::http {
namespace {

using ::testing::HasSubstr;

TEST(CurlLibrary, TheSystemLibcurlLoadsWithEveryFunction) {
  const auto& library = curl_library();
  ASSERT_TRUE(library.ok()) << library.error();
  EXPECT_NE(library->easy_init, nullptr);
  EXPECT_NE(library->easy_setopt, nullptr);
  EXPECT_NE(library->url_set, nullptr);
  EXPECT_NE(library->free, nullptr);
  EXPECT_EQ(&curl_library(), &library);  // once per process
}

TEST(CurlLibrary, AMissingLibraryIsNamedWithHowToInstallIt) {
  const auto library = load_curl_library("libcurl-not-installed.so.4");
  ASSERT_FALSE(library.ok());
  EXPECT_THAT(library.error(), HasSubstr("libcurl could not be loaded ("));
  EXPECT_THAT(library.error(), HasSubstr("libcurl-not-installed.so.4"));
  EXPECT_THAT(library.error(), HasSubstr("apt-get install libcurl4"));
}

TEST(CurlLibrary, ALibraryWithoutCurlsFunctionsIsRefused) {
  const auto library = load_curl_library("libm.so.6");
  ASSERT_FALSE(library.ok());
  EXPECT_THAT(library.error(), HasSubstr("the libcurl found (libm.so.6) is too old: it has no curl_global_init, "
                                         "curl_easy_init"));
  EXPECT_THAT(library.error(), HasSubstr("install libcurl 7.62 or later"));
}

}  // namespace
}  // namespace azureml::http
