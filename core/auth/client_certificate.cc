#include "core/auth/client_certificate.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <vector>

#include "core/auth/credential_support.h"
#include "core/util/file_read.h"

namespace azureml::auth {

namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct Pkcs12Free {
  void operator()(PKCS12* p12) const { PKCS12_free(p12); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using CertPtr = std::unique_ptr<X509, X509Free>;

// The reason OpenSSL gives for its latest error (no data from the file), then a clean queue.
std::string openssl_reason() {
  unsigned long code = 0;
  unsigned long last = 0;
  while ((code = ERR_get_error()) != 0) last = code;
  if (last == 0) return "";
  const char* reason = ERR_reason_error_string(last);
  return reason ? std::string(reason) : "";
}

struct PasswordContext {
  const std::optional<std::string>* password;
  bool asked = false;
};

// OpenSSL asks here for an encrypted key's passphrase; never on the terminal.
int password_callback(char* buffer, int size, int /*rwflag*/, void* user) {
  auto* context = static_cast<PasswordContext*>(user);
  context->asked = true;
  if (!context->password || !context->password->has_value()) return -1;
  const auto& password = context->password->value();
  if (password.size() > static_cast<std::size_t>(size)) return -1;
  std::memcpy(buffer, password.data(), password.size());
  return static_cast<int>(password.size());
}

int no_password_callback(char*, int, int, void*) { return -1; }

BioPtr memory_bio(std::string_view contents) {
  return BioPtr(BIO_new_mem_buf(contents.data(), static_cast<int>(contents.size())));
}

std::string der_of(X509* cert) {
  const int length = i2d_X509(cert, nullptr);
  if (length <= 0) return "";
  std::string der(static_cast<std::size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_X509(cert, &out);
  return der;
}

}  // namespace

struct ClientCertificate::Impl {
  KeyPtr key;
  CertPtr leaf;
  std::vector<CertPtr> others;
};

ClientCertificate::ClientCertificate(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ClientCertificate::ClientCertificate(ClientCertificate&&) noexcept = default;
ClientCertificate& ClientCertificate::operator=(ClientCertificate&&) noexcept = default;
ClientCertificate::~ClientCertificate() = default;

Result<ClientCertificate, std::string> ClientCertificate::load_file(const std::string& path,
                                                                    const std::optional<std::string>& password) {
  auto contents = read_whole_file(path);
  if (!contents) return fail("cannot read the certificate file '" + first_line(path) + "': " + contents.error().reason);
  return load(*contents, password, path);
}

Result<ClientCertificate, std::string> ClientCertificate::load(std::string_view contents,
                                                               const std::optional<std::string>& password,
                                                               std::string_view origin) {
  const std::string where = "the certificate file '" + first_line(origin) + "'";
  ERR_clear_error();
  auto impl = std::make_unique<Impl>();
  std::vector<CertPtr> certificates;

  if (contents.find("-----BEGIN") != std::string_view::npos) {
    {
      auto bio = memory_bio(contents);
      PasswordContext context{&password};
      impl->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, password_callback, &context));
      if (!impl->key) {
        ERR_clear_error();
        if (context.asked && !password)
          return fail(where + " holds an encrypted private key: set AZURE_CLIENT_CERTIFICATE_PASSWORD");
        if (context.asked)
          return fail("could not decrypt the private key in " + where +
                      ": is AZURE_CLIENT_CERTIFICATE_PASSWORD right?");
        return fail(where + " holds no private key: it must be PEM with the private key and the certificate");
      }
    }
    auto bio = memory_bio(contents);
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, no_password_callback, nullptr))
      certificates.emplace_back(cert);
    ERR_clear_error();
  } else {
    auto bio = memory_bio(contents);
    std::unique_ptr<PKCS12, Pkcs12Free> p12(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!p12) {
      ERR_clear_error();
      return fail(where + " is neither PEM nor PKCS#12 (.pfx)");
    }
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* ca = nullptr;
    const std::string pass = password.value_or("");
    int parsed = PKCS12_parse(p12.get(), pass.c_str(), &key, &cert, &ca);
    if (!parsed && !password) {
      ERR_clear_error();
      parsed = PKCS12_parse(p12.get(), nullptr, &key, &cert, &ca);
    }
    if (!parsed) {
      const auto reason = openssl_reason();
      return fail("could not open " + where + " as PKCS#12" +
                  (password ? std::string(": is AZURE_CLIENT_CERTIFICATE_PASSWORD right?")
                            : std::string(": if it has a password, set AZURE_CLIENT_CERTIFICATE_PASSWORD")) +
                  (reason.empty() ? "" : " (OpenSSL: " + reason + ")"));
    }
    impl->key.reset(key);
    if (cert) certificates.emplace_back(cert);
    if (ca) {
      for (int i = 0; i < sk_X509_num(ca); ++i) certificates.emplace_back(sk_X509_value(ca, i));
      sk_X509_free(ca);  // the certificates are owned above now
    }
    if (!impl->key) return fail(where + " holds no private key");
  }

  if (EVP_PKEY_get_base_id(impl->key.get()) != EVP_PKEY_RSA)
    return fail("the private key in " + where + " is not an RSA key; only RSA keys are supported");
  if (certificates.empty())
    return fail(where + " holds no certificate: it must hold the certificate with its private key");
  for (auto& cert : certificates) {
    if (!impl->leaf && X509_check_private_key(cert.get(), impl->key.get()) == 1) {
      impl->leaf = std::move(cert);
    } else {
      if (cert) impl->others.push_back(std::move(cert));
    }
  }
  ERR_clear_error();
  if (!impl->leaf) return fail("no certificate in " + where + " matches its private key");
  return ClientCertificate(std::move(impl));
}

std::string ClientCertificate::x5t() const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(impl_->leaf.get(), EVP_sha1(), digest, &length) != 1) return "";
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

Result<std::string, std::string> ClientCertificate::make_assertion(const std::string& audience,
                                                                   const std::string& client_id,
                                                                   std::chrono::system_clock::time_point now,
                                                                   bool include_chain) const {
  unsigned char random[16];
  if (RAND_bytes(random, sizeof random) != 1) {
    ERR_clear_error();
    return fail(std::string("could not generate a random assertion id"));
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string jti;
  for (const unsigned char byte : random) {
    jti += kHex[byte >> 4];
    jti += kHex[byte & 0x0F];
  }

  nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"x5t", x5t()}};
  if (include_chain) {
    auto chain = nlohmann::json::array();
    chain.push_back(base64_encode(der_of(impl_->leaf.get())));
    for (const auto& cert : impl_->others) chain.push_back(base64_encode(der_of(cert.get())));
    header["x5c"] = std::move(chain);
  }
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const nlohmann::json claims = {{"aud", audience}, {"iss", client_id}, {"sub", client_id},
                                 {"jti", jti},      {"nbf", seconds},   {"exp", seconds + 600}};
  const std::string signing_input = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());

  std::unique_ptr<EVP_MD_CTX, MdCtxFree> context(EVP_MD_CTX_new());
  std::size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(signing_input.data());
  if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, data, signing_input.size()) != 1) {
    const auto reason = openssl_reason();
    return fail("could not sign the client assertion" + (reason.empty() ? "" : " (OpenSSL: " + reason + ")"));
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                     signing_input.size()) != 1) {
    const auto reason = openssl_reason();
    return fail("could not sign the client assertion" + (reason.empty() ? "" : " (OpenSSL: " + reason + ")"));
  }
  signature.resize(length);
  return signing_input + "." + base64url_encode(signature);
}

}  // namespace azureml::auth
