#include "core/util/file_read.h"

#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace azureml {

Result<std::string, FileReadError> read_whole_stream(std::istream& in) {
  std::string text;
  std::array<char, 65536> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    // Refused once the bound is passed, so an endless input stops here.
    if (text.size() > kMaxInputBytes) return fail(FileReadError{false, "larger than 64 MiB"});
  }
  if (in.bad()) return fail(FileReadError{false, std::strerror(errno != 0 ? errno : EIO)});
  return text;
}

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
  return read_whole_stream(in);
}

std::optional<std::string> input_file_problem(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::string(std::strerror(errno));
  if (S_ISDIR(info.st_mode)) return std::string("it is a directory");
  if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) return std::string("it is a device");
  if (S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) > kMaxInputBytes)
    return std::string("it is larger than 64 MiB");
  if (!std::ifstream(path, std::ios::binary)) return std::string(std::strerror(errno != 0 ? errno : EACCES));
  return std::nullopt;
}

}  // namespace azureml
