#pragma once
// A small client of the Kubernetes API server over core/http: the reads doctor, attach and
// show need, as kubectl would make them (the same server, TLS settings and credentials,
// from a RestConfig). GETs only: this product never changes a cluster directly; the
// extension's operator does.
//
//   credentials  before each request (token file re-read, exec plugin cached); after a 401 the
//                exec credential is dropped and the request sent once more, as client-go does
//   lists        paged with limit and continue, so a thousand-node cluster costs a few requests
//   errors       the server's Status (reason, message) with the exit code:
//                401/403 -> 3, 404 -> 4, timeouts -> 5, anything else -> 1
//   answers      read through JsonShape: a field of another type than the API gives it (items
//                not an array, a name that is a number) is exit 1 naming the request, the JSON
//                path and both types, never an empty field read in its place
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/exec_credential.h"
#include "core/kube/kubeconfig.h"
#include "core/kube/kubeconfig_credentials.h"
#include "core/kube/objects.h"
#include "core/util/exit_code.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"
#include "core/util/interrupt.h"
#include "core/util/json_shape.h"
#include "core/util/log.h"
#include "core/util/result.h"

namespace azureml::kube {

struct KubeApiError {
  enum class Kind {
    credential,   // no credential could be had (plugin failed, token file unreadable)
    transport,    // the server could not be reached (refused, TLS, proxy, timeout)
    http,         // the server answered with an error status
    response,     // the server answered 2xx with a body that is not the expected JSON
    interrupted,  // Ctrl-C abandoned the request (KubeClientOptions::interrupt); exit 130
  };
  Kind kind = Kind::http;
  std::string server;   // "https://10.0.0.1:6443"
  std::string path;     // "/api/v1/namespaces/azureml"
  int status = 0;       // HTTP status; 0 when none
  std::string reason;   // the Status's reason: NotFound, Forbidden, Unauthorized, ...
  std::string message;  // the Status's message, or what failed
  ExitCode code = ExitCode::failed;
  // What to do, when neither the status nor the message says it (a TLS failure); "" otherwise.
  std::string hint;

  ExitCode exit_code() const { return code; }
  // "the Kubernetes API server at https://... refused GET /api/v1/nodes: Forbidden: nodes is
  // forbidden: User ... cannot list ... (your kubeconfig user cannot ...; ask for ...)".
  std::string describe() const;
};

struct KubeClientOptions {
  std::string user_agent = "kubectl-azureml";
  std::size_t page_size = 500;  // list `limit`
  // Once raised, a request in flight is abandoned within a second and none is sent. Not owned.
  const Interrupt* interrupt = nullptr;
};

class KubeClient {
 public:
  // `exec_cache`, `environment`, `clock` and `log` must outlive the client. `transport`: for
  // tests; nullptr builds the libcurl one from the RestConfig (CA, client certificate,
  // tls-server-name, proxy-url, insecure-skip-tls-verify, request timeout).
  KubeClient(RestConfig config, ExecCredentialCache& exec_cache, const Environment& environment, Clock& clock, Log& log,
             KubeClientOptions options = {}, http::Transport* transport = nullptr);
  ~KubeClient();
  KubeClient(const KubeClient&) = delete;
  KubeClient& operator=(const KubeClient&) = delete;

  const RestConfig& config() const { return config_; }

  // GET `path` (with `query`, percent-encoded): the JSON body. Retried as kubectl retries a GET:
  // a 429 or 5xx that carries a Retry-After of whole seconds is asked again after that wait (at
  // most 30 s), a connection reset after a second; 10 retries at most. Ctrl-C ends a wait.
  Result<nlohmann::json, KubeApiError> get(std::string_view path,
                                           const std::vector<std::pair<std::string, std::string>>& query = {});
  // Every item of a list, following `continue`. An item that is not an object, or a page whose
  // `items` or `metadata.continue` is of another type, is a Kind::response error.
  Result<std::vector<nlohmann::json>, KubeApiError> list(std::string_view path, const std::string& label_selector = "");

  // false when the namespace does not exist (404); an error for anything else.
  Result<bool, KubeApiError> namespace_exists(const std::string& name);
  Result<std::vector<Node>, KubeApiError> nodes();
  Result<std::vector<Pod>, KubeApiError> pods(const std::string& namespace_name);
  Result<std::vector<DaemonSet>, KubeApiError> daemon_sets();  // in every namespace
  // nullopt when it does not exist.
  Result<std::optional<ConfigMap>, KubeApiError> config_map(const std::string& namespace_name, const std::string& name);

  std::size_t requests_sent() const { return requests_; }

 private:
  http::Transport& transport_for(const RequestCredentials& credentials);
  KubeApiError error(KubeApiError::Kind kind, std::string path, std::string message, ExitCode code) const;
  // Kind::response: the answer to GET `path` differs from its contract at `shape`.
  KubeApiError unexpected_shape(std::string_view path, const ShapeError& shape) const;
  // Every item of the list at `path`, following `continue`, each given to `take` as a reader made
  // from its page, so that a shape error's path runs from the answer's root
  // ("$.items[3].status.capacity"); the error when a page failed or was of another shape.
  std::optional<KubeApiError> each_item(std::string_view path, const std::string& label_selector,
                                        const std::function<void(const JsonShape&)>& take);
  // Every item of the list at `path`, read by `read` (node_from_json, ...).
  template <typename T>
  Result<std::vector<T>, KubeApiError> read_all(std::string_view path, T (*read)(const JsonShape&));
  bool interrupted() const { return options_.interrupt && options_.interrupt->raised(); }

  RestConfig config_;
  KubeCredentials credentials_;
  const Environment& environment_;
  Clock& clock_;
  Log& log_;
  KubeClientOptions options_;
  http::Transport* fixed_transport_;
  // The libcurl transport, rebuilt only when the client certificate changes (an exec plugin
  // may hand out a new one): one TLS session per certificate.
  std::optional<std::string> transport_certificate_;
  std::unique_ptr<http::Transport> curl_;
  std::unique_ptr<http::Transport> logged_;
  std::size_t requests_ = 0;
};

}  // namespace azureml::kube
