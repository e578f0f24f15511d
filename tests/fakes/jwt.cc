#include "tests/fakes/jwt.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

#include "tests/fakes/http_text.h"

namespace azureml::fakes {

std::string make_unsigned_jwt(const nlohmann::json& payload) {
  const nlohmann::json header = {{"typ", "JWT"}, {"alg", "none"}};
  return base64url_encode(header.dump()) + "." + base64url_encode(payload.dump()) + ".";
}

std::optional<Jwt> parse_jwt(std::string_view token) {
  const auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
  std::string header_text, payload_text;
  Jwt jwt;
  if (!base64url_decode(token.substr(0, first), header_text) ||
      !base64url_decode(token.substr(first + 1, second - first - 1), payload_text) ||
      !base64url_decode(token.substr(second + 1), jwt.signature)) {
    return std::nullopt;
  }
  jwt.header = nlohmann::json::parse(header_text, nullptr, false);
  jwt.payload = nlohmann::json::parse(payload_text, nullptr, false);
  if (!jwt.header.is_object() || !jwt.payload.is_object()) return std::nullopt;
  jwt.signing_input = std::string(token.substr(0, second));
  return jwt;
}

bool verify_jwt_signature(const Jwt& token, const std::string& certificate_pem) {
  const std::string alg = token.header.value("alg", "");
  if (alg != "RS256" && alg != "PS256") return false;
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size())), &BIO_free);
  if (!bio) return false;
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) return false;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(X509_get_pubkey(cert.get()), &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!key || !ctx) return false;
  EVP_PKEY_CTX* key_ctx = nullptr;
  if (EVP_DigestVerifyInit(ctx.get(), &key_ctx, EVP_sha256(), nullptr, key.get()) != 1) return false;
  if (alg == "PS256" && (EVP_PKEY_CTX_set_rsa_padding(key_ctx, RSA_PKCS1_PSS_PADDING) != 1 ||
                         EVP_PKEY_CTX_set_rsa_pss_saltlen(key_ctx, RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(token.signature.data()),
                          token.signature.size(), reinterpret_cast<const unsigned char*>(token.signing_input.data()),
                          token.signing_input.size()) == 1;
}

}  // namespace azureml::fakes
