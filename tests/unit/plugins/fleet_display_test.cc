#include "plugins/fleet_display.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace azureml::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ops::FleetResult ok(const std::string& name) {
  return {name, "cluster-" + name, ExitCode::ok, "created", "", std::chrono::milliseconds(4200)};
}

arm::ArmEvent throttled() {
  arm::ArmEvent event;
  event.kind = arm::ArmEvent::Kind::retrying;
  event.method = "PUT";
  event.path = "/subscriptions/s/x";
  event.status = 429;
  event.reason = "HTTP 429 TooManyRequests";
  event.delay = std::chrono::seconds(1);
  return event;
}

TEST(FleetDisplay, OnATerminalOneStatusLineIsRedrawnUnderTheFinishedClusters) {
  std::ostringstream err;
  FleetDisplay display(err, true, 3, 200);
  const auto observer = display.observer();
  observer.started("c0");
  observer.started("c1");
  observer.step("c0", "attach compute c0 (cluster edge-0) ...");
  display.arm_event(throttled());
  observer.finished(1, 3, ok("c0"));
  observer.step("c1", "warning: preflight checks not run");
  display.close();
  const std::string text = err.str();
  // Steps and throttling only update the status line...
  EXPECT_THAT(text, HasSubstr("\r\033[Kattaching: 0/3 done, 2 running | c0: attach compute c0 (cluster edge-0) ..."));
  EXPECT_THAT(text, HasSubstr("0/3 done, 2 running, throttled 1x"));
  EXPECT_THAT(text, Not(HasSubstr("retrying PUT")));
  // ...finished clusters and warnings are kept as lines, with the status line cleared first.
  EXPECT_THAT(text, HasSubstr("\r\033[K[1/3] c0: created (4.2 s)\n"));
  EXPECT_THAT(text, HasSubstr("\r\033[Kc1: warning: preflight checks not run\n"));
  EXPECT_THAT(text, HasSubstr("1/3 done, 1 running, throttled 1x"));
  EXPECT_TRUE(text.ends_with("\r\033[K")) << text;  // close() leaves a clean line for the table
}

TEST(FleetDisplay, ElsewhereEverythingIsAPlainLine) {
  std::ostringstream err;
  FleetDisplay display(err, false, 2);
  const auto observer = display.observer();
  observer.started("c0");
  observer.step("c0", "attach compute c0 (cluster edge-0) ...");
  display.arm_event(throttled());
  ops::FleetResult failed{"c1", "edge-1", ExitCode::not_found, "", "cluster edge-1 not found\nsecond line", {}};
  observer.finished(1, 2, failed);
  display.close();
  EXPECT_EQ(err.str(),
            "c0: attach compute c0 (cluster edge-0) ...\n"
            "retrying PUT /subscriptions/s/x in 1 s after HTTP 429 TooManyRequests (ARM's Retry-After)\n"
            "[1/2] c1: FAILED (exit 4): cluster edge-1 not found\n");
}

TEST(FleetDisplay, ClustersNotStartedAfterAnInterruptAreCountedNotListed) {
  std::ostringstream err;
  FleetDisplay display(err, true, 3, 200);
  const auto observer = display.observer();
  observer.finished(1, 3, ok("c0"));
  for (std::size_t i = 2; i <= 3; ++i)
    observer.finished(i, 3, {"c" + std::to_string(i), "", ExitCode::interrupted, "", "not started: interrupted", {}});
  display.close();
  EXPECT_THAT(err.str(), Not(HasSubstr("[2/3]")));
  EXPECT_THAT(err.str(), HasSubstr("2 of 3 clusters not started: interrupted\n"));
}

TEST(FleetDisplay, TheStatusLineIsCutToTheTerminalWidth) {
  std::ostringstream err;
  FleetDisplay display(err, true, 1, 40);
  display.observer().step("c0", std::string(200, 'x'));
  const std::string text = err.str();
  const std::string last = text.substr(text.rfind("\r\033[K") + 4);
  EXPECT_EQ(last.size(), 39u);
  EXPECT_TRUE(last.ends_with("...")) << last;
}

}  // namespace
}  // namespace azureml::cli
