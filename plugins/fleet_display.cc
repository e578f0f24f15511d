#include "plugins/fleet_display.h"

#include "core/util/text.h"

namespace azureml::cli {
namespace {

std::string seconds(std::chrono::milliseconds duration) {
  return std::to_string(duration.count() / 1000) + "." + std::to_string(duration.count() % 1000 / 100) + " s";
}

bool not_started(const ops::FleetResult& result) {
  return result.code == ExitCode::interrupted && result.error.starts_with("not started");
}

}  // namespace

std::size_t terminal_width(const Environment& environment) {
  const auto columns = environment.non_empty("COLUMNS");
  if (!columns || columns->find_first_not_of("0123456789") != std::string::npos || columns->size() > 4) return 100;
  return static_cast<std::size_t>(std::stoul(*columns));
}

FleetDisplay::FleetDisplay(std::ostream& err, bool live, std::size_t total, std::size_t width)
    : err_(err), live_(live), total_(total), width_(width < 20 ? 20 : width) {}

ops::FleetObserver FleetDisplay::observer() {
  return {[this](const std::string& name) { started(name); },
          [this](const std::string& name, const std::string& line) { step(name, line); },
          [this](std::size_t done, std::size_t, const ops::FleetResult& result) { finished(done, result); }};
}

void FleetDisplay::started(const std::string& name) {
  std::lock_guard lock(mutex_);
  running_.insert(name);
  if (live_) redraw();
}

void FleetDisplay::step(const std::string& name, const std::string& line) {
  std::lock_guard lock(mutex_);
  if (!live_ || line.starts_with("warning") || line.starts_with("error")) {
    print(name + ": " + line);
    return;
  }
  latest_ = name + ": " + line;
  redraw();
}

void FleetDisplay::finished(std::size_t done, const ops::FleetResult& result) {
  std::lock_guard lock(mutex_);
  running_.erase(result.name);
  done_ = done;
  if (not_started(result)) {
    ++not_started_;
    if (live_)
      redraw();
    else
      print("[" + std::to_string(done) + "/" + std::to_string(total_) + "] " + result.name + ": not started");
    return;
  }
  std::string line = "[" + std::to_string(done) + "/" + std::to_string(total_) + "] " + result.name + ": ";
  if (result.code == ExitCode::ok) {
    line += result.action + " (" + seconds(result.duration) + ")";
  } else {
    ++failed_;
    line +=
        "FAILED (exit " + std::to_string(to_int(result.code)) + "): " + result.error.substr(0, result.error.find('\n'));
  }
  print(line);
}

void FleetDisplay::arm_event(const arm::ArmEvent& event) {
  std::lock_guard lock(mutex_);
  if (event.kind == arm::ArmEvent::Kind::retrying) {
    if (event.status == 429)
      ++throttled_;
    else
      ++retries_;
  }
  if (!live_) {
    print(event.describe());
    return;
  }
  redraw();  // the counts changed; polls and holds show in the latest step instead
}

void FleetDisplay::close() {
  std::lock_guard lock(mutex_);
  if (status_shown_) err_ << "\r\033[K" << std::flush;
  status_shown_ = false;
  if (not_started_ > 0) {
    err_ << not_started_ << " of " << total_ << " clusters not started: interrupted\n";
  }
}

void FleetDisplay::print(const std::string& line) {
  if (status_shown_) err_ << "\r\033[K";
  err_ << printable(line) << '\n';
  status_shown_ = false;
  if (live_)
    redraw();
  else
    err_.flush();
}

void FleetDisplay::redraw() {
  std::string status = "attaching: " + std::to_string(done_) + "/" + std::to_string(total_) + " done";
  if (failed_ > 0) status += ", " + std::to_string(failed_) + " failed";
  status += ", " + std::to_string(running_.size()) + " running";
  if (throttled_ > 0) status += ", throttled " + std::to_string(throttled_) + "x";
  if (retries_ > 0) status += ", " + std::to_string(retries_) + " retries";
  if (!latest_.empty()) status += " | " + printable(latest_);
  if (status.size() > width_ - 1) status = status.substr(0, width_ - 4) + "...";
  err_ << "\r\033[K" << status << std::flush;
  status_shown_ = true;
}

}  // namespace azureml::cli
