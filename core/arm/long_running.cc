#include "core/arm/long_running.h"

#include <algorithm>
#include <cctype>

#include "core/util/json_shape.h"
#include "core/util/text.h"

namespace azureml::arm {
namespace {

using namespace std::chrono;
using nlohmann::json;

enum class Terminal { in_progress, succeeded, failed, canceled };

Terminal classify(std::string_view status) {
  if (equals_ci(status, "Succeeded")) return Terminal::succeeded;
  if (equals_ci(status, "Failed")) return Terminal::failed;
  if (equals_ci(status, "Canceled") || equals_ci(status, "Cancelled")) return Terminal::canceled;
  return Terminal::in_progress;
}

void copy_detail(ArmErrorDetail detail, ArmError& error) {
  error.code = std::move(detail.code);
  error.message = std::move(detail.message);
  error.target = std::move(detail.target);
  error.details = std::move(detail.details);
  error.additional_info = std::move(detail.additional_info);
}

// properties.provisioningState; "Succeeded" when absent (or null), as ARM RPC says.
std::string provisioning_state(const JsonShape& properties) {
  return properties.string("provisioningState").value_or("Succeeded");
}

// properties.provisioningErrors[] (computes: [{error:{...}}]): the first, with the others as its details.
std::optional<ArmErrorDetail> provisioning_errors(const JsonShape& properties) {
  std::optional<ArmErrorDetail> first;
  for (const auto& item : properties.objects("provisioningErrors")) {
    auto detail = parse_error_detail(item.json());
    if (!detail) continue;
    if (!first) {
      first = std::move(detail);
    } else {
      first->details.push_back(std::move(*detail));
    }
  }
  return first;
}

// The first properties.statuses[] entry at level Error (extensions).
std::optional<ArmErrorDetail> error_status(const JsonShape& properties) {
  for (const auto& status : properties.objects("statuses"))
    if (equals_ci(status.text("level"), "Error"))
      if (auto detail = parse_error_detail(status.json())) return detail;
  return std::nullopt;
}

// Why a resource says Failed: provisioningErrors, errorInfo (extensions), else statuses. The
// lists and objects that hold the errors are part of the resource's contract (a wrong type is
// recorded in `properties`' shape record); what is inside one is an error body, read leniently.
std::optional<ArmErrorDetail> resource_failure(const JsonShape& properties) {
  if (auto detail = provisioning_errors(properties)) return detail;
  if (auto detail = parse_error_detail(properties.object("errorInfo").json())) return detail;
  return error_status(properties);
}

// What a resource's body says of its provisioning.
struct ResourceState {
  std::string state;
  Terminal terminal = Terminal::succeeded;
  std::optional<ArmErrorDetail> failure;  // for Failed and Canceled
};

// A resource's provisioning state, and why it failed when it did. No body at all (a PUT answered
// without one) is a resource that says nothing: Succeeded. A body, `properties` or a field read
// of another type is a ShapeError: guessing "Succeeded" would report an operation done that may
// not be.
Result<ResourceState, ShapeError> read_resource_state(const json& body) {
  ResourceState out;
  out.state = "Succeeded";
  if (body.is_null()) return out;
  const JsonShape resource(body);
  const JsonShape properties = resource.object("properties");
  out.state = provisioning_state(properties);
  out.terminal = classify(out.state);
  if (out.terminal == Terminal::failed || out.terminal == Terminal::canceled)
    out.failure = resource_failure(properties);
  if (resource.error()) return fail(*resource.error());
  return out;
}

// An operation status body (Azure-AsyncOperation / Operation-Location).
struct OperationStatus {
  std::optional<std::string> status;    // nullopt: the body has none
  std::optional<ArmErrorDetail> error;  // its `error`, read leniently: it describes a failure
};

// No JSON body, or no `status` in it, is a status not read (yet): the caller reads again. A body
// that is not an object, or a `status` that is not a string, is a ShapeError: reading again would
// only get the same contract broken.
Result<OperationStatus, ShapeError> read_operation_status(const json& body) {
  OperationStatus out;
  if (body.is_null()) return out;
  const JsonShape shape(body);
  out.status = shape.string("status");
  if (shape.error()) return fail(*shape.error());
  out.error = parse_error_detail(shape.any("error"));
  return out;
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
        grown_(std::chrono::seconds(1)),
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
    grown_ = std::min(grown_ * 2, interval_);
    return !interrupted();
  }

  bool interrupted() {
    if (!(options_.interrupted ? options_.interrupted() : client_.interrupted())) return false;
    stop_ = error(ArmError::Kind::interrupted, "interrupted");
    return true;
  }

  milliseconds next_delay(const ArmResponse& last) const {
    if (auto told = retry_after(last.headers, clock_.now())) return *told;
    return options_.grow_interval ? std::min(grown_, interval_) : interval_;
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
    ArmError out = error(
        terminal == Terminal::canceled ? ArmError::Kind::operation_canceled : ArmError::Kind::operation_failed, "");
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

  ArmError resource_error(ResourceState seen, const ArmResponse& from) const {
    return operation_error(seen.terminal, from, std::move(seen.failure), seen.state);
  }

  // An answer of another shape than its contract (json_shape.h): the operation's state cannot be
  // known from it, and reading again would get the same, so the wait ends here (exit 1).
  ArmError shape_error(const ShapeError& shape, const ArmResponse& from) const {
    ArmError out = unexpected_shape(shape, from);
    out.operation = operation_;
    return out;
  }

  // A check whose answer broke its contract: counted and reported like any check, then the end.
  ArmError checked_shape_error(const ShapeError& shape, const ArmResponse& from) {
    report("answer of an unexpected shape", milliseconds(0));
    return shape_error(shape, from);
  }

  // A status body without a status: counted and read again, as many times as the retry policy
  // allows a request; a body that is not JSON at all was already read again that many times by
  // the client. The error once that is used up, else nullopt.
  std::optional<ArmError> unreadable_status(const ArmResponse& current, int& unreadable_bodies) {
    ++unreadable_bodies;
    const int allowed = client_.options().retry.max_attempts;
    if (current.malformed) unreadable_bodies = allowed;
    report(current.malformed ? "unreadable status (not JSON)" : "unreadable status (no 'status')", next_delay(current));
    if (unreadable_bodies < allowed) return std::nullopt;
    ArmError out = error(ArmError::Kind::status_unreadable,
                         current.malformed ? "the status body is not JSON" : "the status body has no 'status'");
    out.status = current.status;
    out.path = current.path;
    out.method = current.method;
    out.request_id = current.header("x-ms-request-id").value_or("");
    out.correlation_id = current.header("x-ms-correlation-request-id").value_or("");
    out.attempts = unreadable_bodies;
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
      auto read = read_operation_status(current.json);
      if (!read) return fail(checked_shape_error(read.error(), current));
      if (!read->status) {
        if (auto given_up = unreadable_status(current, unreadable_bodies)) return fail(std::move(*given_up));
        continue;
      }
      const std::string& status = *read->status;
      unreadable_bodies = 0;
      const auto terminal = classify(status);
      report(status, terminal == Terminal::in_progress ? next_delay(current) : milliseconds(0));
      switch (terminal) {
        case Terminal::in_progress:
          if (clock_.monotonic() >= deadline_) return fail(timed_out());
          continue;
        case Terminal::succeeded:
          if (is_put_or_patch() && options_.read_result) return final_get();
          return json(nullptr);
        case Terminal::failed:
        case Terminal::canceled:
          return fail(operation_error(terminal, current, std::move(read.value().error), status));
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
      auto seen = read_resource_state(initial_.json);
      if (!seen) return fail(shape_error(seen.error(), initial_));
      if (seen->terminal == Terminal::succeeded) return initial_.json;
      if (seen->terminal != Terminal::in_progress) return fail(resource_error(std::move(seen).value(), initial_));
      last_status_ = seen->state;
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
      auto seen = read_resource_state(current.json);
      if (!seen) return fail(checked_shape_error(seen.error(), current));
      const std::string& state = seen->state;
      const Terminal terminal = seen->terminal;
      if (method_ == Method::del) {
        // Still there: Deleting, or Failed if the delete failed.
        report(state, terminal == Terminal::in_progress || terminal == Terminal::succeeded ? next_delay(current)
                                                                                           : milliseconds(0));
        if (terminal == Terminal::failed || terminal == Terminal::canceled)
          return fail(resource_error(std::move(seen).value(), current));
        if (clock_.monotonic() >= deadline_) return fail(timed_out());
        continue;
      }
      report(state, terminal == Terminal::in_progress ? next_delay(current) : milliseconds(0));
      switch (terminal) {
        case Terminal::in_progress:
          if (clock_.monotonic() >= deadline_) return fail(timed_out());
          continue;
        case Terminal::succeeded:
          return current.json;
        case Terminal::failed:
        case Terminal::canceled:
          return fail(resource_error(std::move(seen).value(), current));
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
  milliseconds grown_;  // the next wait when the interval grows (WaitOptions::grow_interval)
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

bool is_being_provisioned(std::string_view provisioning_state) {
  return equals_ci(provisioning_state, "Creating") || equals_ci(provisioning_state, "Updating");
}

Result<json, ArmError> wait_for_resource(ArmClient& client, const json& resource, std::string_view resource_path,
                                         std::string_view api_version, const WaitOptions& options) {
  ArmResponse seen;  // as if the resource's GET had been the operation's first answer
  seen.status = 200;
  seen.json = resource;
  seen.method = "GET";
  seen.path = std::string(resource_path);
  WaitOptions growing = options;
  growing.grow_interval = true;
  return wait_for_completion(client, seen, Method::put, resource_path, api_version, growing);
}

Result<json, ArmError> put_and_wait(ArmClient& client, std::string_view resource_path, std::string_view api_version,
                                    const json& body, const WaitOptions& options) {
  auto initial = client.put(resource_path, api_version, body);
  if (!initial) return fail(initial.error());
  return wait_for_completion(client, *initial, Method::put, resource_path, api_version, options);
}

Result<json, ArmError> patch_and_wait(ArmClient& client, std::string_view resource_path, std::string_view api_version,
                                      const json& body, const WaitOptions& options) {
  auto initial = client.patch(resource_path, api_version, body);
  if (!initial) return fail(initial.error());
  return wait_for_completion(client, *initial, Method::patch, resource_path, api_version, options);
}

Result<json, ArmError> delete_and_wait(ArmClient& client, std::string_view resource_path, std::string_view api_version,
                                       const RequestOptions& request, const WaitOptions& options,
                                       bool missing_is_error) {
  auto initial = client.del(resource_path, api_version, request);
  if (!initial) {
    const auto& failure = initial.error();
    if (!missing_is_error && failure.kind == ArmError::Kind::http && failure.status == 404) return json(nullptr);
    return fail(failure);
  }
  return wait_for_completion(client, *initial, Method::del, resource_path, api_version, options);
}

}  // namespace azureml::arm
