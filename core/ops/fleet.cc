#include "core/ops/fleet.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "core/util/text.h"

namespace azureml::ops {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace

std::vector<FleetResult> attach_fleet(const std::vector<AttachRequest>& requests, int parallel,
                                      const std::function<arm::ArmClient&(int worker)>& client_for,
                                      const FleetObserver& observer) {
  std::vector<FleetResult> results(requests.size());
  // Each workspace is read once for the whole fleet, not once per cluster.
  std::map<std::string, Result<std::string, OpError>> locations;
  for (const auto& request : requests) {
    const std::string key = to_lower(request.workspace.str());
    if (!request.workspace_location && !locations.contains(key))
      locations.emplace(key, workspace_location(client_for(0), request.workspace));
  }
  std::atomic<std::size_t> next{0};
  std::mutex observer_mutex;  // one observer call at a time
  std::size_t finished = 0;
  const auto attach_one = [&](arm::ArmClient& arm, AttachRequest request) -> Result<AttachOutcome, OpError> {
    if (arm.interrupted()) return fail(OpError{ExitCode::interrupted, "not started: interrupted", {}});
    const auto location = locations.find(to_lower(request.workspace.str()));
    if (location != locations.end()) {
      if (!location->second) return fail(location->second.error());
      request.workspace_location = *location->second;
    }
    {
      std::lock_guard lock(observer_mutex);
      if (observer.started) observer.started(request.name);
    }
    request.mode.progress = [&observer, &observer_mutex, name = request.name](const std::string& line) {
      std::lock_guard lock(observer_mutex);
      if (observer.step) observer.step(name, line);
    };
    return attach_compute(arm, request);
  };
  const auto work = [&](int worker) {
    arm::ArmClient& arm = client_for(worker);
    for (std::size_t i = next++; i < requests.size(); i = next++) {
      const auto start = Clock::now();
      const auto outcome = attach_one(arm, requests[i]);
      FleetResult& result = results[i];
      result.name = requests[i].name;
      result.cluster = requests[i].cluster.name();
      result.duration = since(start);
      if (outcome) {
        result.action = outcome->action;
      } else {
        result.code = outcome.error().code;
        result.error = outcome.error().message;
        for (const auto& detail : outcome.error().details) result.error += "\n" + detail;
      }
      std::lock_guard lock(observer_mutex);
      ++finished;
      if (observer.finished) observer.finished(finished, requests.size(), result);
    }
  };
  const int workers = std::max(1, std::min<int>(parallel, static_cast<int>(requests.size())));
  std::vector<std::jthread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);
  threads.clear();  // joined: every result is written
  return results;
}

}  // namespace azureml::ops
