#pragma once
// Time behind an interface: retries, polling and token expiry are tested without sleeping.
#include <chrono>

namespace azureml {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;        // wall time: token expiry, HTTP dates
  virtual std::chrono::steady_clock::time_point monotonic() const = 0;  // deadlines
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point monotonic() const override { return std::chrono::steady_clock::now(); }
  void sleep_for(std::chrono::milliseconds duration) override;
};

// For tests: time moves only when someone sleeps or advances it.
class FakeClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return wall_; }
  std::chrono::steady_clock::time_point monotonic() const override { return steady_; }
  void sleep_for(std::chrono::milliseconds duration) override {
    slept_ += duration;
    advance(duration);
  }
  void advance(std::chrono::milliseconds duration) {
    wall_ += duration;
    steady_ += duration;
  }
  std::chrono::milliseconds total_slept() const { return slept_; }

 private:
  std::chrono::system_clock::time_point wall_ =
      std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  std::chrono::steady_clock::time_point steady_{};
  std::chrono::milliseconds slept_{0};
};

}  // namespace azureml
