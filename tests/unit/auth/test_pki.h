#pragma once
// Keys and certificates made at test time with OpenSSL (nothing checked in) and JWT helpers to check what the
// credentials sign.
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/auth/credential_support.h"
#include "tests/unit/temp_dir.h"

namespace azureml::auth::test {

inline std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

// An RSA (or EC) key with a self-signed certificate, kept as PEM and as objects.
struct TestIdentity {
  std::shared_ptr<EVP_PKEY> key;
  std::shared_ptr<X509> cert;

  static TestIdentity make(const std::string& common_name, bool rsa = true) {
    TestIdentity identity;
    EVP_PKEY* key = rsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
    if (!key) throw std::runtime_error("key generation failed");
    identity.key.reset(key, EVP_PKEY_free);
    X509* cert = X509_new();
    identity.cert.reset(cert, X509_free);
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 4242);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600L * 24 * 365 * 20);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                               -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_set_pubkey(cert, key);
    if (X509_sign(cert, key, EVP_sha256()) <= 0) throw std::runtime_error("certificate signing failed");
    return identity;
  }

  std::string cert_pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(bio.get(), cert.get());
    return bio_text(bio.get());
  }
  std::string key_pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return bio_text(bio.get());
  }
  std::string encrypted_key_pem(const std::string& password) const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), EVP_aes_256_cbc(), password.data(),
                                  static_cast<int>(password.size()), nullptr, nullptr);
    return bio_text(bio.get());
  }
  std::string pkcs12(const std::string& password) const {
    PKCS12* p12 = PKCS12_create(password.c_str(), "test", key.get(), cert.get(), nullptr, 0, 0, 0, 0, 0);
    if (!p12) throw std::runtime_error("PKCS12_create failed");
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    i2d_PKCS12_bio(bio.get(), p12);
    PKCS12_free(p12);
    return bio_text(bio.get());
  }
  std::string der() const {
    const int length = i2d_X509(cert.get(), nullptr);
    std::string out(static_cast<std::size_t>(length), '\0');
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    i2d_X509(cert.get(), &p);
    return out;
  }
  // base64url(SHA-1(DER)), computed here independently of the product's code.
  std::string sha1_thumbprint_b64url() const {
    const auto bytes = der();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha1(), nullptr);
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), length));
  }
};

// One RSA identity per test binary: 2048-bit generation is slow enough to do once.
inline const TestIdentity& rsa_identity() {
  static const TestIdentity identity = TestIdentity::make("kubectl-azureml test");
  return identity;
}
inline const TestIdentity& other_rsa_identity() {
  static const TestIdentity identity = TestIdentity::make("someone else");
  return identity;
}

struct ParsedJwt {
  nlohmann::json header;
  nlohmann::json claims;
  std::string signing_input;
  std::string signature;
};

inline std::optional<ParsedJwt> parse_jwt(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos || token.find('.', second + 1) != std::string::npos)
    return std::nullopt;
  const auto header = base64url_decode(token.substr(0, first));
  const auto claims = base64url_decode(token.substr(first + 1, second - first - 1));
  const auto signature = base64url_decode(token.substr(second + 1));
  if (!header || !claims || !signature) return std::nullopt;
  return ParsedJwt{nlohmann::json::parse(*header), nlohmann::json::parse(*claims), token.substr(0, second), *signature};
}

inline bool verify_rs256(const ParsedJwt& jwt, X509* cert) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(X509_get_pubkey(cert), EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) return false;
  const int verified = EVP_DigestVerify(
      context.get(), reinterpret_cast<const unsigned char*>(jwt.signature.data()), jwt.signature.size(),
      reinterpret_cast<const unsigned char*>(jwt.signing_input.data()), jwt.signing_input.size());
  ERR_clear_error();
  return verified == 1;
}

using azureml::test::TempDir;

}  // namespace azureml::auth::test
