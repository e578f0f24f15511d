#pragma once
// A kubeconfig that points kubectl (or our client) at a fake API server: one cluster with
// the CA inlined (certificate-authority-data), one user with a bearer token or a client
// certificate and key (inlined too), and one context, made current.
#include <string>

namespace azureml::fakes {

struct KubeconfigSpec {
  std::string server;  // "https://127.0.0.1:PORT"
  std::string ca_pem;  // the CA the server's certificate chains to
  std::string token;   // bearer token; or:
  std::string client_certificate_pem;
  std::string client_key_pem;
  std::string cluster = "fake-kube";
  std::string user = "fake-kube-user";
  std::string context = "fake-kube";
  std::string namespace_name;  // the context's namespace; "" for none
};

std::string kube_kubeconfig_text(const KubeconfigSpec& spec);
// Writes the text readable by the owner only (it holds a credential). Throws std::runtime_error.
void write_kube_kubeconfig(const std::string& path, const KubeconfigSpec& spec);

}  // namespace azureml::fakes
