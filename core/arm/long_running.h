#pragma once
// Waiting for an ARM long-running operation to finish (ARM RPC async-api-reference), in this
// order of precedence, decided from the initial answer:
//  1. Azure-AsyncOperation (else Operation-Location): GET that URL until its `status` is
//     Succeeded, Failed or Canceled (case-insensitive; anything else is in progress). Failed and
//     Canceled carry the status's `error`. An error answer on the status URL (after the client's
//     retries) or a body without a status is a failure to read the status, not of the operation.
//     A body that is JSON but not an object, or a `status` that is not a string, breaks the
//     contract: unexpected_shape (exit 1) at once, not read again.
//     On success a PUT or PATCH ends with a GET of the resource, whose body is the result;
//     DELETE and POST end there (null).
//  2. Location, on a 202: GET it until it stops answering 202. 200 with a JSON body: that body is
//     the result; 200 without one or 204: for PUT/PATCH a GET of the resource, else null.
//     An error answer there is the operation's failure; for a DELETE a 404 means done.
//  3. Neither: PUT/PATCH read `properties.provisioningState` (missing or null = Succeeded) from
//     the initial body, then from GETs of the resource until Succeeded, Failed (the resource's
//     properties.provisioningErrors / errorInfo / statuses become the error) or Canceled.
//     A body, `properties` or provisioningState of another type, or provisioningErrors /
//     errorInfo / statuses / statuses[].level of another type when they are read (Failed,
//     Canceled), is unexpected_shape (exit 1), never taken for Succeeded.
//     DELETE: 200 or 204 is done; 202 means GET the resource until 404. POST: the initial body.
// Between checks: the last answer's Retry-After (retry.h: seconds, HTTP-date, -ms), else the
// poll interval. The deadline is checked before each wait and after each check; a wait never
// passes it. Every check is counted (ArmClient::count_poll) and reported as an ArmEvent polling.
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"

namespace azureml::arm {

struct WaitOptions {
  std::optional<std::chrono::milliseconds> poll_interval;  // default: the client's options
  std::optional<std::chrono::milliseconds> timeout;        // default: the client's operation_timeout
  ArmEventHandler on_progress;                             // default: the client's on_event
  std::function<bool()> interrupted;                       // checked around every wait; default: the client's
  // After an Azure-AsyncOperation succeeds, a PUT or PATCH reads the resource for its result;
  // false skips that GET (the result is then null) when the caller needs no body.
  bool read_result = true;
  // Without a Retry-After, wait 1, 2, 4, 8 s ... up to the poll interval rather than the whole
  // interval at once: for an operation someone else started, which may be about to end.
  bool grow_interval = false;
};

// `initial` is the successful answer to `method` on `resource_path` (the resource's path or id,
// used for the final GET with `api_version`). Returns the final resource (PUT/PATCH), the
// operation's result (POST), or null.
Result<nlohmann::json, ArmError> wait_for_completion(ArmClient& client, const ArmResponse& initial, Method method,
                                                     std::string_view resource_path, std::string_view api_version,
                                                     const WaitOptions& options = {});

// A provisioningState an operation is still working on (Creating, Updating): a resource in it,
// left so by a run that was interrupted or did not wait, is waited for before it is changed again.
bool is_being_provisioned(std::string_view provisioning_state);

// Waits for a resource already read (`resource`, a GET's body) whose provisioningState is not
// terminal — an operation someone else started — by GETting it until Succeeded, Failed or Canceled,
// at growing intervals (WaitOptions::grow_interval) unless the server says when.
Result<nlohmann::json, ArmError> wait_for_resource(ArmClient& client, const nlohmann::json& resource,
                                                   std::string_view resource_path, std::string_view api_version,
                                                   const WaitOptions& options = {});

// Send and wait. An error answer to the first request is returned as it is.
Result<nlohmann::json, ArmError> put_and_wait(ArmClient& client, std::string_view resource_path,
                                              std::string_view api_version, const nlohmann::json& body,
                                              const WaitOptions& options = {});
Result<nlohmann::json, ArmError> patch_and_wait(ArmClient& client, std::string_view resource_path,
                                                std::string_view api_version, const nlohmann::json& body,
                                                const WaitOptions& options = {});
// A 404 on the DELETE itself is success unless `missing_is_error` (nothing was there to delete).
Result<nlohmann::json, ArmError> delete_and_wait(ArmClient& client, std::string_view resource_path,
                                                 std::string_view api_version, const RequestOptions& request = {},
                                                 const WaitOptions& options = {}, bool missing_is_error = false);

}  // namespace azureml::arm
