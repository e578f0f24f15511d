#include "core/util/interrupt.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace azureml {
namespace {

using namespace std::chrono_literals;

TEST(Interrupt, KeepsTheFirstSignal) {
  Interrupt interrupt;
  EXPECT_FALSE(interrupt.raised());
  EXPECT_EQ(interrupt.signal(), 0);
  interrupt.raise(15);
  interrupt.raise(2);
  EXPECT_TRUE(interrupt.raised());
  EXPECT_EQ(interrupt.signal(), 15);
}

TEST(Interrupt, ASleepEndsWhenItIsRaised) {
  Interrupt interrupt;
  InterruptibleClock clock(interrupt);
  std::jthread raiser([&] {
    std::this_thread::sleep_for(50ms);
    interrupt.raise(2);
  });
  const auto start = std::chrono::steady_clock::now();
  clock.sleep_for(std::chrono::minutes(10));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::minutes(1));  // not the full 10 minutes
  clock.sleep_for(std::chrono::minutes(10));                                     // raised already: returns at once
  EXPECT_TRUE(interrupt.raised());
}

}  // namespace
}  // namespace azureml
