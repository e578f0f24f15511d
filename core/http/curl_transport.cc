#include "core/http/curl_transport.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

#include <cerrno>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

#include "core/http/curl_library.h"
#include "core/util/file_read.h"
#include "core/util/text.h"

namespace azureml::http {
namespace {

using Kind = TransportError::Kind;

// libcurl's functions. Only called once a transport holds an easy handle, which it has only
// when the library loaded (curl_library.h).
const CurlLibrary& lib() { return curl_library().value(); }

struct EasyCleanup {
  void operator()(CURL* handle) const { lib().easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyCleanup>;

struct SlistFree {
  void operator()(curl_slist* list) const { lib().slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

struct UrlCleanup {
  void operator()(CURLU* url) const { lib().url_cleanup(url); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlCleanup>;

struct CurlFree {
  void operator()(char* text) const { lib().free(text); }
};
using CurlString = std::unique_ptr<char, CurlFree>;

struct FileClose {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// A setting read from the Environment, with the variable it came from (for messages).
struct Setting {
  std::string value;
  std::string source;
};

std::optional<Setting> first_set(const Environment& environment, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (auto value = environment.non_empty(name)) return Setting{std::move(*value), name};
  return std::nullopt;
}

struct UrlParts {
  std::string scheme;
  std::string host;   // IPv6 in brackets
  std::string port;   // explicit or the scheme's default
  std::string query;  // without '?'
  bool explicit_port = false;
  std::string host_port() const { return host + ":" + port; }
};

std::optional<std::string> url_part(CURLU* url, CURLUPart part, unsigned int flags = 0) {
  char* raw = nullptr;
  if (lib().url_get(url, part, &raw, flags) != CURLUE_OK) return std::nullopt;
  const CurlString owned(raw);
  return std::string(owned.get());
}

std::optional<UrlParts> parse_url(const std::string& text, unsigned int flags = 0) {
  const UrlHandle url(lib().url());
  if (!url || lib().url_set(url.get(), CURLUPART_URL, text.c_str(), flags) != CURLUE_OK) return std::nullopt;
  UrlParts parts;
  auto scheme = url_part(url.get(), CURLUPART_SCHEME);
  auto host = url_part(url.get(), CURLUPART_HOST);
  if (!scheme || !host) return std::nullopt;
  parts.scheme = std::move(*scheme);
  parts.host = std::move(*host);
  parts.explicit_port = url_part(url.get(), CURLUPART_PORT).has_value();
  parts.port = url_part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT).value_or("");
  parts.query = url_part(url.get(), CURLUPART_QUERY).value_or("");
  return parts;
}

// `url` with its host replaced.
std::optional<std::string> with_host(const std::string& url, const std::string& host) {
  const UrlHandle handle(lib().url());
  if (!handle || lib().url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
      lib().url_set(handle.get(), CURLUPART_HOST, host.c_str(), 0) != CURLUE_OK)
    return std::nullopt;
  return url_part(handle.get(), CURLUPART_URL);
}

// What a message may say about a URL we could not parse: no query, no fragment, no credentials.
std::string without_query(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const auto scheme_end = url.find("://");
  const auto at = url.find('@');
  if (scheme_end != std::string_view::npos && at != std::string_view::npos && at > scheme_end)
    return std::string(url.substr(0, scheme_end + 3)) + std::string(url.substr(at + 1));
  return std::string(url);
}

// A proxy as messages may show it: host and port, never credentials.
std::string proxy_display(const std::string& proxy) {
  if (auto parts = parse_url(proxy, CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME))
    return parts->explicit_port ? parts->host_port() : parts->host;
  return "(unparsable proxy URL)";
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

// An IP literal's bytes (IPv6 without brackets), or nullopt for a host name.
std::optional<std::vector<unsigned char>> ip_bytes(const std::string& host) {
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET, host.c_str(), bytes.data()) == 1)
    return std::vector<unsigned char>(bytes.begin(), bytes.begin() + 4);
  if (inet_pton(AF_INET6, host.c_str(), bytes.data()) == 1)
    return std::vector<unsigned char>(bytes.begin(), bytes.end());
  return std::nullopt;
}

bool same_prefix(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b, unsigned long bits) {
  if (a.size() != b.size() || bits > a.size() * 8) return false;
  for (std::size_t i = 0; i < a.size() && bits > 0; ++i, bits = bits >= 8 ? bits - 8 : 0) {
    const auto mask = static_cast<unsigned char>(bits >= 8 ? 0xFF : 0xFF << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

// NO_PROXY as curl reads it: comma-separated entries; "*" is every host; a name matches itself
// and its subdomains (a leading dot is optional); an IP matches itself or a CIDR range.
bool bypasses_proxy(std::string_view no_proxy, std::string host) {
  host = to_lower(host);
  if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
  while (!host.empty() && host.back() == '.') host.pop_back();
  const auto host_ip = ip_bytes(host);
  while (!no_proxy.empty()) {
    const auto comma = no_proxy.find(',');
    std::string entry = to_lower(trim(no_proxy.substr(0, comma)));
    no_proxy = comma == std::string_view::npos ? std::string_view() : no_proxy.substr(comma + 1);
    if (entry == "*") return true;
    if (entry.starts_with("*.")) entry.erase(0, 1);
    if (entry.starts_with(".")) entry.erase(0, 1);
    if (entry.size() > 1 && entry.front() == '[') entry = entry.substr(1, entry.find(']') - 1);
    while (!entry.empty() && entry.back() == '.') entry.pop_back();
    if (entry.empty()) continue;
    if (host_ip) {
      const auto slash = entry.find('/');
      const auto entry_ip = ip_bytes(entry.substr(0, slash));
      if (!entry_ip) continue;
      const unsigned long bits =
          slash == std::string::npos ? entry_ip->size() * 8 : std::strtoul(entry.c_str() + slash + 1, nullptr, 10);
      if (same_prefix(*host_ip, *entry_ip, bits)) return true;
    } else if (host == entry || (host.size() > entry.size() && host.ends_with("." + entry))) {
      return true;
    }
  }
  return false;
}

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text)
    if (c <= ' ' || c >= 127 || c == ':' || c == '(' || c == ')' || c == ',' || c == ';' || c == '"' || c == '\\')
      return false;
  return true;
}

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

// The response under construction; the header callback keeps only the last response's headers
// (a proxy's CONNECT answer and 1xx interim responses come first).
struct Exchange {
  Response response;
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  const std::size_t length = size * count;
  try {
    auto& headers = static_cast<Exchange*>(user)->response.headers;
    const std::string_view line = trim(std::string_view(data, length));
    if (std::string_view(data, length).starts_with("HTTP/")) {
      headers.clear();
    } else if (!line.empty() && (data[0] == ' ' || data[0] == '\t')) {
      if (!headers.empty()) headers.back().value += " " + std::string(line);  // obsolete line folding
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
      headers.push_back({std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
    }
    return length;
  } catch (...) {
    return 0;  // out of memory: curl aborts the transfer
  }
}

// libcurl's progress callback: non-zero abandons the transfer (CURLE_ABORTED_BY_CALLBACK).
int on_progress(void* interrupt, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept {
  return static_cast<const Interrupt*>(interrupt)->raised() ? 1 : 0;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  const std::size_t length = size * count;
  try {
    static_cast<Exchange*>(user)->response.body.append(data, length);
    return length;
  } catch (...) {
    return 0;
  }
}

bool is_tls_error(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
      return true;
    default:
      return false;
  }
}

bool is_reset_error(CURLcode code) {
  switch (code) {
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

void replace_all(std::string& text, std::string_view needle, std::string_view replacement) {
  if (needle.empty()) return;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + replacement.size()))
    text.replace(at, needle.size(), replacement);
}

class CurlTransport final : public Transport {
 public:
  CurlTransport(const CurlOptions& options, const Environment& environment)
      : options_(options), handle_(curl_library() ? lib().easy_init() : nullptr) {
    https_proxy_ = first_set(environment, {"HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"});
    http_proxy_ = first_set(environment, {"HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"});
    no_proxy_ = first_set(environment, {"NO_PROXY", "no_proxy"});
    if (options.ca_bundle && !options.ca_bundle->empty())
      ca_bundle_ = Setting{*options.ca_bundle, "--ca-bundle"};
    else
      ca_bundle_ = first_set(environment, {"REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"});
    if (ca_bundle_ && !options.ca_pem) ca_problem_ = check_ca_bundle(*ca_bundle_);
    if (options.proxy_url) {
      https_proxy_ = http_proxy_ = Setting{*options.proxy_url, "proxy-url"};
      no_proxy_.reset();
    }
  }

  Result<Response, TransportError> send(const Request& request) override {
    const std::lock_guard lock(mutex_);
    if (!handle_)
      return fail(
          TransportError{Kind::other, curl_library() ? "libcurl could not be initialised" : curl_library().error()});

    const auto url = parse_url(request.url);
    if (!url || (url->scheme != "http" && url->scheme != "https"))
      return fail(TransportError{Kind::other, "invalid URL '" + without_query(request.url) +
                                                  "': only absolute http:// and https:// URLs are supported"});
    if (!is_token(request.method))
      return fail(TransportError{Kind::other, "invalid HTTP method '" + request.method + "'"});
    if (url->scheme == "https" && ca_problem_) return fail(TransportError{Kind::tls, *ca_problem_});

    Slist headers;
    auto append = [&](const std::string& line) {
      curl_slist* head = lib().slist_append(headers.get(), line.c_str());
      if (!head) return false;
      (void)headers.release();  // curl_slist_append returns the same head, or the first node
      headers.reset(head);
      return true;
    };
    for (const auto& header : request.headers) {
      if (!is_token(header.name) || has_line_break(header.value) || header.value.find('\0') != std::string::npos)
        return fail(TransportError{Kind::other,
                                   "invalid HTTP header '" + header.name + "' in a request to " + url->host_port()});
      // "Name;" is how curl sends a header with an empty value.
      if (!append(header.value.empty() ? header.name + ";" : header.name + ": " + header.value))
        return fail(TransportError{Kind::other, "out of memory"});
    }
    if (!append("Expect:")) return fail(TransportError{Kind::other, "out of memory"});  // no 100-continue wait

    // Decided here rather than by curl alone, so a failure can say which hop it was.
    const std::optional<Setting>& configured = url->scheme == "https" ? https_proxy_ : http_proxy_;
    const std::optional<Setting> proxy =
        configured && !(no_proxy_ && bypasses_proxy(no_proxy_->value, url->host)) ? configured : std::nullopt;
    // tls-server-name: the URL names that host (SNI and the certificate check follow it) while
    // CONNECT_TO sends the connection to the real one.
    std::string target = request.url;
    std::string connect_to;
    Slist connect_list;
    if (options_.tls_server_name && url->scheme == "https") {
      auto renamed = with_host(request.url, *options_.tls_server_name);
      if (!renamed)
        return fail(
            TransportError{Kind::other, "invalid tls-server-name '" + printable(*options_.tls_server_name) + "'"});
      target = std::move(*renamed);
      connect_to = *options_.tls_server_name + ":" + url->port + ":" + url->host + ":" + url->port;
      // The Host header stays the URL's, as client-go sends it (only SNI and the certificate
      // check follow tls-server-name); a reverse proxy in front of the API server may route on it.
      if (!find_header(request.headers, "Host") &&
          !append("Host: " + (url->explicit_port ? url->host_port() : url->host)))
        return fail(TransportError{Kind::other, "out of memory"});
    }
    Exchange exchange;
    CURL* curl = handle_.get();
    // Back to defaults, so nothing of the previous request (method, body, headers) carries over;
    // the connection cache survives, which is the point of keeping one handle.
    lib().easy_reset(curl);
    error_[0] = '\0';

    CURLcode set = CURLE_OK;
    auto check = [&](CURLcode code) {
      if (set == CURLE_OK) set = code;
    };
    check(lib().easy_setopt(curl, CURLOPT_ERRORBUFFER, error_));
    check(lib().easy_setopt(curl, CURLOPT_URL, target.c_str()));
    check(lib().easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https"));
    check(lib().easy_setopt(curl, CURLOPT_NOSIGNAL, 1L));
    check(lib().easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L));
    // libcurl resends a request whose reused connection died before any answer; a request that
    // must not be sent twice gets a connection of its own instead.
    if (!request.idempotent) check(lib().easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L));
    const bool verify = !options_.insecure_skip_tls_verify;
    check(lib().easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L));
    check(lib().easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L));
    if (options_.ca_pem) {
      curl_blob blob{const_cast<char*>(options_.ca_pem->data()), options_.ca_pem->size(), CURL_BLOB_COPY};
      check(lib().easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob));
      check(lib().easy_setopt(curl, CURLOPT_CAINFO, nullptr));
      check(lib().easy_setopt(curl, CURLOPT_CAPATH, nullptr));
    } else if (ca_bundle_) {
      check(lib().easy_setopt(curl, CURLOPT_CAINFO, ca_bundle_->value.c_str()));
      check(lib().easy_setopt(curl, CURLOPT_CAPATH, nullptr));  // the bundle replaces the system store
    }
    if (options_.client_certificate_pem && options_.client_key_pem) {
      curl_blob certificate{const_cast<char*>(options_.client_certificate_pem->data()),
                            options_.client_certificate_pem->size(), CURL_BLOB_COPY};
      curl_blob key{const_cast<char*>(options_.client_key_pem->data()), options_.client_key_pem->size(),
                    CURL_BLOB_COPY};
      check(lib().easy_setopt(curl, CURLOPT_SSLCERT_BLOB, &certificate));
      check(lib().easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM"));
      check(lib().easy_setopt(curl, CURLOPT_SSLKEY_BLOB, &key));
      check(lib().easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM"));
    }
    if (!connect_to.empty()) {
      connect_list.reset(lib().slist_append(nullptr, connect_to.c_str()));
      if (!connect_list) return fail(TransportError{Kind::other, "out of memory"});
      check(lib().easy_setopt(curl, CURLOPT_CONNECT_TO, connect_list.get()));
    }
    // Set explicitly, "" meaning none, so curl never reads the real process environment.
    check(lib().easy_setopt(curl, CURLOPT_PROXY, proxy ? proxy->value.c_str() : ""));
    check(lib().easy_setopt(curl, CURLOPT_NOPROXY, no_proxy_ ? no_proxy_->value.c_str() : ""));
    check(lib().easy_setopt(curl, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L));
    check(lib().easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count())));
    check(lib().easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count())));
    check(lib().easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, ""));  // whatever libcurl can decode
    if (!options_.user_agent.empty()) check(lib().easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str()));
    check(lib().easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get()));
    check(lib().easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header));
    check(lib().easy_setopt(curl, CURLOPT_HEADERDATA, &exchange));
    check(lib().easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body));
    check(lib().easy_setopt(curl, CURLOPT_WRITEDATA, &exchange));
    if (options_.interrupt) {
      check(lib().easy_setopt(curl, CURLOPT_NOPROGRESS, 0L));
      check(lib().easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress));
      check(lib().easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<Interrupt*>(options_.interrupt)));
    }

    const bool sends_body =
        !request.body.empty() || request.method == "PUT" || request.method == "POST" || request.method == "PATCH";
    if (request.method == "HEAD") {
      check(lib().easy_setopt(curl, CURLOPT_NOBODY, 1L));
    } else if (request.method == "GET" && !sends_body) {
      check(lib().easy_setopt(curl, CURLOPT_HTTPGET, 1L));
    } else {
      check(lib().easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str()));
    }
    if (sends_body) {  // an empty PUT/POST/PATCH still says Content-Length: 0
      check(lib().easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())));
      check(lib().easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data()));
    }
    if (set != CURLE_OK)
      return fail(TransportError{Kind::other, std::string("libcurl rejected an option: ") + lib().easy_strerror(set)});

    const CURLcode code = lib().easy_perform(curl);
    if (code != CURLE_OK) return fail(describe(code, *url, proxy));

    long status = 0;
    lib().easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    exchange.response.status = static_cast<int>(status);
    return std::move(exchange.response);
  }

 private:
  // OpenSSL reads the bundle itself: a directory, a device (/dev/zero) or a huge file is
  // refused here instead of read until memory runs out.
  static std::optional<std::string> check_ca_bundle(const Setting& bundle) {
    const auto problem = input_file_problem(bundle.value);
    if (!problem) return std::nullopt;
    return "CA bundle '" + bundle.value + "' (from " + bundle.source + ") cannot be read: " + *problem;
  }

  TransportError describe(CURLcode code, const UrlParts& url, const std::optional<Setting>& proxy) const {
    std::string detail = error_[0] != '\0' ? std::string(error_) : std::string(lib().easy_strerror(code));
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r')) detail.pop_back();
    replace_all(detail, url.query, "REDACTED");  // a SAS URL's query holds its signature
    if (proxy) replace_all(detail, proxy->value, proxy_display(proxy->value));

    const std::string where = url.host_port();
    long connect_code = 0;
    lib().easy_getinfo(handle_.get(), CURLINFO_HTTP_CONNECTCODE, &connect_code);
    const std::string via = proxy ? "proxy " + proxy_display(proxy->value) + " (from " + proxy->source + ")" : "";

    if (proxy && (code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT))
      return {Kind::proxy, "cannot reach " + via + " for " + where + ": " + detail +
                               "; check the proxy variable, or list the host in NO_PROXY"};
    if (proxy && (code == CURLE_PROXY || connect_code >= 300))
      return {Kind::proxy, via + " refused the tunnel to " + where + ": " + detail};
    // Cut off before any tunnel stood: the proxy dropped us, the origin never saw the request.
    if (proxy && url.scheme == "https" && connect_code == 0 && is_reset_error(code))
      return {Kind::proxy, via + " closed the connection before tunnelling to " + where + ": " + detail};
    switch (code) {
      case CURLE_ABORTED_BY_CALLBACK:
        return {Kind::interrupted, "interrupted while waiting for " + where + "'s answer"};
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST: {
        long os_error = 0;
        lib().easy_getinfo(handle_.get(), CURLINFO_OS_ERRNO, &os_error);
        if (os_error != 0) detail += " (" + std::generic_category().message(static_cast<int>(os_error)) + ")";
        return {Kind::connect, "cannot connect to " + where + ": " + detail};
      }
      case CURLE_OPERATION_TIMEDOUT:
        return {Kind::timeout, "request to " + where + " timed out (connect timeout " +
                                   std::to_string(options_.connect_timeout.count()) + " ms, total " +
                                   std::to_string(options_.total_timeout.count()) + " ms): " + detail};
      default:
        break;
    }
    if (is_tls_error(code)) {
      std::string message = "TLS with " + where + " failed: " + detail;
      if (options_.ca_pem)
        message += " (checked against the certificate-authority of the kubeconfig)";
      else if (ca_bundle_)
        message += " (CA bundle '" + ca_bundle_->value + "' from " + ca_bundle_->source + ")";
      else if (code == CURLE_PEER_FAILED_VERIFICATION)
        message +=
            " (checked against the system CA store; behind a TLS-inspecting proxy, point "
            "REQUESTS_CA_BUNDLE or SSL_CERT_FILE at a PEM bundle with its CA)";
      return {Kind::tls, message};
    }
    if (is_reset_error(code))
      return {Kind::reset, "connection to " + where + (proxy ? " via " + via : "") +
                               " closed before a complete response: " + detail};
    return {Kind::other, "request to " + where + " failed: " + detail};
  }

  CurlOptions options_;
  EasyHandle handle_;
  char error_[CURL_ERROR_SIZE] = {};
  std::optional<Setting> https_proxy_;
  std::optional<Setting> http_proxy_;
  std::optional<Setting> no_proxy_;
  std::optional<Setting> ca_bundle_;
  std::optional<std::string> ca_problem_;
  std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Transport> make_curl_transport(const CurlOptions& options, const Environment& environment) {
  return std::make_unique<CurlTransport>(options, environment);
}

}  // namespace azureml::http
