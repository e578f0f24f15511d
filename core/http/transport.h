#pragma once
// One HTTP exchange behind an interface: the product sends through libcurl (curl_transport.h),
// unit tests through scripted fakes. Transport failures are values, never exceptions.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace azureml::http {

struct Header {
  std::string name;
  std::string value;
};
using Headers = std::vector<Header>;

// Case-insensitive, as HTTP header names are.
std::optional<std::string> find_header(const Headers& headers, std::string_view name);

struct Request {
  std::string method;  // GET, PUT, POST, PATCH, DELETE
  std::string url;     // absolute
  Headers headers;
  std::string body;
  // false: sending it twice could act twice (a POST that creates or rotates something), so no
  // layer may resend it on its own; it then costs a connection of its own.
  bool idempotent = true;
};

struct Response {
  int status = 0;
  Headers headers;
  std::string body;
  std::optional<std::string> header(std::string_view name) const { return find_header(headers, name); }
};

struct TransportError {
  // interrupted: Ctrl-C abandoned the exchange (CurlOptions::interrupt); the server may have it.
  enum class Kind { connect, timeout, tls, proxy, reset, interrupted, other };
  Kind kind = Kind::other;
  std::string message;  // what failed and where, e.g. "connection to 127.0.0.1:443 refused"
};

// "connect", "timeout", ...: for logs and test output.
constexpr const char* kind_name(TransportError::Kind kind) {
  switch (kind) {
    case TransportError::Kind::connect:
      return "connect";
    case TransportError::Kind::timeout:
      return "timeout";
    case TransportError::Kind::tls:
      return "tls";
    case TransportError::Kind::proxy:
      return "proxy";
    case TransportError::Kind::reset:
      return "reset";
    case TransportError::Kind::interrupted:
      return "interrupted";
    case TransportError::Kind::other:
      return "other";
  }
  return "?";
}

class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<Response, TransportError> send(const Request& request) = 0;
};

}  // namespace azureml::http
