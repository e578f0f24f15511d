#pragma once
// Certificates made at run time for HTTPS fakes: a throw-away CA and a server certificate
// for 127.0.0.1 and localhost signed by it, written as PEM files into a new temporary
// directory that the destructor removes. Clients trust ca_file() (a CA bundle with one CA).
#include <string>
#include <string_view>

namespace azureml::fakes {

class TestCertificates {
 public:
  // Generates fresh keys (EC P-256) and certificates; throws std::runtime_error on failure.
  TestCertificates();
  ~TestCertificates();
  TestCertificates(TestCertificates&& other) noexcept;
  TestCertificates& operator=(TestCertificates&& other) noexcept;
  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;

  const std::string& directory() const { return directory_; }
  const std::string& ca_file() const { return ca_file_; }                    // CA certificate (PEM)
  const std::string& certificate_file() const { return certificate_file_; }  // server certificate (PEM)
  const std::string& key_file() const { return key_file_; }                  // server private key (PEM)
  const std::string& ca_pem() const { return ca_pem_; }

 private:
  void remove_files();
  std::string directory_, ca_file_, certificate_file_, key_file_, ca_pem_;
};

// A self-signed RSA-2048 certificate and its private key, as PEM text: what a service
// principal registers to sign client assertions (AAD accepts RS256/PS256 only).
struct CertificateAndKey {
  std::string certificate_pem;
  std::string private_key_pem;
};
CertificateAndKey generate_client_certificate(std::string_view common_name);

}  // namespace azureml::fakes
