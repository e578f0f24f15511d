#include "core/util/signal_watcher.h"

#include <unistd.h>

#include <string>

namespace azureml {
namespace {

// SIGUSR2 is how the destructor wakes the watcher to stop it; nothing else sends it.
constexpr int kStop = SIGUSR2;

sigset_t watched() {
  sigset_t set;
  sigemptyset(&set);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, kStop}) sigaddset(&set, signal);
  return set;
}

}  // namespace

SignalWatcher::SignalWatcher(Interrupt& interrupt, int stderr_fd) : interrupt_(interrupt), stderr_fd_(stderr_fd) {
  const sigset_t set = watched();
  pthread_sigmask(SIG_BLOCK, &set, &previous_mask_);
  thread_ = std::thread([this] { watch(); });
}

SignalWatcher::~SignalWatcher() {
  pthread_kill(thread_.native_handle(), kStop);
  thread_.join();
  // A signal that came after the work ended is taken here, not delivered on unblocking.
  const sigset_t set = watched();
  const timespec none{0, 0};
  while (sigtimedwait(&set, nullptr, &none) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

void SignalWatcher::watch() {
  const sigset_t set = watched();
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    if (signal == kStop) return;
    if (!interrupt_.raised()) {
      interrupt_.raise(signal);
      continue;
    }
    const std::string line = "\ninterrupted again: stopping now; anything already sent to Azure goes on there\n";
    [[maybe_unused]] const auto written = ::write(stderr_fd_, line.data(), line.size());
    ::_exit(128 + signal);
  }
}

}  // namespace azureml
