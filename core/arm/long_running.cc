#include "core/arm/long_running.h"
#include "core/util/json_fields.h"

#include <algorithm>
#include <cctype>

namespace azureml::arm {
namespace {

using namespace std::chrono;
using nlohmann::json;

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

enum class Terminal { in_progress, succeeded, failed, canceled };

Terminal classify(std::string_view status) {
  if (iequals(status, "Succeeded")) return Terminal::succeeded;
  if (iequals(status, "Failed")) return Terminal::failed;
  if (iequals(status, "Canceled") || iequals(status, "Cancelled")) return Terminal::canceled;
  return Terminal::in_progress;
}

// properties.provisioningState; "Succeeded" when absent, as ARM RPC says.
std::string provisioning_state(const json& resource) {
  if (!resource.is_object()) return "Succeeded";
  const auto properties = resource.find("properties");
  if (properties == resource.end() || !properties->is_object()) return "Succeeded";
  const auto state = properties->find("provisioningState");
  if (state == properties->end() || !state->is_string()) return "Succeeded";
  return state->get<std::string>();
}

void copy_detail(ArmErrorDetail detail, ArmError& error) {
  error.code = std::move(detail.code);
  error.message = std::move(detail.message);
  error.target = std::move(detail.target);
  error.details = std::move(detail.details);
  error.additional_info = std::move(detail.additional_info);
}

// Why a resource says Failed: properties.provisioningErrors[] (computes: [{error:{...}}]),
// properties.errorInfo (extensions), else the first statuses[] entry at level Error.
std::optional<ArmErrorDetail> resource_failure(const json& resource) {
  if (!resource.is_object() || !resource.contains("properties") || !resource["properties"].is_object())
    return std::nullopt;
  const json& properties = resource["properties"];
  if (const auto errors = properties.find("provisioningErrors"); errors != properties.end() && errors->is_array()) {
    std::optional<ArmErrorDetail> first;
    for (const auto& item : *errors) {
      auto detail = parse_error_detail(item);
      if (!detail) continue;
      if (!first) {
        first = std::move(detail);
      } else {
        first->details.push_back(std::move(*detail));
      }
    }
    if (first) return first;
  }
  if (const auto info = properties.find("errorInfo"); info != properties.end())
    if (auto detail = parse_error_detail(*info)) return detail;
  if (const auto statuses = properties.find("statuses"); statuses != properties.end() && statuses->is_array())
    for (const auto& status : *statuses)
      if (iequals(string_field(status, "level"), "Error"))
        if (auto detail = parse_error_detail(status)) return detail;
  return std::nullopt;
}

class Poller {
 public:
  Poller(ArmClient& client, const ArmResponse& initial, Method method, std::string_view resource_path,
         std::string_view api_version, const WaitOptions& options)
      : client_(client),
        clock_(client.clock()),
        initial_(initial),
        method_(method),
        resource_path_(resource_path),
        api_version_(api_version),
        options_(options),
        interval_(options.poll_interval.value_or(client.options().poll_interval)),
        timeout_(options.timeout.value_or(client.options().operation_timeout)),
        deadline_(clock_.monotonic() + timeout_),
        operation_(std::string(method_name(method)) + " " + std::string(resource_path)) {}

  Result<json, ArmError> run() {
    const auto async_url = initial_.header("Azure-AsyncOperation");
    const auto operation_url = async_url ? async_url : initial_.header("Operation-Location");
    if (operation_url && !operation_url->empty()) return poll_status(*operation_url);
    const auto location = initial_.header("Location");
    if (initial_.status == 202 && location && !location->empty()) return poll_location(*location);
    return poll_resource();
  }

 private:
  bool is_put_or_patch() const { return method_ == Method::put || method_ == Method::patch; }

  // Waits before the next check: false (and the error in `stop_`) when the deadline or an
  // interrupt ends the wait instead.
  bool wait(const ArmResponse& last) {
    if (interrupted()) return false;
    const auto now = clock_.monotonic();
    if (now >= deadline_) {
      stop_ = timed_out();
      return false;
    }
    const auto remaining = duration_cast<milliseconds>(deadline_ - now);
    clock_.sleep_for(std::min(next_delay(last), remaining));  // an interrupt cuts it short
    return !interrupted();
  }

  bool interrupted() {
    if (!(options_.interrupted ? options_.interrupted() : client_.interrupted())) return false;
    stop_ = error(ArmError::Kind::interrupted, "interrupted");
    return true;
  }

  milliseconds next_delay(const ArmResponse& last) const {
    return retry_after(last.headers, clock_.now()).value_or(interval_);
  }

  void report(const std::string& state, milliseconds next) {
    client_.count_poll();
    ++checks_;
    last_status_ = state;
    ArmEvent event;
    event.kind = ArmEvent::Kind::polling;
    event.method = std::string(method_name(method_));
    event.path = resource_path_;
    event.reason = state;
    event.delay = next;
    event.attempt = checks_;
    if (options_.on_progress) {
      options_.on_progress(event);
    } else {
      client_.emit(event);
    }
  }

  ArmError error(ArmError::Kind kind, std::string message) const {
    ArmError out;
    out.kind = kind;
    out.method = std::string(method_name(method_));
    out.path = resource_path_;
    out.operation = operation_;
    out.message = std::move(message);
    out.last_status = last_status_;
    return out;
  }

  ArmError timed_out() const {
    return error(ArmError::Kind::timeout, "no final state after " + format_duration(timeout_) + " (" +
                                              std::to_string(checks_) + (checks_ == 1 ? " check)" : " checks)"));
  }

  // An error answer while reading status: the read failed, the operation did not.
  ArmError unreadable(ArmError read) const {
    if (read.kind == ArmError::Kind::http) read.kind = ArmError::Kind::status_unreadable;
    read.operation = operation_;
    read.last_status = last_status_;
    return read;
  }

  ArmError operation_error(Terminal terminal, const ArmResponse& from, std::optional<ArmErrorDetail> detail,
                           std::string_view state) const {
    ArmError out = error(terminal == Terminal::canceled ? ArmError::Kind::operation_canceled
                                                        : ArmError::Kind::operation_failed,
                         "");
    if (detail) {
      copy_detail(std::move(*detail), out);
    } else {
      out.code = std::string(state);
      out.message = "the operation ended '" + std::string(state) + "' and gave no error details";
    }
    out.request_id = from.header("x-ms-request-id").value_or("");
    out.correlation_id = from.header("x-ms-correlation-request-id").value_or("");
    return out;
  }

  // Reads the resource after success.
  Result<json, ArmError> final_get() {
    auto resource = client_.get(resource_path_, api_version_);
    if (!resource) {
      auto failure = resource.error();
      failure.operation = operation_;
      return fail(std::move(failure));
    }
    return resource->json;
  }

  Result<json, ArmError> poll_status(const std::string& url) {
    const ArmResponse* last = &initial_;
    ArmResponse current;
    int unreadable_bodies = 0;
    for (;;) {
      if (!wait(*last)) return fail(*stop_);
      // api_version_ is added only to a URL without one: a relative Operation-Location, as the
      // extensions spec's PatchExtension example shows, carries none (audit D8).
      auto answer = client_.get(url, api_version_);
      if (!answer) return fail(unreadable(answer.error()));
      current = std::move(answer).value();
      last = &current;
      const json& body = current.json;
      const auto status = body.is_object() && body.contains("status") && body["status"].is_string()
                              ? std::optional<std::string>(body["status"].get<std::string>())
                              : std::nullopt;
      if (!status) {
        // A body that is not a status: JSON without one is counted and read again, as many times
        // as the retry policy allows a request; a body that is not JSON at all was already read
        // again that many times by the client.
        ++unreadable_bodies;
        const int allowed = client_.options().retry.max_attempts;
        if (current.malformed) unreadable_bodies = allowed;
        report(current.malformed ? "unreadable status (not JSON)" : "unreadable status (no 'status')",
               next_delay(current));
        if (unreadable_bodies >= allowed) {
          ArmError out = error(ArmError::Kind::status_unreadable,
                               current.malformed ? "the status body is not JSON" : "the status body has no 'status'");
          out.status = current.status;
          out.path = current.path;
          out.method = current.method;
          out.request_id = current.header("x-ms-request-id").value_or("");
          out.correlation_id = current.header("x-ms-correlation-request-id").value_or("");
          out.attempts = unreadable_bodies;
          return fail(std::move(out));
        }
        continue;
      }
      unreadable_bodies = 0;
      const auto terminal = classify(*status);
      report(*status, terminal == Terminal::in_progress ? next_delay(current) : milliseconds(0));
      switch (terminal) {
        case Terminal::in_progress:
          if (clock_.monotonic() >= deadline_) return fail(timed_out());
          continue;
        case Terminal::succeeded:
          if (is_put_or_patch() && options_.read_result) return final_get();
          return json(nullptr);
        case Terminal::failed:
        case Terminal::canceled: {
          std::optional<ArmErrorDetail> detail;
          if (body.contains("error")) detail = parse_error_detail(body["error"]);
          return fail(operation_error(terminal, current, std::move(detail), *status));
        }
      }
    }
  }

  Result<json, ArmError> poll_location(const std::string& url) {
    const ArmResponse* last = &initial_;
    ArmResponse current;
    for (;;) {
      if (!wait(*last)) return fail(*stop_);
      // As for a status URL: the operation's api-version only when the Location has none.
      auto answer = client_.get(url, api_version_);
      if (!answer) {
        const auto& failure = answer.error();
        if (method_ == Method::del && failure.kind == ArmError::Kind::http && failure.status == 404) {
          report("gone (404)", milliseconds(0));
          return json(nullptr);
        }
        if (failure.kind != ArmError::Kind::http) return fail(unreadable(failure));
        // The Location URL answers with the operation's own failure.
        report("failed (" + std::to_string(failure.status) + ")", milliseconds(0));
        ArmError out = failure;
        out.kind = ArmError::Kind::operation_failed;
        out.operation = operation_;
        out.last_status = last_status_;
        return fail(std::move(out));
      }
      current = std::move(answer).value();
      last = &current;
      if (current.status == 202) {
        report("Accepted (202)", next_delay(current));
        if (clock_.monotonic() >= deadline_) return fail(timed_out());
        continue;
      }
      report("done (" + std::to_string(current.status) + ")", milliseconds(0));
      if (!current.json.is_null()) return current.json;
      if (is_put_or_patch()) return final_get();
      return json(nullptr);
    }
  }

  Result<json, ArmError> poll_resource() {
    if (method_ == Method::del) {
      if (initial_.status != 202) return json(nullptr);
    } else if (!is_put_or_patch()) {
      return initial_.json;  // POST (or GET): nothing to poll
    } else {
      const auto state = provisioning_state(initial_.json);
      const auto terminal = classify(state);
      if (terminal == Terminal::succeeded) return initial_.json;
      if (terminal != Terminal::in_progress)
        return fail(operation_error(terminal, initial_, resource_failure(initial_.json), state));
      last_status_ = state;
    }
    const ArmResponse* last = &initial_;
    ArmResponse current;
    for (;;) {
      if (!wait(*last)) return fail(*stop_);
      auto answer = client_.get(resource_path_, api_version_);
      if (!answer) {
        const auto& failure = answer.error();
        if (method_ == Method::del && failure.kind == ArmError::Kind::http && failure.status == 404) {
          report("gone (404)", milliseconds(0));
          return json(nullptr);
        }
        auto out = failure;
        out.operation = operation_;
        out.last_status = last_status_;
        return fail(std::move(out));
      }
      current = std::move(answer).value();
      last = &current;
      const auto state = provisioning_state(current.json);
      const auto terminal = classify(state);
      if (method_ == Method::del) {
        // Still there: Deleting, or Failed if the delete failed.
        report(state, terminal == Terminal::in_progress || terminal == Terminal::succeeded ? next_delay(current)
                                                                                          : milliseconds(0));
        if (terminal == Terminal::failed || terminal == Terminal::canceled)
          return fail(operation_error(terminal, current, resource_failure(current.json), state));
        if (clock_.monotonic() >= deadline_) return fail(timed_out());
        continue;
      }
      report(state, terminal == Terminal::in_progress ? next_delay(current) : milliseconds(0));
      switch (terminal) {
        case Terminal::in_progress:
          if (clock_.monotonic() >= deadline_) return fail(timed_out());
          continue;
        case Terminal::succeeded: return current.json;
        case Terminal::failed:
        case Terminal::canceled:
          return fail(operation_error(terminal, current, resource_failure(current.json), state));
      }
    }
  }

  ArmClient& client_;
  Clock& clock_;
  const ArmResponse& initial_;
  Method method_;
  std::string resource_path_;
  std::string api_version_;
  const WaitOptions& options_;
  milliseconds interval_;
  milliseconds timeout_;
  steady_clock::time_point deadline_;
  std::string operation_;
  std::string last_status_;
  int checks_ = 0;
  std::optional<ArmError> stop_;
};

}  // namespace

Result<json, ArmError> wait_for_completion(ArmClient& client, const ArmResponse& initial, Method method,
                                           std::string_view resource_path, std::string_view api_version,
                                           const WaitOptions& options) {
  return Poller(client, initial, method, resource_path, api_version, options).run();
}

Result<json, ArmError> wait_for_resource(ArmClient& client, const json& resource, std::string_view resource_path,
                                         std::string_view api_version, const WaitOptions& options) {
  ArmResponse seen;  // as if the resource's GET had been the operation's first answer
  seen.status = 200;
  seen.json = resource;
  seen.method = "GET";
  seen.path = std::string(resource_path);
  return wait_for_completion(client, seen, Method::put, resource_path, api_version, options);
}

Result<json, ArmError> put_and_wait(ArmClient& client, std::string_view resource_path, std::string_view api_version,
                                    const json& body, const WaitOptions& options) {
  auto initial = client.put(resource_path, api_version, body);
  if (!initial) return fail(initial.error());
  return wait_for_completion(client, *initial, Method::put, resource_path, api_version, options);
}

Result<json, ArmError> patch_and_wait(ArmClient& client, std::string_view resource_path,
                                      std::string_view api_version, const json& body, const WaitOptions& options) {
  auto initial = client.patch(resource_path, api_version, body);
  if (!initial) return fail(initial.error());
  return wait_for_completion(client, *initial, Method::patch, resource_path, api_version, options);
}

Result<json, ArmError> delete_and_wait(ArmClient& client, std::string_view resource_path,
                                       std::string_view api_version, const RequestOptions& request,
                                       const WaitOptions& options, bool missing_is_error) {
  auto initial = client.del(resource_path, api_version, request);
  if (!initial) {
    const auto& failure = initial.error();
    if (!missing_is_error && failure.kind == ArmError::Kind::http && failure.status == 404) return json(nullptr);
    return fail(failure);
  }
  return wait_for_completion(client, *initial, Method::del, resource_path, api_version, options);
}

}  // namespace azureml::arm
