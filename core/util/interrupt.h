#pragma once
// Ctrl-C (SIGINT, SIGTERM, SIGHUP) as a value that work checks at safe points: before sending a
// request, before and during a wait. Raised once by the signal watcher (signal_watcher.h) or by a
// test; never lowered. Sleeping through an Interrupt wakes the moment it is raised. Thread-safe.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "core/util/clock.h"

namespace azureml {

class Interrupt {
 public:
  void raise(int signal);
  bool raised() const;
  int signal() const;  // the first signal raised; 0 when none
  // Sleeps for `duration` or until raised, whichever is first.
  void sleep_for(std::chrono::milliseconds duration) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable raised_;
  int signal_ = 0;
};

// The system clock, with sleeps cut short when `interrupt` is raised.
class InterruptibleClock final : public Clock {
 public:
  explicit InterruptibleClock(const Interrupt& interrupt) : interrupt_(interrupt) {}
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point monotonic() const override { return std::chrono::steady_clock::now(); }
  void sleep_for(std::chrono::milliseconds duration) override { interrupt_.sleep_for(duration); }

 private:
  const Interrupt& interrupt_;
};

}  // namespace azureml
