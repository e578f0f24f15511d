#include "tests/fakes/kube_auth.h"

#include <httplib.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <stdexcept>

#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

std::vector<std::string> name_entries(X509_NAME* name, int nid) {
  std::vector<std::string> values;
  for (int at = X509_NAME_get_index_by_NID(name, nid, -1); at >= 0; at = X509_NAME_get_index_by_NID(name, nid, at)) {
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
    values.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                        static_cast<std::size_t>(ASN1_STRING_length(data)));
  }
  return values;
}

// Requests a client certificate but lets every handshake through; the verdict is read per
// request from SSL_get_verify_result.
int accept_any_client(int, X509_STORE_CTX*) { return 1; }

}  // namespace

const char* to_string(KubeAuthMethod method) {
  switch (method) {
    case KubeAuthMethod::token:
      return "token";
    case KubeAuthMethod::certificate:
      return "certificate";
    case KubeAuthMethod::none:
      break;
  }
  return "none";
}

KubeAuthenticator::KubeAuthenticator() : trusted_(X509_STORE_new()) {
  if (!trusted_) throw std::runtime_error("fake-kube: X509_STORE_new failed");
  X509_STORE_set_flags(trusted_.get(), X509_V_FLAG_PARTIAL_CHAIN);
}

KubeAuthenticator::~KubeAuthenticator() = default;

void KubeAuthenticator::add_token(const std::string& token, const std::string& user) {
  std::lock_guard lock(mutex_);
  tokens_[token] = user;
}

void KubeAuthenticator::remove_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  tokens_.erase(token);
}

CertificateAndKey KubeAuthenticator::issue_client_certificate(const std::string& user) {
  CertificateAndKey issued = generate_client_certificate(user);
  std::unique_ptr<BIO, BioDeleter> bio(
      BIO_new_mem_buf(issued.certificate_pem.data(), static_cast<int>(issued.certificate_pem.size())));
  std::unique_ptr<X509, X509Deleter> cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  // X509_STORE locks itself: a serving context picks the certificate up at its next handshake.
  if (!cert || X509_STORE_add_cert(trusted_.get(), cert.get()) != 1) {
    throw std::runtime_error("fake-kube: cannot trust the issued client certificate");
  }
  return issued;
}

bool KubeAuthenticator::configure_tls(SSL_CTX& context, const TestCertificates& certificates) const {
  SSL_CTX_set_options(&context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
  if (SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION) != 1) return false;
  if (SSL_CTX_use_certificate_chain_file(&context, certificates.certificate_file().c_str()) != 1) return false;
  if (SSL_CTX_use_PrivateKey_file(&context, certificates.key_file().c_str(), SSL_FILETYPE_PEM) != 1) return false;
  if (SSL_CTX_check_private_key(&context) != 1) return false;
  // Shared, not copied: certificates issued while serving are trusted at once.
  SSL_CTX_set1_cert_store(&context, trusted_.get());
  X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(&context), X509_V_FLAG_PARTIAL_CHAIN);
  SSL_CTX_set_verify(&context, SSL_VERIFY_PEER, accept_any_client);
  // Servers that verify peers must name their sessions, or OpenSSL fails resumed handshakes.
  static constexpr unsigned char kSessionContext[] = "fake-kube";
  return SSL_CTX_set_session_id_context(&context, kSessionContext, sizeof kSessionContext - 1) == 1;
}

KubeIdentity KubeAuthenticator::identify(const httplib::Request& request) const {
  if (request.ssl != nullptr) {
    std::unique_ptr<X509, X509Deleter> peer(SSL_get1_peer_certificate(request.ssl));
    if (peer && SSL_get_verify_result(request.ssl) == X509_V_OK) {
      X509_NAME* subject = X509_get_subject_name(peer.get());
      const std::vector<std::string> common_names = name_entries(subject, NID_commonName);
      if (!common_names.empty() && !common_names.front().empty()) {
        return {KubeAuthMethod::certificate, common_names.front(), name_entries(subject, NID_organizationName)};
      }
    }
  }
  const std::string authorization = request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  // The scheme is case-insensitive, as in kube-apiserver's bearer token authenticator.
  if (authorization.size() > kBearer.size() && to_lower(authorization.substr(0, kBearer.size())) == "bearer ") {
    const std::string token = authorization.substr(kBearer.size());
    std::lock_guard lock(mutex_);
    if (const auto found = tokens_.find(token); found != tokens_.end()) {
      return {KubeAuthMethod::token, found->second, {"system:authenticated"}};
    }
  }
  return {};
}

}  // namespace azureml::fakes
