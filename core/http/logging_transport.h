#pragma once
// A Transport decorator for -v: one line per exchange on the Log, after the inner transport
// answers. Forwards everything unchanged; logs nothing unless log.verbose_enabled().
//   GET https://management.azure.com/...?api-version=2023-10-01 -> 200 (42 ms) request-id: 1b2c...
//   PUT https://management.azure.com/... -> error: cannot connect to ...:443: ... (10003 ms)
// The request id is x-ms-request-id, else x-ms-client-request-id, from the response ("-" if
// neither). Values of secret-named query parameters (sig, code, client_secret, *token, ...)
// become REDACTED here; the Log's redactor then applies to the whole line.
#include <string>
#include <string_view>

#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/log.h"

namespace azureml::http {

class LoggingTransport final : public Transport {
 public:
  LoggingTransport(Transport& inner, Log& log, const Clock& clock) : inner_(inner), log_(log), clock_(clock) {}
  Result<Response, TransportError> send(const Request& request) override;

 private:
  Transport& inner_;
  Log& log_;
  const Clock& clock_;
};

// `url` with the values of secret-named query parameters replaced by REDACTED.
std::string redact_url_query(std::string_view url);

}  // namespace azureml::http
