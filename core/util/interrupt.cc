#include "core/util/interrupt.h"

namespace azureml {

void Interrupt::raise(int signal) {
  {
    std::lock_guard lock(mutex_);
    if (signal_ == 0) signal_ = signal;
  }
  raised_.notify_all();
}

bool Interrupt::raised() const { return signal() != 0; }

int Interrupt::signal() const {
  std::lock_guard lock(mutex_);
  return signal_;
}

void Interrupt::sleep_for(std::chrono::milliseconds duration) const {
  std::unique_lock lock(mutex_);
  raised_.wait_for(lock, duration, [this] { return signal_ != 0; });
}

}  // namespace azureml
