#pragma once
// The one progress display of `attach --fleet`, on stderr.
//
// On a terminal (live): a line per cluster as it finishes ("[3/100] c7: created (4.2 s)"), and
// under them one status line redrawn in place: how many are done, failed and running, how
// often ARM throttled the run, and the latest step of a running cluster. Warnings and
// failures are kept as lines. Elsewhere (a log file, CI): every step, every ARM retry and
// every finished cluster as its own line, prefixed with the cluster's name. Thread-safe.
#include <cstddef>
#include <mutex>
#include <ostream>
#include <set>
#include <string>

#include "core/arm/arm_client.h"
#include "core/ops/fleet.h"
#include "core/util/environment.h"

namespace azureml::cli {

// The terminal's width from COLUMNS; 100 when it is not set or not a number.
std::size_t terminal_width(const Environment& environment);

class FleetDisplay {
 public:
  FleetDisplay(std::ostream& err, bool live, std::size_t total, std::size_t width = 100);
  FleetDisplay(const FleetDisplay&) = delete;
  FleetDisplay& operator=(const FleetDisplay&) = delete;

  ops::FleetObserver observer();
  void arm_event(const arm::ArmEvent& event);  // from any worker's ArmClient
  void close();                                // clears the status line; the result table follows

 private:
  void started(const std::string& name);
  void step(const std::string& name, const std::string& line);
  void finished(std::size_t done, const ops::FleetResult& result);
  void print(const std::string& line);  // a kept line (with the status line redrawn under it)
  void redraw();

  std::mutex mutex_;
  std::ostream& err_;
  bool live_;
  std::size_t total_;
  std::size_t width_;
  std::set<std::string> running_;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  std::size_t not_started_ = 0;
  std::size_t throttled_ = 0;
  std::size_t retries_ = 0;
  std::string latest_;  // "c7: waiting for PUT …"
  bool status_shown_ = false;
};

}  // namespace azureml::cli
