// The cluster half of load_rest_config: the kubeconfig's cluster entry with kubectl's flags
// applied the way client-go's DirectClientConfig.getCluster applies them:
//   --server replaces server; --server or --tls-server-name replaces tls-server-name (so a new
//   --server drops the file's tls-server-name unless --tls-server-name is given too)
//   --insecure-skip-tls-verify or --certificate-authority replaces the CA, its data and the
//   insecure flag together (else a file's CA plus the flag would be refused as a conflict)
// One difference: --insecure-skip-tls-verify=false turns the file's insecure flag off (kubectl
// ignores a false flag; whoever types it means to verify).
#include <algorithm>

#include "core/kube/kubeconfig_resolve.h"
#include "core/util/file_read.h"
#include "core/util/text.h"
#include "core/util/url.h"

namespace azureml::kube {
namespace {

constexpr std::string_view kPemCertificate = "-----BEGIN CERTIFICATE-----";

std::string in_quotes(const std::string& text) { return "'" + text + "'"; }

// Where a value came from, for messages: a place in a file, or a flag.
struct Origin {
  std::string file;  // "" for a flag
  config::Position at;
  std::string name;  // the key or the flag: "certificate-authority", "--certificate-authority"
};

void report(Problems& problems, const Origin& origin, std::string message, std::string hint = {}) {
  if (origin.file.empty())
    problems.error(origin.name + ": " + message, std::move(hint));
  else
    problems.error(origin.file, origin.at, std::move(message), std::move(hint));
}

// "https://host:6443/" -> "https://host:6443"; a server without a scheme is https (kubeconfigs
// from some tools write host:port). nullopt with `why` set when the URL cannot be used.
std::optional<std::string> normalize_server(const std::string& server, std::string& why) {
  std::string url = server.find("://") == std::string::npos ? "https://" + server : server;
  const auto separator = url.find("://");
  const auto parts = split_url(url);  // nullopt only for a scheme of other characters
  const std::string scheme = parts ? parts->scheme : to_lower(url.substr(0, separator));
  if (scheme != "https" && scheme != "http") {
    why = "the scheme must be https or http, found " + in_quotes(scheme);
    return std::nullopt;
  }
  url.replace(0, separator, scheme);  // the same length: the separator stays where it was
  const auto host_start = separator + 3;
  if (parts->host.empty()) {
    why = "it has no host";
    return std::nullopt;
  }
  if (url.find_first_of(" \t\r\n") != std::string::npos) {
    why = "it contains white space";
    return std::nullopt;
  }
  while (url.size() > host_start + 1 && url.back() == '/') url.pop_back();
  return url;
}

bool valid_proxy_scheme(const std::string& url) {
  const auto separator = url.find("://");
  if (separator == std::string::npos) return false;
  const std::string scheme = to_lower(url.substr(0, separator));
  return (scheme == "http" || scheme == "https" || scheme == "socks5") && separator + 3 < url.size();
}

class ClusterResolver {
 public:
  ClusterResolver(const ClusterEntry* cluster, const KubeconfigOverrides& overrides, RestConfig& out,
                  Problems& problems)
      : cluster_(cluster), overrides_(overrides), out_(out), problems_(problems) {}

  void run() {
    server();
    tls_server_name();
    trust();
    if (cluster_ && cluster_->proxy_url) {
      const auto& proxy = *cluster_->proxy_url;
      if (!valid_proxy_scheme(proxy.value))
        problems_.error(cluster_->file, proxy.at, owner() + ": proxy-url " + in_quotes(proxy.value) + " is not usable",
                        "write http://HOST:PORT, https://HOST:PORT or socks5://HOST:PORT");
      else
        out_.proxy_url = proxy.value;
    }
    if (cluster_ && cluster_->disable_compression) out_.disable_compression = cluster_->disable_compression->value;
  }

 private:
  std::string owner() const { return "cluster " + in_quotes(cluster_->name); }
  Origin in_file(const std::string& key, config::Position at) const { return Origin{cluster_->file, at, key}; }

  void server() {
    Origin origin{"", {}, "--server"};
    std::string server;
    if (auto flag = given(overrides_.server)) {
      server = *flag;
    } else if (cluster_ && cluster_->server) {
      server = cluster_->server->value;
      origin = in_file("server", cluster_->server->at);
    } else {
      if (cluster_)
        problems_.error(cluster_->file, cluster_->at, owner() + " has no server",
                        "add `server: https://HOST:PORT` to it, or pass --server URL");
      else
        problems_.error("no API server: pass --server URL or --context NAME");
      return;
    }
    std::string why;
    if (auto url = normalize_server(server, why))
      out_.server = *url;
    else
      report(problems_, origin, "server " + in_quotes(server) + " is not a usable URL: " + why,
             "write https://HOST:PORT");
  }

  void tls_server_name() {
    if (given(overrides_.tls_server_name) || given(overrides_.server))
      out_.tls_server_name = given(overrides_.tls_server_name).value_or("");
    else if (cluster_ && cluster_->tls_server_name)
      out_.tls_server_name = cluster_->tls_server_name->value;
  }

  // The CA and the insecure flag, which replace each other as a pair.
  void trust() {
    const auto ca_flag = given(overrides_.certificate_authority);
    if (ca_flag || overrides_.insecure_skip_tls_verify.value_or(false)) {
      out_.insecure_skip_tls_verify = overrides_.insecure_skip_tls_verify.value_or(false);
      if (ca_flag) out_.certificate_authority_pem = read_ca(*ca_flag, Origin{"", {}, "--certificate-authority"});
      if (ca_flag && out_.insecure_skip_tls_verify)
        problems_.error("--insecure-skip-tls-verify and --certificate-authority cannot be used together",
                        "client-go refuses a CA with the insecure flag: drop one of them");
      return;
    }
    std::optional<Origin> insecure_origin;
    if (cluster_ && cluster_->insecure_skip_tls_verify && cluster_->insecure_skip_tls_verify->value) {
      out_.insecure_skip_tls_verify = true;
      insecure_origin = in_file("insecure-skip-tls-verify", cluster_->insecure_skip_tls_verify->at);
    }
    if (overrides_.insecure_skip_tls_verify && !*overrides_.insecure_skip_tls_verify) {
      out_.insecure_skip_tls_verify = false;  // an explicit --insecure-skip-tls-verify=false
      insecure_origin.reset();
    }
    if (!cluster_) return;
    std::optional<Origin> ca_origin;
    if (const auto& data = cluster_->certificate_authority_data) {
      ca_origin = in_file("certificate-authority-data", data->at);
      if (cluster_->certificate_authority)
        problems_.warning(cluster_->file, cluster_->certificate_authority->at,
                          owner() +
                              " sets both certificate-authority and certificate-authority-data; "
                              "the data is used (kubectl refuses the pair)");
      if (data->value.find(kPemCertificate) == std::string::npos)
        problems_.error(cluster_->file, data->at,
                        owner() + ": certificate-authority-data does not hold a PEM certificate",
                        "it must decode to text starting with " + std::string(kPemCertificate) +
                            " (was it base64-encoded twice, or is it DER?)");
      else
        out_.certificate_authority_pem = data->value;
    } else if (const auto& path = cluster_->certificate_authority) {
      ca_origin = in_file("certificate-authority", path->at);
      out_.certificate_authority_pem = read_ca(path->value, *ca_origin);
    }
    if (out_.insecure_skip_tls_verify && ca_origin) {
      problems_.error(insecure_origin->file, insecure_origin->at,
                      owner() + " sets both insecure-skip-tls-verify and a certificate authority (" + ca_origin->name +
                          " at " + config::in_words(ca_origin->at) + ")",
                      "client-go refuses the pair: remove insecure-skip-tls-verify to verify the server with the CA, "
                      "or remove the CA");
      out_.certificate_authority_pem.reset();
    }
  }

  std::optional<std::string> read_ca(const std::string& path, const Origin& origin) {
    auto text = read_whole_file(path);
    if (!text) {
      report(problems_, origin,
             "cannot read " + (origin.file.empty() ? std::string("") : origin.name + " ") + in_quotes(path) + ": " +
                 text.error().reason,
             origin.file.empty() ? ""
                                 : "a relative path is relative to the kubeconfig's directory; or embed the CA "
                                   "as certificate-authority-data");
      return std::nullopt;
    }
    if (text->find(kPemCertificate) == std::string::npos) {
      report(problems_, origin, in_quotes(path) + " does not hold a PEM certificate",
             "it must contain " + std::string(kPemCertificate));
      return std::nullopt;
    }
    return std::move(text).value();
  }

  const ClusterEntry* cluster_;
  const KubeconfigOverrides& overrides_;
  RestConfig& out_;
  Problems& problems_;
};

}  // namespace

void resolve_cluster(const ClusterEntry* cluster, const KubeconfigOverrides& overrides, RestConfig& out,
                     Problems& problems) {
  ClusterResolver(cluster, overrides, out, problems).run();
}

}  // namespace azureml::kube
