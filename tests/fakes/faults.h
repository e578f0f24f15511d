#pragma once
// Faults injected by route and count: a fault matches requests by method and a regular
// expression searched in the path, lets `skip` matches through, then hits the next `times`.
// The server acts on what take() returns (see FakeAzure). Thread-safe.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fakes/pattern.h"

namespace azureml::fakes {

enum class FaultKind {
  status,          // answer `status` (429, 500, 503, ...) with an ARM error body, `Retry-After` if set
  reset,           // close the TCP connection with a RST, no response at all
  delay,           // wait `delay_ms`, then answer normally
  late_answer,     // act on the request at once, then hold the answer `delay_ms`: what a client that
                   // gives up meanwhile asked for has happened, whenever it gives up
  malformed_json,  // answer normally, then cut the body so it is no longer JSON
  expire_tokens,   // expire every token issued so far, then answer normally (ARM answers 401)
  reshape,         // answer normally, then set the JSON at `pointer` in the body to `replacement`
                   // (valid JSON of another shape: a number for a string, null for an object);
                   // fake Azure only
};

struct Fault {
  static constexpr int kAlways = -1;

  FaultKind kind = FaultKind::status;
  std::string method;            // "GET", "PUT", ...; empty matches every method
  std::string path_regex;        // ECMAScript, case-insensitive, searched in the path; empty matches all
  int times = 1;                 // matching requests hit; kAlways for every one
  int skip = 0;                  // matching requests let through before the first hit
  int status = 503;              // for FaultKind::status
  int retry_after = -1;          // seconds sent in Retry-After; negative: no header
  int delay_ms = 0;              // for FaultKind::delay and late_answer
  std::string pointer = {};      // for FaultKind::reshape: an RFC 6901 JSON pointer, "/properties/provisioningState"
  std::string replacement = {};  // ... and the JSON text put there, "5"

  static Fault throttle(std::string method, std::string path_regex, int retry_after_seconds = 0);  // 429
  static Fault server_error(int status, std::string method, std::string path_regex);               // 5xx
  static Fault reset(std::string method, std::string path_regex);
  static Fault slow(int delay_ms, std::string method, std::string path_regex);
  static Fault late_answer(int delay_ms, std::string method, std::string path_regex);
  static Fault malformed_json(std::string method, std::string path_regex);
  static Fault expire_tokens(std::string method, std::string path_regex);
  static Fault reshape(std::string method, std::string path_regex, std::string pointer, std::string replacement);
};

class FaultInjector {
 public:
  void add(Fault fault);  // throws std::regex_error for a bad path_regex
  void clear();
  // The first fault that matches and has hits left, with one hit used; nullopt otherwise.
  std::optional<Fault> take(std::string_view method, std::string_view path);
  std::size_t fired() const;  // hits so far, over all faults

 private:
  struct Armed {
    Fault fault;
    Pattern pattern;
    int seen = 0;
    int hits = 0;
  };
  mutable std::mutex mutex_;
  std::vector<Armed> armed_;
  std::size_t fired_ = 0;
};

}  // namespace azureml::fakes
