#include "tests/fakes/faults.h"

#include <utility>

namespace azureml::fakes {
namespace {

Fault make(FaultKind kind, std::string method, std::string path_regex) {
  Fault fault;
  fault.kind = kind;
  fault.method = std::move(method);
  fault.path_regex = std::move(path_regex);
  return fault;
}

}  // namespace

Fault Fault::throttle(std::string method, std::string path_regex, int retry_after_seconds) {
  Fault fault = make(FaultKind::status, std::move(method), std::move(path_regex));
  fault.status = 429;
  fault.retry_after = retry_after_seconds;
  return fault;
}

Fault Fault::server_error(int status, std::string method, std::string path_regex) {
  Fault fault = make(FaultKind::status, std::move(method), std::move(path_regex));
  fault.status = status;
  return fault;
}

Fault Fault::reset(std::string method, std::string path_regex) {
  return make(FaultKind::reset, std::move(method), std::move(path_regex));
}

Fault Fault::slow(int delay_ms, std::string method, std::string path_regex) {
  Fault fault = make(FaultKind::delay, std::move(method), std::move(path_regex));
  fault.delay_ms = delay_ms;
  return fault;
}

Fault Fault::late_answer(int delay_ms, std::string method, std::string path_regex) {
  Fault fault = make(FaultKind::late_answer, std::move(method), std::move(path_regex));
  fault.delay_ms = delay_ms;
  return fault;
}

Fault Fault::malformed_json(std::string method, std::string path_regex) {
  return make(FaultKind::malformed_json, std::move(method), std::move(path_regex));
}

Fault Fault::expire_tokens(std::string method, std::string path_regex) {
  return make(FaultKind::expire_tokens, std::move(method), std::move(path_regex));
}

Fault Fault::reshape(std::string method, std::string path_regex, std::string pointer, std::string replacement) {
  Fault fault = make(FaultKind::reshape, std::move(method), std::move(path_regex));
  fault.pointer = std::move(pointer);
  fault.replacement = std::move(replacement);
  return fault;
}

void FaultInjector::add(Fault fault) {
  Pattern pattern(fault.path_regex);
  std::lock_guard lock(mutex_);
  armed_.push_back(Armed{std::move(fault), std::move(pattern)});
}

void FaultInjector::clear() {
  std::lock_guard lock(mutex_);
  armed_.clear();
}

std::optional<Fault> FaultInjector::take(std::string_view method, std::string_view path) {
  std::lock_guard lock(mutex_);
  for (Armed& armed : armed_) {
    if (!armed.fault.method.empty() && armed.fault.method != method) continue;
    if (!armed.pattern.search(path)) continue;
    if (armed.seen < armed.fault.skip) {
      ++armed.seen;
      continue;
    }
    if (armed.fault.times != Fault::kAlways && armed.hits >= armed.fault.times) continue;
    ++armed.hits;
    ++fired_;
    return armed.fault;
  }
  return std::nullopt;
}

std::size_t FaultInjector::fired() const {
  std::lock_guard lock(mutex_);
  return fired_;
}

}  // namespace azureml::fakes
