#pragma once
// What ARM route handlers share: the request being served (ArmCall) and the state with the
// helpers every resource type uses (ArmContext): ARM's error bodies, long-running operations
// and their effect on resources. ArmService calls handlers with its lock held.
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/clock.h"
#include "tests/fakes/arm_operations.h"
#include "tests/fakes/arm_store.h"
#include "tests/fakes/fake_azure_options.h"
#include "tests/fakes/ids.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace azureml::fakes {

struct ArmCall {
  const httplib::Request& http;
  httplib::Response& response;
  std::string method;
  std::string path;  // the resource id: decoded, no query, no trailing '/'
  std::map<std::string, std::string> query;
  std::string api_version;
  std::string base_url;             // "https://127.0.0.1:1234", for the URLs put in headers
  std::vector<std::string> groups;  // the route's match and captures
};

class ArmContext {
 public:
  ArmContext(const FakeAzureOptions& fake_options, IdGenerator& id_generator, const Clock& wall_clock)
      : options(fake_options), ids(id_generator), clock(wall_clock) {}

  ArmStore store;
  OperationTracker operations;
  const FakeAzureOptions& options;
  IdGenerator& ids;
  const Clock& clock;

  std::chrono::system_clock::time_point now() const { return clock.now(); }
  std::string now_text() const;

  // The request body as a JSON object; otherwise answers 400 InvalidRequestContent.
  std::optional<nlohmann::json> json_body(ArmCall& call) const;
  // 404 ResourceNotFound naming `id` as ARM does.
  void not_found(ArmCall& call, std::string_view id) const;
  // True when the parent of nested resource `id` exists; otherwise answers 404 ParentResourceNotFound.
  bool require_parent(ArmCall& call, std::string_view id) const;
  void bad_request(ArmCall& call, const std::string& message) const;

  // Starts an operation on `resource_id` and sets Azure-AsyncOperation, Retry-After and, with
  // `location`, Location. An operation set to end after 0 polls ends before this returns.
  Operation& start_operation(ArmCall& call, std::string_view resource_id, OperationKind kind, bool location);
  // One observation of the operation running on `resource_id`, if any (a GET of the resource).
  void observe_resource(std::string_view resource_id);
  // One observation of `operation`; applies its end state to the resource when it ends.
  void observe(Operation& operation);

  // An identity as ARM returns it: the requested type with principal and tenant ids filled in.
  nlohmann::json identity_for(const nlohmann::json& requested);
  // resource[object][key] when it is a string, else `fallback` (also for a null resource).
  static std::string nested_string(const nlohmann::json* resource, const char* object, const char* key,
                                   const std::string& fallback);
  // The common envelope: id, name and type from `id`.
  static nlohmann::json envelope(std::string_view id);

 private:
  void apply_end_state(const Operation& operation);
};

}  // namespace azureml::fakes
