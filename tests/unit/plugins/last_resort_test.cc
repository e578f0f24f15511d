// An exception that escapes every layer is exit 1 with a line to report, never an abort.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <stdexcept>
#include <thread>

#include "plugins/last_resort.h"

namespace azureml::cli {
namespace {

TEST(LastResort, AnEscapedExceptionIsExitOneWithALineToReport) {
  std::ostringstream err;
  const int code = run_guarded(
      []() -> int {
        const nlohmann::json answer = {{"provisioningState", 5}};
        return answer.value("provisioningState", std::string()).empty() ? 0 : 0;  // throws type_error
      },
      err);
  EXPECT_EQ(code, 1);
  EXPECT_TRUE(err.str().starts_with("internal error: [json.exception.type_error.302]")) << err.str();
  EXPECT_TRUE(err.str().ends_with(" (please report with -v output)\n")) << err.str();
}

TEST(LastResort, AnExceptionOfAnyTypeIsCaught) {
  std::ostringstream err;
  EXPECT_EQ(run_guarded([]() -> int { throw 42; }, err), 1);
  EXPECT_EQ(err.str(), "internal error: an exception of unknown type (please report with -v output)\n");
}

TEST(LastResort, TheVerbsOwnExitCodeIsKept) {
  std::ostringstream err;
  EXPECT_EQ(run_guarded([] { return 4; }, err), 4);
  EXPECT_EQ(err.str(), "");
}

TEST(LastResortDeathTest, AnExceptionEscapingAThreadIsExitOneNotAnAbort) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        install_last_resort_terminate();
        std::thread worker([] { throw std::runtime_error("worker failed"); });
        worker.join();
      },
      testing::ExitedWithCode(1), "internal error: worker failed \\(please report with -v output\\)");
}

}  // namespace
}  // namespace azureml::cli
