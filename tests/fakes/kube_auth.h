#pragma once
// Who a request to the fake API server comes from, checked as kube-apiserver does: a client
// certificate its TLS layer verified (user = CN, groups = O), else a bearer token it knows.
// The TLS context asks for a client certificate without requiring one (token clients send
// none) and never fails a handshake over it: an untrusted certificate just authenticates no
// one, and the request gets 401 like an unknown token.
//
// Trusted client certificates are the ones issue_client_certificate() made. TestCertificates
// keeps no CA key to sign with, so each is self-signed and trusted by itself (a leaf pinned in
// the trust store, X509_V_FLAG_PARTIAL_CHAIN); clients see no difference.
#include <openssl/ssl.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/fakes/test_certificates.h"

namespace httplib {
struct Request;
}

namespace azureml::fakes {

enum class KubeAuthMethod { none, token, certificate };

struct KubeIdentity {
  KubeAuthMethod method = KubeAuthMethod::none;
  std::string user;                 // "" when not authenticated
  std::vector<std::string> groups;  // a certificate's O entries
  bool authenticated() const { return method != KubeAuthMethod::none; }
};

const char* to_string(KubeAuthMethod method);  // "none", "token", "certificate"

class KubeAuthenticator {
 public:
  KubeAuthenticator();
  ~KubeAuthenticator();
  KubeAuthenticator(const KubeAuthenticator&) = delete;
  KubeAuthenticator& operator=(const KubeAuthenticator&) = delete;

  void add_token(const std::string& token, const std::string& user);
  void remove_token(const std::string& token);
  // A client certificate and key (PEM) for `user`, trusted from now on, also by a running server.
  CertificateAndKey issue_client_certificate(const std::string& user);

  // Sets up a server context: `certificates`' server certificate and key, TLS 1.2+, optional
  // client certificates checked against the issued ones. False when OpenSSL refuses.
  bool configure_tls(SSL_CTX& context, const TestCertificates& certificates) const;

  KubeIdentity identify(const httplib::Request& request) const;

 private:
  struct StoreFree {
    void operator()(X509_STORE* store) const { X509_STORE_free(store); }
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::string> tokens_;  // token -> user
  std::unique_ptr<X509_STORE, StoreFree> trusted_;
};

}  // namespace azureml::fakes
