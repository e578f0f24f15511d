#include "core/kube/api_client.h"

#include <set>

#include "core/http/curl_transport.h"
#include "core/http/logging_transport.h"
#include "core/util/text.h"

namespace azureml::kube {
namespace {

using nlohmann::json;

ExitCode code_for_status(int status) {
  if (status == 401 || status == 403) return ExitCode::auth;
  if (status == 404) return ExitCode::not_found;
  if (status == 408 || status == 504) return ExitCode::timed_out;
  return ExitCode::failed;
}

// What to do about the usual refusals, in kubectl's terms.
std::string remedy(const KubeApiError& error) {
  if (!error.hint.empty()) return error.hint;
  if (error.status == 401)
    return "the cluster did not accept your kubeconfig's credentials; get fresh ones (for AKS: az aks "
           "get-credentials; for Arc: az connectedk8s proxy) and check with 'kubectl get nodes'";
  if (error.status == 403)
    return "your kubeconfig's user may not do this; ask a cluster admin for read access to it, or check with "
           "'kubectl auth can-i'";
  return "";
}

// A TLS failure in kubeconfig terms: which of the cluster's fields decide the check.
std::string tls_hint(const RestConfig& config) {
  if (!config.certificate_authority_pem)
    return "the kubeconfig gives no certificate-authority for this cluster, so the system CA store was used; add the "
           "cluster's CA as certificate-authority-data (az aks get-credentials and az connectedk8s proxy write it)";
  const std::string name =
      config.tls_server_name.empty() ? "" : " and tls-server-name '" + printable(config.tls_server_name) + "'";
  return "check the cluster's certificate-authority(-data)" + name +
         " in the kubeconfig: the server's certificate must be signed by that CA and name the server";
}

std::string query_text(const std::vector<std::pair<std::string, std::string>>& query) {
  std::string out;
  for (const auto& [name, value] : query)
    out += (out.empty() ? "?" : "&") + percent_encode(name) + "=" + percent_encode(value);
  return out;
}

http::CurlOptions curl_options(const RestConfig& config, const KubeClientOptions& client,
                               const std::optional<ClientCertificate>& certificate) {
  http::CurlOptions options;
  options.user_agent = client.user_agent;
  options.interrupt = client.interrupt;
  options.ca_pem = config.certificate_authority_pem;
  options.insecure_skip_tls_verify = config.insecure_skip_tls_verify;
  if (!config.tls_server_name.empty()) options.tls_server_name = config.tls_server_name;
  if (!config.proxy_url.empty()) options.proxy_url = config.proxy_url;
  if (config.request_timeout)
    options.total_timeout = *config.request_timeout;
  else
    options.total_timeout = std::chrono::minutes(5);  // kubectl waits forever; a script should not
  if (certificate) {
    options.client_certificate_pem = certificate->certificate_pem;
    options.client_key_pem = certificate->key_pem;
  }
  return options;
}

constexpr int kMaxRetries = 10;  // client-go's default
constexpr std::chrono::seconds kLongestRetryAfter{30};

// The wait a 429 or 5xx answer asks for in whole seconds, as client-go reads Retry-After (an
// HTTP date is not honoured there either); nullopt when the answer is not to be retried.
std::optional<std::chrono::seconds> retry_after_seconds(const http::Response& response) {
  if (response.status != 429 && (response.status < 500 || response.status > 599)) return std::nullopt;
  const auto value = http::find_header(response.headers, "Retry-After");
  if (!value || value->empty() || value->size() > 9) return std::nullopt;
  int seconds = 0;
  for (const char c : *value) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return std::chrono::seconds(seconds);
}

// The reason and message of the server's Status in `body`, or the start of the raw body when
// it is none. Lenient: this is already an error, and a Status of odd types only loses its words
// to the excerpt (a proxy's HTML page takes the same way).
void add_status(const json& body, const std::string& raw, KubeApiError& error) {
  const JsonShape status(body);
  std::string kind = status.text("kind"), reason = status.text("reason"), message = status.text("message");
  if (kind == "Status" && !status.error()) {
    error.reason = std::move(reason);
    error.message = std::move(message);
  } else {
    error.message = raw.substr(0, 200);
  }
}

}  // namespace

std::string KubeApiError::describe() const {
  const std::string where = "the Kubernetes API server at " + printable(server);
  std::string text;
  switch (kind) {
    case Kind::credential:
      text = "no credential for " + where + ": " + printable_lines(message);
      break;
    case Kind::transport:
      text = "could not reach " + where + " for GET " + printable(path) + ": " + printable(message);
      break;
    case Kind::http:
      text = where + " refused GET " + printable(path) + ": " + std::to_string(status) +
             (reason.empty() ? "" : " " + printable(reason)) + (message.empty() ? "" : ": " + printable(message));
      break;
    case Kind::response:
      text = where + " answered GET " + printable(path) + " with " + printable(message);
      break;
    case Kind::interrupted:
      text = "interrupted while waiting for " + where + "'s answer to GET " + printable(path);
      break;
  }
  if (const std::string fix = remedy(*this); !fix.empty()) text += "\n" + fix;
  return text;
}

KubeClient::KubeClient(RestConfig config, ExecCredentialCache& exec_cache, const Environment& environment, Clock& clock,
                       Log& log, KubeClientOptions options, http::Transport* transport)
    : config_(std::move(config)),
      credentials_(config_.auth, exec_cache),
      environment_(environment),
      clock_(clock),
      log_(log),
      options_(std::move(options)),
      fixed_transport_(transport) {}

KubeClient::~KubeClient() = default;

http::Transport& KubeClient::transport_for(const RequestCredentials& credentials) {
  if (fixed_transport_) return *fixed_transport_;
  const std::optional<std::string> certificate =
      credentials.client_certificate ? std::optional(credentials.client_certificate->certificate_pem) : std::nullopt;
  if (!curl_ || certificate != transport_certificate_) {
    logged_.reset();
    curl_ = http::make_curl_transport(curl_options(config_, options_, credentials.client_certificate), environment_);
    logged_ = std::make_unique<http::LoggingTransport>(*curl_, log_, clock_);
    transport_certificate_ = certificate;
  }
  return *logged_;
}

KubeApiError KubeClient::error(KubeApiError::Kind kind, std::string path, std::string message, ExitCode code) const {
  KubeApiError e;
  e.kind = kind;
  e.server = config_.server;
  e.path = std::move(path);
  e.message = std::move(message);
  e.code = code;
  return e;
}

Result<json, KubeApiError> KubeClient::get(std::string_view path,
                                           const std::vector<std::pair<std::string, std::string>>& query) {
  const std::string target = std::string(path) + query_text(query);
  int retries = 0;
  // Waits before asking again; false when no retry is left or Ctrl-C came.
  const auto retry_after = [&](std::chrono::seconds wait) {
    if (retries++ == kMaxRetries || interrupted()) return false;
    clock_.sleep_for(std::min(wait, kLongestRetryAfter));
    return !interrupted();
  };
  const auto stopped = [&] {
    return error(KubeApiError::Kind::interrupted, std::string(path), "", ExitCode::interrupted);
  };
  bool credential_refreshed = false;
  for (;;) {
    if (interrupted()) return fail(stopped());  // once Ctrl-C came, nothing more is sent
    auto credentials = credentials_.get();
    if (!credentials)
      return fail(error(KubeApiError::Kind::credential, std::string(path), credentials.error().describe(),
                        credentials.error().exit_code()));
    http::Request request{"GET", config_.server + target, {{"Accept", "application/json"}}, ""};
    if (credentials->bearer_token) request.headers.push_back({"Authorization", "Bearer " + *credentials->bearer_token});
    ++requests_;
    auto answer = transport_for(*credentials).send(request);
    if (!answer && answer.error().kind == http::TransportError::Kind::interrupted) return fail(stopped());
    if (!answer && answer.error().kind == http::TransportError::Kind::reset && retry_after(std::chrono::seconds(1)))
      continue;
    if (interrupted()) return fail(stopped());
    if (!answer) {
      const bool timeout = answer.error().kind == http::TransportError::Kind::timeout;
      KubeApiError e = error(KubeApiError::Kind::transport, std::string(path), answer.error().message,
                             timeout ? ExitCode::timed_out : ExitCode::failed);
      if (answer.error().kind == http::TransportError::Kind::tls) e.hint = tls_hint(config_);
      return fail(std::move(e));
    }
    const http::Response& response = *answer;
    if (const auto wait = retry_after_seconds(response); wait && retry_after(*wait)) continue;
    if (interrupted()) return fail(stopped());
    // A 401 may mean an exec credential expired early: run the plugin again, once.
    if (response.status == 401 && !credential_refreshed && config_.auth.exec) {
      credential_refreshed = true;
      credentials_.invalidate();
      continue;
    }
    json body = json::parse(response.body, nullptr, false);
    if (response.status < 200 || response.status >= 300) {
      KubeApiError e = error(KubeApiError::Kind::http, std::string(path), "", code_for_status(response.status));
      e.status = response.status;
      add_status(body, response.body, e);
      return fail(std::move(e));
    }
    if (body.is_discarded() || !body.is_object())
      return fail(
          error(KubeApiError::Kind::response, std::string(path), "a body that is not a JSON object", ExitCode::failed));
    return body;
  }
}

KubeApiError KubeClient::unexpected_shape(std::string_view path, const ShapeError& shape) const {
  return error(KubeApiError::Kind::response, std::string(path), "JSON of an unexpected shape: " + shape.describe(),
               ExitCode::failed);
}

std::optional<KubeApiError> KubeClient::each_item(std::string_view path, const std::string& label_selector,
                                                  const std::function<void(const JsonShape&)>& take) {
  std::string continue_token;
  // Every token seen: a server that hands one out again (at once, or after others: A, B, A)
  // would otherwise be paged forever.
  std::set<std::string> seen;
  do {
    std::vector<std::pair<std::string, std::string>> query = {{"limit", std::to_string(options_.page_size)}};
    if (!label_selector.empty()) query.emplace_back("labelSelector", label_selector);
    if (!continue_token.empty()) query.emplace_back("continue", continue_token);
    auto page = get(path, query);
    if (!page) return page.error();
    // One reader per page: what `take` reads of an item is checked with the page's own fields.
    const JsonShape shape(*page);
    for (const JsonShape& item : shape.objects("items")) take(item);
    std::string next = shape.object("metadata").text("continue");
    if (shape.error()) return unexpected_shape(path, *shape.error());
    if (!next.empty() && !seen.insert(next).second)
      return error(KubeApiError::Kind::response, std::string(path),
                   "a continue token it had already given (the list would never end)", ExitCode::failed);
    continue_token = std::move(next);
  } while (!continue_token.empty());
  return std::nullopt;
}

Result<std::vector<json>, KubeApiError> KubeClient::list(std::string_view path, const std::string& label_selector) {
  std::vector<json> items;
  if (auto failed = each_item(path, label_selector, [&](const JsonShape& item) { items.push_back(item.json()); }))
    return fail(std::move(*failed));
  return items;
}

Result<bool, KubeApiError> KubeClient::namespace_exists(const std::string& name) {
  auto got = get("/api/v1/namespaces/" + percent_encode(name));
  if (got) return true;
  if (got.error().kind == KubeApiError::Kind::http && got.error().status == 404) return false;
  return fail(std::move(got.error()));
}

template <typename T>
Result<std::vector<T>, KubeApiError> KubeClient::read_all(std::string_view path, T (*read)(const JsonShape&)) {
  std::vector<T> out;
  if (auto failed = each_item(path, "", [&](const JsonShape& item) { out.push_back(read(item)); }))
    return fail(std::move(*failed));
  return out;
}

Result<std::vector<Node>, KubeApiError> KubeClient::nodes() { return read_all<Node>("/api/v1/nodes", node_from_json); }

Result<std::vector<Pod>, KubeApiError> KubeClient::pods(const std::string& namespace_name) {
  return read_all<Pod>("/api/v1/namespaces/" + percent_encode(namespace_name) + "/pods", pod_from_json);
}

Result<std::vector<DaemonSet>, KubeApiError> KubeClient::daemon_sets() {
  return read_all<DaemonSet>("/apis/apps/v1/daemonsets", daemon_set_from_json);
}

Result<std::optional<ConfigMap>, KubeApiError> KubeClient::config_map(const std::string& namespace_name,
                                                                      const std::string& name) {
  const std::string path =
      "/api/v1/namespaces/" + percent_encode(namespace_name) + "/configmaps/" + percent_encode(name);
  auto got = get(path);
  if (got) {
    const JsonShape shape(*got);
    ConfigMap map = config_map_from_json(shape);
    if (shape.error()) return fail(unexpected_shape(path, *shape.error()));
    return std::optional<ConfigMap>(std::move(map));
  }
  if (got.error().kind == KubeApiError::Kind::http && got.error().status == 404) return std::optional<ConfigMap>();
  return fail(std::move(got.error()));
}

}  // namespace azureml::kube
