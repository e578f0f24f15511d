// The shipped binary links in everything Debian ships as a static archive (AZUREML_PORTABLE):
// `ldd` lists glibc's libraries and OpenSSL's libcrypto, nothing else. libcurl is not linked
// at all: it is loaded on first use (core/http/curl_library.h), so an offline verb never maps
// its 30 libraries. libcrypto stays shared because libcurl, once loaded, brings the same one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "tests/integration/run_binary.h"

namespace {

// The libraries `ldd FILE` lists, by soname ("libc.so.6").
std::set<std::string> shared_libraries(const std::string& file) {
  std::set<std::string> names;
  FILE* pipe = ::popen(("/usr/bin/ldd '" + file + "' 2>&1").c_str(), "r");
  if (!pipe) return names;
  char line[1024];
  while (std::fgets(line, sizeof line, pipe)) {
    std::istringstream words(line);
    std::string name, arrow, path;
    words >> name >> arrow >> path;
    if (name.empty()) continue;
    names.insert(name.substr(name.find_last_of('/') + 1));
  }
  ::pclose(pipe);
  return names;
}

bool is_glibc(const std::string& name) {
  for (const char* glibc : {"linux-vdso.so", "libc.so", "libm.so", "ld-linux", "libpthread.so", "libdl.so", "librt.so"})
    if (name.starts_with(glibc)) return true;
  return false;
}

TEST(PortableBinary, LddListsOnlyGlibcAndLibcrypto) {
  if (!AZUREML_PORTABLE) GTEST_SKIP() << "built with -DAZUREML_PORTABLE=OFF";
  const auto linked = shared_libraries(AZUREML_BINARY);
  ASSERT_FALSE(linked.empty());
  for (const char* statically : {"libstdc++", "libgcc_s", "libboost", "libyaml-cpp", "libfmt"})
    for (const auto& name : linked) EXPECT_FALSE(name.starts_with(statically)) << name << " should be linked in";
  for (const auto& name : linked)
    EXPECT_TRUE(is_glibc(name) || name.starts_with("libcrypto.so")) << name << " is neither glibc's nor libcrypto";
}

TEST(PortableBinary, AnOfflineVerbDoesNotLoadLibcurl) {
  // LD_DEBUG=files lists every library the loader maps, dlopen included.
  const auto run = azureml::testing::run_binary({"version", "-o", "none"}, "",
                                                azureml::testing::EnvironmentMap{{"LD_DEBUG", "files"}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("libc.so"), std::string::npos) << "LD_DEBUG printed nothing:\n" << run.err;
  EXPECT_EQ(run.err.find("libcurl"), std::string::npos) << run.err;
}

}  // namespace
