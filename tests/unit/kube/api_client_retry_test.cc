// How KubeClient retries a GET, as kubectl (client-go) does: a 429 or 5xx with a Retry-After of
// whole seconds, and a connection reset; nothing else. And Ctrl-C ending a request in flight.
#include <signal.h>

#include <thread>

#include "tests/unit/kube/api_client_test_support.h"

namespace azureml::kube {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

struct KubeClientRetries : test::KubeApiTest {};

TEST_F(KubeClientRetries, ThrottledWithRetryAfterIsAskedAgainAfterTheWait) {
  kube.add_fault(fakes::Fault::throttle("GET", "^/api/v1/nodes$", 2));
  auto nodes = client(config())->nodes();
  ASSERT_TRUE(nodes.ok()) << nodes.error().describe();
  EXPECT_EQ(kube.requests().size(), 2u);
  EXPECT_EQ(clock.total_slept(), 2s);
}

TEST_F(KubeClientRetries, ServerErrorWithoutRetryAfterIsNotRetried) {
  kube.add_fault(fakes::Fault::server_error(500, "GET", "^/api/v1/nodes$"));
  auto nodes = client(config())->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().status, 500);
  EXPECT_EQ(kube.requests().size(), 1u);
  EXPECT_EQ(clock.total_slept(), 0s);
}

TEST_F(KubeClientRetries, UnavailableWithRetryAfterIsRetriedTenTimesAtMost) {
  fakes::Fault unavailable = fakes::Fault::server_error(503, "GET", "^/api/v1/nodes$");
  unavailable.times = fakes::Fault::kAlways;
  unavailable.retry_after = 1;
  kube.add_fault(unavailable);
  auto nodes = client(config())->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().status, 503);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(kube.requests().size(), 11u);
  EXPECT_EQ(clock.total_slept(), 10s);
}

TEST_F(KubeClientRetries, AHostileRetryAfterIsCutToThirtySeconds) {
  kube.add_fault(fakes::Fault::throttle("GET", "^/api/v1/nodes$", 86400));
  auto nodes = client(config())->nodes();
  ASSERT_TRUE(nodes.ok()) << nodes.error().describe();
  EXPECT_EQ(clock.total_slept(), 30s);
}

TEST_F(KubeClientRetries, ConnectionResetIsRetriedAfterASecond) {
  kube.add_fault(fakes::Fault::reset("GET", "^/api/v1/nodes$"));
  auto nodes = client(config())->nodes();
  ASSERT_TRUE(nodes.ok()) << nodes.error().describe();
  EXPECT_EQ(kube.requests().size(), 2u);
  EXPECT_EQ(clock.total_slept(), 1s);
}

TEST_F(KubeClientRetries, CtrlCAbandonsARequestInFlightWithExit130) {
  kube.add_fault(fakes::Fault::slow(5000, "GET", "^/api/v1/nodes$"));
  Interrupt interrupt;
  std::thread ctrl_c([&] {
    while (kube.requests().empty()) std::this_thread::sleep_for(10ms);
    interrupt.raise(SIGINT);
  });
  auto nodes = client(config(), {.interrupt = &interrupt})->nodes();
  ctrl_c.join();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::interrupted);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::interrupted);
  EXPECT_EQ(nodes.error().describe(), "interrupted while waiting for the Kubernetes API server at " + kube.base_url() +
                                          "'s answer to GET /api/v1/nodes");
  EXPECT_EQ(kube.requests().size(), 1u);  // not sent again
}

TEST_F(KubeClientRetries, NothingIsRetriedOnceCtrlCCame) {
  kube.add_fault(fakes::Fault::throttle("GET", "^/api/v1/nodes$", 1));
  Interrupt interrupt;
  interrupt.raise(SIGTERM);
  auto nodes = client(config(), {.interrupt = &interrupt})->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::interrupted);
  EXPECT_TRUE(kube.requests().empty());
  EXPECT_EQ(clock.total_slept(), 0s);
}

}  // namespace
}  // namespace azureml::kube
