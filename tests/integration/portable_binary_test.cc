// The shipped binary links in everything Debian ships as a static archive (AZUREML_PORTABLE):
// `ldd` lists glibc's libraries and libcurl with the libraries libcurl itself needs, nothing
// else. libcurl stays shared: Debian's libcurl.a needs GSSAPI (krb5) and LDAP archives that
// Debian does not ship (see the top-level CMakeLists.txt).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "tests/integration/run_binary.h"

namespace {

// The libraries `ldd FILE` lists, by soname ("libc.so.6"), and where libcurl was found.
std::set<std::string> shared_libraries(const std::string& file, std::string* curl_path = nullptr) {
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
    if (curl_path && name.starts_with("libcurl") && arrow == "=>") *curl_path = path;
  }
  ::pclose(pipe);
  return names;
}

bool is_glibc(const std::string& name) {
  for (const char* glibc : {"linux-vdso.so", "libc.so", "libm.so", "ld-linux", "libpthread.so", "libdl.so", "librt.so"})
    if (name.starts_with(glibc)) return true;
  return false;
}

TEST(PortableBinary, LddListsOnlyGlibcAndLibcurlsOwnTree) {
  if (!AZUREML_PORTABLE) GTEST_SKIP() << "built with -DAZUREML_PORTABLE=OFF";
  std::string curl;
  const auto linked = shared_libraries(AZUREML_BINARY, &curl);
  ASSERT_FALSE(linked.empty());
  for (const char* statically : {"libstdc++", "libgcc_s", "libboost", "libyaml-cpp", "libfmt"})
    for (const auto& name : linked) EXPECT_FALSE(name.starts_with(statically)) << name << " should be linked in";
  ASSERT_FALSE(curl.empty()) << "libcurl is the one library expected shared";
  std::set<std::string> allowed = shared_libraries(curl);
  for (const auto& name : linked) {
    if (is_glibc(name) || name.starts_with("libcurl")) continue;
    EXPECT_TRUE(allowed.contains(name)) << name << " is neither glibc's nor one libcurl needs";
  }
}

}  // namespace
