#pragma once
// Turns SIGINT, SIGTERM and SIGHUP into an Interrupt, so that a verb stops at its next safe
// point and says what was and was not done (exit 130) instead of dying between a request and
// its answer. A second signal stops at once: it writes one line to stderr and exits 128 + N.
//
// Construct it first thing in main, before any thread starts: it blocks those signals in the
// calling thread, so that every thread started later inherits the mask and only its own thread
// (sigwait) ever takes them. Children run by ProcessRunner get default dispositions back.
// The destructor stops the thread and restores the mask.
#include <pthread.h>
#include <signal.h>

#include <thread>

#include "core/util/interrupt.h"

namespace azureml {

class SignalWatcher {
 public:
  // `stderr_fd`: where the second signal's line goes.
  SignalWatcher(Interrupt& interrupt, int stderr_fd = 2);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void watch();

  Interrupt& interrupt_;
  int stderr_fd_;
  sigset_t previous_mask_{};
  std::thread thread_;
};

}  // namespace azureml
