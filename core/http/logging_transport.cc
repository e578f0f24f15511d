#include "core/http/logging_transport.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/util/text.h"

namespace azureml::http {
namespace {

bool is_secret_query_name(std::string_view name) {
  const std::string lowered = to_lower(name);
  // OAuth authorization codes and SAS signatures travel in queries; the rest by the shared list.
  static constexpr std::array<std::string_view, 3> kQueryOnly = {"code", "sig", "client_secret"};
  return std::find(kQueryOnly.begin(), kQueryOnly.end(), lowered) != kQueryOnly.end() || is_secret_name(name);
}

}  // namespace

std::string redact_url_query(std::string_view url) {
  const auto question = url.find('?');
  if (question == std::string_view::npos) return std::string(url);
  const auto hash = url.find('#', question);
  const std::string_view query = url.substr(question + 1, hash == std::string_view::npos ? hash : hash - question - 1);
  std::string out(url.substr(0, question + 1));
  std::size_t at = 0;
  while (true) {
    const auto amp = query.find('&', at);
    const std::string_view pair = query.substr(at, amp == std::string_view::npos ? amp : amp - at);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && equals + 1 < pair.size() && is_secret_query_name(pair.substr(0, equals))) {
      out.append(pair.substr(0, equals + 1));
      out.append("REDACTED");
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    out.push_back('&');
    at = amp + 1;
  }
  if (hash != std::string_view::npos) out.append(url.substr(hash));
  return out;
}

Result<Response, TransportError> LoggingTransport::send(const Request& request) {
  if (!log_.verbose_enabled()) return inner_.send(request);
  const auto started = clock_.monotonic();
  auto result = inner_.send(request);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.monotonic() - started).count();
  std::string line = printable(request.method) + " " + printable(redact_url_query(request.url)) + " -> ";
  if (result.ok()) {
    const auto request_id =
        result->header("x-ms-request-id").value_or(result->header("x-ms-client-request-id").value_or("-"));
    line += std::to_string(result->status) + " (" + std::to_string(elapsed) +
            " ms) request-id: " + printable(request_id.empty() ? "-" : request_id);
  } else {
    line += "error: " + printable(result.error().message) + " (" + std::to_string(elapsed) + " ms)";
  }
  log_.verbose(line);
  return result;
}

}  // namespace azureml::http
