#pragma once
// What clients sent, in order, for tests to assert on. Secrets never enter the log: secret
// headers (Authorization, X-IDENTITY-HEADER, ...) read "REDACTED" and secret form fields
// (client_secret, client_assertion, ...) are dropped from recorded bodies. Thread-safe.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
}

namespace azureml::fakes {

struct RecordedRequest {
  std::string method;                          // "GET", "PUT", ...
  std::string path;                            // decoded, without the query
  std::map<std::string, std::string> query;    // decoded; first value of a repeated name
  std::map<std::string, std::string> headers;  // names lower-cased; secret values "REDACTED"
  std::string body;                            // as sent, except form bodies lose secret fields
  std::map<std::string, std::string> form;     // form fields (urlencoded bodies), secrets dropped
  int status = 0;                              // the response status; 0 when the connection was reset
  std::uint64_t sequence = 0;                  // 1, 2, ... in arrival order (not reset by clear)

  // The header's value, or "" when absent (`name` in any case).
  std::string header(std::string_view name) const;
  std::string query_value(std::string_view name) const;  // "" when absent
};

// {"method","path","query","headers","body","form","status","sequence"}.
nlohmann::json to_json(const RecordedRequest& request);

// The request as it will be recorded: redacted, query and form parsed.
RecordedRequest redacted_copy(const httplib::Request& request);

class RequestLog {
 public:
  // Appends the request; returns its sequence number for set_status().
  std::uint64_t record(RecordedRequest request);
  void set_status(std::uint64_t sequence, int status);
  std::vector<RecordedRequest> snapshot() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::uint64_t next_sequence_ = 1;
};

}  // namespace azureml::fakes
