// The user half of load_rest_config: the kubeconfig's user entry with --token,
// --client-certificate and --client-key applied (client-go's getAuthInfo and
// getUserIdentificationPartialConfig):
//   token / tokenFile   both kept; tokenFile's content wins whenever it can be read, `token` is the
//                       fallback (current client-go). Only when there is no `token` must the file
//                       be readable now. One difference: --token drops the file's tokenFile
//                       (client-go would let the file win over the flag the user just typed).
//   client certificate  -data wins over the path; --client-certificate / --client-key replace
//                       both path and data; a certificate needs its key and the other way round
//   exec                run only when there is no token and no client certificate (client-go
//                       skips the plugin then), but checked in any case, as client-go does
//   auth-provider       refused: azure and gcp were removed from kubectl 1.26 (use kubelogin),
//                       the others are not implemented here
//   impersonation       refused (as, as-groups, ...): acting as yourself instead would be worse
//                       than failing
//   username/password   ignored with a warning (basic auth is long gone from AKS and Arc)
#include <algorithm>

#include "core/kube/kubeconfig_resolve.h"
#include "core/util/file_read.h"

namespace azureml::kube {
namespace {

constexpr std::string_view kPemCertificate = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kPemKeyEnd = "PRIVATE KEY-----";

std::string in_quotes(const std::string& text) { return "'" + text + "'"; }

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// One PEM part (certificate or key) and where it came from.
struct PemSource {
  std::string file;  // kubeconfig; "" for a flag
  config::Position at;
  std::string key;                  // "client-certificate-data", "--client-key", ...
  std::optional<std::string> data;  // inline (already decoded)
  std::optional<std::string> path;  // to read
};

class UserResolver {
 public:
  UserResolver(const UserEntry* user, const ClusterEntry* cluster, const KubeconfigOverrides& overrides,
               RestConfig& out, Problems& problems)
      : user_(user), cluster_(cluster), overrides_(overrides), out_(out), problems_(problems) {}

  void run() {
    if (user_) refuse_unsupported();
    tokens();
    client_certificate();
    if (!user_ || !user_->exec) return;
    auto exec = resolve_exec(*user_, out_, cluster_ ? cluster_->exec_extension : nlohmann::json(), problems_);
    auto& auth = out_.auth;
    if (!exec) return;
    if (auth.token || auth.token_file || auth.client_certificate) {
      problems_.warning(user_->file, user_->exec->at,
                        owner() +
                            " has a token or client certificate as well as exec; the exec plugin is not run "
                            "(as kubectl)");
      return;
    }
    auth.exec = std::move(exec);
  }

 private:
  std::string owner() const { return "user " + in_quotes(user_->name); }

  void refuse_unsupported() {
    if (const auto& provider = user_->auth_provider) {
      const auto& name = provider->value;
      if (name == "azure")
        problems_.error(
            user_->file, provider->at, owner() + ": the azure auth-provider was removed from kubectl 1.26",
            "convert the kubeconfig to the kubelogin exec plugin: 'kubelogin convert-kubeconfig -l azurecli', "
            "see https://github.com/Azure/kubelogin");
      else if (name == "gcp")
        problems_.error(user_->file, provider->at, owner() + ": the gcp auth-provider was removed from kubectl 1.26",
                        "use the gke-gcloud-auth-plugin exec plugin");
      else
        problems_.error(user_->file, provider->at,
                        owner() + ": auth-provider " + in_quotes(name) + " is not supported by kubectl-azureml",
                        "use an exec credential plugin instead");
    }
    if (user_->impersonation)
      problems_.error(
          user_->file, *user_->impersonation,
          owner() + ": impersonation (as, as-uid, as-groups, as-user-extra) is not supported by kubectl-azureml",
          "use a user that is granted the access directly");
    if (user_->basic_auth)
      problems_.warning(user_->file, *user_->basic_auth,
                        owner() + ": username/password (basic authentication) is not supported and is ignored");
  }

  void tokens() {
    auto& auth = out_.auth;
    if (auto flag = given(overrides_.token)) {
      auth.token = *flag;
      return;  // --token wins outright (see the top of this file)
    }
    if (!user_) return;
    if (user_->token) auth.token = user_->token->value;
    if (const auto& file = user_->token_file) {
      auth.token_file = file->value;
      if (auth.token) return;  // readable or not, the token is the fallback: nothing to check now
      auto text = read_whole_file(file->value);
      if (!text)
        problems_.error(user_->file, file->at,
                        owner() + ": cannot read tokenFile " + in_quotes(file->value) + ": " + text.error().reason,
                        "a relative path is relative to the kubeconfig's directory");
      else if (trim(text.value()).empty())
        problems_.error(user_->file, file->at, owner() + ": tokenFile " + in_quotes(file->value) + " is empty");
    }
  }

  void client_certificate() {
    PemSource certificate;
    PemSource key;
    if (auto flag = given(overrides_.client_certificate)) {
      certificate = PemSource{"", {}, "--client-certificate", std::nullopt, *flag};
    } else if (user_) {
      certificate = from_file(user_->client_certificate_data, user_->client_certificate, "client-certificate");
    }
    if (auto flag = given(overrides_.client_key)) {
      key = PemSource{"", {}, "--client-key", std::nullopt, *flag};
    } else if (user_) {
      key = from_file(user_->client_key_data, user_->client_key, "client-key");
    }
    const bool has_certificate = certificate.data || certificate.path;
    const bool has_key = key.data || key.path;
    if (!has_certificate && !has_key) return;
    if (has_certificate != has_key) {
      const auto& present = has_certificate ? certificate : key;
      const std::string missing = has_certificate ? "client-key" : "client-certificate";
      report(present, present.key + " is set but " + missing + " is not",
             "a client certificate needs its key: set " + missing + " or " + missing + "-data (or --" + missing + ")");
      return;
    }
    auto certificate_pem = load(certificate, kPemCertificate, "a PEM certificate");
    auto key_pem = load(key, kPemKeyEnd, "a PEM private key");
    if (certificate_pem && key_pem)
      out_.auth.client_certificate = ClientCertificate{std::move(*certificate_pem), std::move(*key_pem)};
  }

  // `-data` wins over the path (a warning says so when both are there).
  PemSource from_file(const std::optional<Field<std::string>>& data, const std::optional<Field<std::string>>& path,
                      const std::string& key) {
    if (data) {
      if (path)
        problems_.warning(
            user_->file, path->at,
            owner() + " sets both " + key + " and " + key + "-data; the data is used (kubectl refuses the pair)");
      return PemSource{user_->file, data->at, key + "-data", data->value, std::nullopt};
    }
    if (path) return PemSource{user_->file, path->at, key, std::nullopt, path->value};
    return PemSource{};
  }

  void report(const PemSource& source, std::string message, std::string hint = {}) {
    if (source.file.empty())
      problems_.error(source.key + ": " + message, std::move(hint));
    else
      problems_.error(source.file, source.at, owner() + ": " + message, std::move(hint));
  }

  std::optional<std::string> load(const PemSource& source, std::string_view marker, const std::string& what) {
    std::string text;
    if (source.data) {
      text = *source.data;
    } else {
      auto read = read_whole_file(*source.path);
      if (!read) {
        report(source,
               "cannot read " + (source.file.empty() ? std::string() : source.key + " ") + in_quotes(*source.path) +
                   ": " + read.error().reason,
               source.file.empty() ? "" : "a relative path is relative to the kubeconfig's directory");
        return std::nullopt;
      }
      text = std::move(read).value();
    }
    if (text.find(marker) == std::string::npos) {
      // Never quote the content: it may be a key.
      report(source, (source.data ? source.key : in_quotes(*source.path)) + " does not hold " + what,
             source.data ? "it must decode to PEM text (was it base64-encoded twice?)" : "");
      return std::nullopt;
    }
    return text;
  }

  const UserEntry* user_;
  const ClusterEntry* cluster_;
  const KubeconfigOverrides& overrides_;
  RestConfig& out_;
  Problems& problems_;
};

}  // namespace

void resolve_user(const UserEntry* user, const ClusterEntry* cluster, const KubeconfigOverrides& overrides,
                  RestConfig& out, Problems& problems) {
  UserResolver(user, cluster, overrides, out, problems).run();
}

}  // namespace azureml::kube
