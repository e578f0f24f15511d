#pragma once
// A temporary directory for a test: files and executable scripts written into it, all removed
// when it goes out of scope.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>

namespace azureml::test {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("azureml-test-" + std::to_string(random()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string write(const std::string& name, const std::string& contents,
                    std::filesystem::perms permissions = std::filesystem::perms::owner_read |
                                                         std::filesystem::perms::owner_write) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << contents;
    }
    std::filesystem::permissions(file, permissions);
    return file.string();
  }
  std::string write_script(const std::string& name, const std::string& body) const {
    using std::filesystem::perms;
    return write(name, "#!/bin/sh\n" + body, perms::owner_all | perms::group_read | perms::group_exec);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace azureml::test
