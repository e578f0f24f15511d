#include "core/kube/kubeconfig_credentials.h"

#include "core/util/file_read.h"

namespace azureml::kube {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

KubeCredentials::KubeCredentials(UserAuth auth, ExecCredentialCache& exec_cache)
    : auth_(std::move(auth)), exec_cache_(exec_cache) {}

Result<RequestCredentials, KubeError> KubeCredentials::get() {
  RequestCredentials credentials;
  credentials.client_certificate = auth_.client_certificate;
  if (auth_.token_file) {
    auto text = read_whole_file(*auth_.token_file);
    std::string token = text ? trim(text.value()) : std::string();
    if (!token.empty()) {
      credentials.bearer_token = std::move(token);
    } else if (auth_.token) {
      credentials.bearer_token = auth_.token;  // the fallback client-go keeps
    } else {
      const std::string why = text ? "it is empty" : text.error().reason;
      return fail(kube_error(KubeError::Kind::credential,
                             KubeProblem{{},
                                         {},
                                         "cannot read the token file '" + *auth_.token_file + "': " + why,
                                         "the kubeconfig's tokenFile must hold a bearer token"}));
    }
  } else if (auth_.token) {
    credentials.bearer_token = auth_.token;
  }
  if (auth_.exec && !credentials.bearer_token && !credentials.client_certificate) {
    auto answer = exec_cache_.get(*auth_.exec);
    if (!answer) return fail(answer.error());
    credentials.bearer_token = answer->token;
    credentials.client_certificate = answer->client_certificate;
  }
  return credentials;
}

void KubeCredentials::invalidate() {
  if (auth_.exec) exec_cache_.invalidate(*auth_.exec);
}

}  // namespace azureml::kube
