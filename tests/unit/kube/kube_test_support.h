#pragma once
// Shared by the kube unit tests: PEM-looking test material (the loader checks PEM markers, never
// parses certificates), and a temp HOME with kubeconfig files written into it.
#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/base64.h"
#include "core/kube/kubeconfig.h"
#include "core/util/environment.h"
#include "tests/unit/temp_dir.h"

namespace azureml::kube::test {

inline const std::string kCaPem = "-----BEGIN CERTIFICATE-----\nMIIBCaCaCaCa\n-----END CERTIFICATE-----\n";
inline const std::string kOtherCaPem = "-----BEGIN CERTIFICATE-----\nMIIBOtherCa\n-----END CERTIFICATE-----\n";
inline const std::string kClientCertPem = "-----BEGIN CERTIFICATE-----\nMIIBClient\n-----END CERTIFICATE-----\n";
inline const std::string kClientKeyPem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEKey\n-----END RSA PRIVATE KEY-----\n";
inline const std::string kFlagCertPem = "-----BEGIN CERTIFICATE-----\nMIIBFlag\n-----END CERTIFICATE-----\n";
inline const std::string kFlagKeyPem = "-----BEGIN PRIVATE KEY-----\nMIIEFlagKey\n-----END PRIVATE KEY-----\n";

inline std::string b64(const std::string& text) { return base64_encode(text); }

// A HOME directory; files are written relative to it (subdirectories created on the way).
class KubeHome {
 public:
  KubeHome() { environment.set("HOME", directory.path().string()); }

  std::string path(const std::string& relative) const { return (directory.path() / relative).string(); }

  std::string write(const std::string& relative, const std::string& text) const {
    const auto file = directory.path() / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    return file.string();
  }
  std::string write_config(const std::string& text) const { return write(".kube/config", text); }
  std::string write_script(const std::string& relative, const std::string& body) const {
    const auto file = write(relative, "#!/bin/sh\n" + body);
    std::filesystem::permissions(file, std::filesystem::perms::owner_all);
    return file;
  }

  Result<RestConfig, KubeError> load(const KubeconfigOverrides& overrides = {}) const {
    return load_rest_config(overrides, environment);
  }

  azureml::test::TempDir directory;
  MapEnvironment environment;
};

}  // namespace azureml::kube::test
