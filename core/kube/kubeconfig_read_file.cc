#include "core/kube/kubeconfig_read_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace azureml::kube {
namespace {

constexpr std::size_t kMaxFileSize = 16 * 1024 * 1024;

}  // namespace

Result<std::string, FileReadError> read_whole_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    return fail(FileReadError{error == ENOENT || error == ENOTDIR, std::strerror(error)});
  }
  if (S_ISDIR(info.st_mode)) return fail(FileReadError{false, std::strerror(EISDIR)});
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(FileReadError{false, std::strerror(errno != 0 ? errno : EACCES)});
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileSize) return fail(FileReadError{false, "larger than 16 MiB"});
  }
  if (in.bad()) return fail(FileReadError{false, std::strerror(errno != 0 ? errno : EIO)});
  return text;
}

}  // namespace azureml::kube
