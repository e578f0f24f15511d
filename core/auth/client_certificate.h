#pragma once
// A service principal's certificate (AZURE_CLIENT_CERTIFICATE_PATH) and the client assertion
// signed with it: a JWT, RS256, header {"alg":"RS256","typ":"JWT","x5t":<base64url SHA-1 of the
// DER certificate>} (+ "x5c" when the chain is sent), claims aud (the token URL), iss = sub =
// client id, jti (random), nbf (now), exp (now + 10 minutes).
//
// Formats: PEM holding the private key and the certificate (either order; more certificates
// may follow, they form the chain), the key optionally encrypted ("ENCRYPTED PRIVATE KEY" or
// legacy "Proc-Type: 4,ENCRYPTED") with AZURE_CLIENT_CERTIFICATE_PASSWORD; or PKCS#12 (.pfx),
// with that password or none. Only RSA keys are supported (AAD's RS256); OpenSSL 3 needs its
// legacy provider for PKCS#12 files protected with RC2/3DES, which is not loaded here.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace azureml::auth {

class ClientCertificate {
 public:
  // Errors name the file and what is wrong with it; they never quote its contents or the password.
  static Result<ClientCertificate, std::string> load_file(const std::string& path,
                                                          const std::optional<std::string>& password);
  // `origin` names the source in messages (a path).
  static Result<ClientCertificate, std::string> load(std::string_view contents,
                                                     const std::optional<std::string>& password,
                                                     std::string_view origin);

  ClientCertificate(ClientCertificate&&) noexcept;
  ClientCertificate& operator=(ClientCertificate&&) noexcept;
  ~ClientCertificate();

  std::string x5t() const;  // base64url(SHA-1(DER of the certificate))
  // The signed assertion. `include_chain` adds "x5c" (standard base64 DER, leaf first), which
  // subject-name/issuer authentication needs (AZURE_CLIENT_SEND_CERTIFICATE_CHAIN).
  Result<std::string, std::string> make_assertion(const std::string& audience, const std::string& client_id,
                                                  std::chrono::system_clock::time_point now,
                                                  bool include_chain = false) const;

 private:
  struct Impl;
  explicit ClientCertificate(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace azureml::auth
