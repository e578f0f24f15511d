#pragma once
// Attaching many clusters in one run, for bootstrap scripts: `parallel` workers, each with its
// own ArmClient (clients are not thread-safe) sharing one arm::Throttle, so that a 429 to one
// holds every worker until ARM's Retry-After instead of each spending its retries on 429s.
// Every cluster gets a result; one failing never stops the others. Each workspace is read once.
// After Ctrl-C (the clients' Interrupt) no cluster is started: those left get exit 130.
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/ops/attach_compute.h"

namespace azureml::ops {

struct FleetResult {
  std::string name;     // the compute's
  std::string cluster;  // the cluster's name
  ExitCode code = ExitCode::ok;
  std::string action;  // attach's, when it succeeded
  std::string error;   // the message, when it failed
  std::chrono::milliseconds duration{0};
};

// What a progress display hears, from the workers, one call at a time. Any may be empty.
struct FleetObserver {
  std::function<void(const std::string& name)> started;
  std::function<void(const std::string& name, const std::string& line)> step;  // attach's progress lines
  std::function<void(std::size_t finished, std::size_t total, const FleetResult& result)> finished;
};

// `client_for(worker)` is the ArmClient of worker 0..parallel-1. Results in the order of `requests`.
std::vector<FleetResult> attach_fleet(const std::vector<AttachRequest>& requests, int parallel,
                                      const std::function<arm::ArmClient&(int worker)>& client_for,
                                      const FleetObserver& observer);

}  // namespace azureml::ops
