#include "core/ops/fleet.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "core/util/text.h"

namespace azureml::ops {

std::vector<FleetResult> attach_fleet(const std::vector<AttachRequest>& requests, int parallel,
                                      const std::function<arm::ArmClient&(int worker)>& client_for,
                                      const Progress& progress) {
  std::vector<FleetResult> results(requests.size());
  // Each workspace is read once for the whole fleet, not once per cluster.
  std::map<std::string, Result<std::string, OpError>> locations;
  for (const auto& request : requests) {
    const std::string key = to_lower(request.workspace.str());
    if (!request.workspace_location && !locations.contains(key))
      locations.emplace(key, workspace_location(client_for(0), request.workspace));
  }
  std::atomic<std::size_t> next{0};
  std::mutex say_mutex;
  std::size_t finished = 0;
  const auto say = [&](const std::string& line) {
    std::lock_guard lock(say_mutex);
    if (progress) progress(line);
  };
  const auto work = [&](int worker) {
    arm::ArmClient& arm = client_for(worker);
    for (std::size_t i = next++; i < requests.size(); i = next++) {
      AttachRequest request = requests[i];
      const std::string name = request.name;
      request.progress = [&say, name](const std::string& line) { say(name + ": " + line); };
      const auto start = std::chrono::steady_clock::now();
      const auto outcome = [&]() -> Result<AttachOutcome, OpError> {
        const auto location = locations.find(to_lower(request.workspace.str()));
        if (location != locations.end()) {
          if (!location->second) return fail(location->second.error());
          request.workspace_location = *location->second;
        }
        return attach_compute(arm, request);
      }();
      FleetResult& result = results[i];
      result.name = name;
      result.cluster = request.cluster.name();
      result.duration =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
      if (outcome) {
        result.action = outcome->action;
      } else {
        result.code = outcome.error().code;
        result.error = outcome.error().message;
        for (const auto& detail : outcome.error().details) result.error += "\n" + detail;
      }
      std::lock_guard lock(say_mutex);
      ++finished;
      if (progress) {
        progress("[" + std::to_string(finished) + "/" + std::to_string(requests.size()) + "] " + name + ": " +
                 (outcome ? result.action : "FAILED (exit " + std::to_string(to_int(result.code)) + ")"));
      }
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
