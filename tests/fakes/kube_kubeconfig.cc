#include "tests/fakes/kube_kubeconfig.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

// Names and values here are ours (URLs, base64, tokens without quotes or newlines); quoting
// every scalar keeps YAML from reading one as a number or a bool.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string kube_kubeconfig_text(const KubeconfigSpec& spec) {
  std::string text = "apiVersion: v1\nkind: Config\npreferences: {}\nclusters:\n- name: " + quoted(spec.cluster) +
                     "\n  cluster:\n    server: " + quoted(spec.server) + "\n";
  if (!spec.ca_pem.empty()) text += "    certificate-authority-data: " + base64_encode(spec.ca_pem) + "\n";
  text += "users:\n- name: " + quoted(spec.user) + "\n  user:\n";
  bool credential = false;
  if (!spec.token.empty()) {
    text += "    token: " + quoted(spec.token) + "\n";
    credential = true;
  }
  if (!spec.client_certificate_pem.empty()) {
    text += "    client-certificate-data: " + base64_encode(spec.client_certificate_pem) + "\n";
    text += "    client-key-data: " + base64_encode(spec.client_key_pem) + "\n";
    credential = true;
  }
  if (!credential) text.replace(text.size() - 1, 1, " {}\n");  // "user: {}": anonymous
  text += "contexts:\n- name: " + quoted(spec.context) + "\n  context:\n    cluster: " + quoted(spec.cluster) +
          "\n    user: " + quoted(spec.user) + "\n";
  if (!spec.namespace_name.empty()) text += "    namespace: " + quoted(spec.namespace_name) + "\n";
  text += "current-context: " + quoted(spec.context) + "\n";
  return text;
}

void write_kube_kubeconfig(const std::string& path, const KubeconfigSpec& spec) {
  const std::string text = kube_kubeconfig_text(spec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write kubeconfig '" + path + "': " + std::strerror(errno));
  ::fchmod(fd, 0600);  // an existing file keeps its mode through O_CREAT
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      throw std::runtime_error("cannot write kubeconfig '" + path + "': " + std::strerror(error));
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

}  // namespace azureml::fakes
