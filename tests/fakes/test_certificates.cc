#include "tests/fakes/test_certificates.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <utility>

namespace azureml::fakes {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using PrivateKey = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificates: ") + what + " failed");
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  check(extension != nullptr, "X509V3_EXT_conf_nid");
  const int added = X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  check(added == 1, "X509_add_ext");
}

// A certificate for `key` named `common_name`, signed by `issuer_key` (self-signed when
// `issuer` is null); `extensions` are (nid, value) pairs in OpenSSL config syntax.
Cert make_certificate(EVP_PKEY* key, const char* common_name, X509* issuer, EVP_PKEY* issuer_key,
                      std::initializer_list<std::pair<int, const char*>> extensions) {
  Cert cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
  std::array<unsigned char, 16> serial{};
  check(RAND_bytes(serial.data(), static_cast<int>(serial.size())) == 1, "RAND_bytes");
  serial[0] &= 0x7F;  // positive
  BIGNUM* number = BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr);
  check(number != nullptr && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get())) != nullptr, "serial number");
  BN_free(number);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600);
  check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("kubectl-azureml tests"),
                             -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509* signer = issuer ? issuer : cert.get();
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1, "X509_set_issuer_name");
  for (const auto& [nid, value] : extensions) add_extension(cert.get(), signer, nid, value);
  check(X509_sign(cert.get(), issuer_key ? issuer_key : key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

std::string pem_of(X509* cert) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string pem_of(EVP_PKEY* key) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  check(static_cast<bool>(file), "writing a PEM file");
}

}  // namespace

TestCertificates::TestCertificates() {
  PrivateKey ca_key(EVP_EC_gen("P-256"));
  PrivateKey server_key(EVP_EC_gen("P-256"));
  check(ca_key && server_key, "EVP_EC_gen");
  Cert ca = make_certificate(ca_key.get(), "kubectl-azureml test CA", nullptr, nullptr,
                             {{NID_basic_constraints, "critical,CA:TRUE"},
                              {NID_key_usage, "critical,keyCertSign,cRLSign"},
                              {NID_subject_key_identifier, "hash"},
                              {NID_authority_key_identifier, "keyid:always"}});
  Cert server = make_certificate(server_key.get(), "localhost", ca.get(), ca_key.get(),
                                 {{NID_basic_constraints, "critical,CA:FALSE"},
                                  {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                                  {NID_ext_key_usage, "serverAuth"},
                                  {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"},
                                  {NID_subject_key_identifier, "hash"},
                                  {NID_authority_key_identifier, "keyid:always"}});
  std::array<char, 40> dir_template{};
  std::snprintf(dir_template.data(), dir_template.size(), "/tmp/fake-azure-certs-XXXXXX");
  check(mkdtemp(dir_template.data()) != nullptr, "mkdtemp");
  directory_ = dir_template.data();
  ca_file_ = directory_ + "/ca.pem";
  certificate_file_ = directory_ + "/server.pem";
  key_file_ = directory_ + "/server-key.pem";
  ca_pem_ = pem_of(ca.get());
  try {
    write_file(ca_file_, ca_pem_);
    write_file(certificate_file_, pem_of(server.get()));
    write_file(key_file_, pem_of(server_key.get()));
  } catch (...) {
    remove_files();
    throw;
  }
}

TestCertificates::~TestCertificates() { remove_files(); }

TestCertificates::TestCertificates(TestCertificates&& other) noexcept
    : directory_(std::exchange(other.directory_, {})),
      ca_file_(std::exchange(other.ca_file_, {})),
      certificate_file_(std::exchange(other.certificate_file_, {})),
      key_file_(std::exchange(other.key_file_, {})),
      ca_pem_(std::exchange(other.ca_pem_, {})) {}

TestCertificates& TestCertificates::operator=(TestCertificates&& other) noexcept {
  if (this != &other) {
    remove_files();
    directory_ = std::exchange(other.directory_, {});
    ca_file_ = std::exchange(other.ca_file_, {});
    certificate_file_ = std::exchange(other.certificate_file_, {});
    key_file_ = std::exchange(other.key_file_, {});
    ca_pem_ = std::exchange(other.ca_pem_, {});
  }
  return *this;
}

void TestCertificates::remove_files() {
  if (directory_.empty()) return;
  for (const auto* path : {&ca_file_, &certificate_file_, &key_file_}) std::remove(path->c_str());
  ::rmdir(directory_.c_str());
  directory_.clear();
}

CertificateAndKey generate_client_certificate(std::string_view common_name) {
  PrivateKey key(EVP_RSA_gen(2048));
  check(key != nullptr, "EVP_RSA_gen");
  const std::string name(common_name);
  Cert cert = make_certificate(key.get(), name.c_str(), nullptr, nullptr,
                               {{NID_basic_constraints, "critical,CA:FALSE"},
                                {NID_key_usage, "critical,digitalSignature"},
                                {NID_subject_key_identifier, "hash"}});
  return {pem_of(cert.get()), pem_of(key.get())};
}

}  // namespace azureml::fakes
