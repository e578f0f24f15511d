#pragma once
// Reading a whole input the user named (an attach configuration, a settings or fleet file, a
// kubeconfig and what it refers to, a PEM file, a token file, standard input) with one bound:
// nothing the tool reads is near 64 MiB, and `-f /dev/zero` must end with an error, not run
// until memory does. The reason a read failed is in words, "missing" told apart.
#include <cstddef>
#include <istream>
#include <optional>
#include <string>

#include "core/util/result.h"

namespace azureml {

inline constexpr std::size_t kMaxInputBytes = std::size_t{64} * 1024 * 1024;

struct FileReadError {
  bool missing = false;  // the path does not exist (ENOENT, or a missing directory on the way)
  std::string reason;    // strerror-style: "No such file or directory", "Is a directory", ...
};

// The whole file. A directory is refused ("Is a directory"); FIFOs and /dev/fd/N (process
// substitution) are read. More than kMaxInputBytes: "larger than 64 MiB".
Result<std::string, FileReadError> read_whole_file(const std::string& path);

// For a file another library reads (OpenSSL reads a CA bundle): why it cannot be our input,
// in words ("it is a directory", "it is a device", "it is larger than 64 MiB", strerror of a
// failed stat or open), or nullopt when it can be read.
std::optional<std::string> input_file_problem(const std::string& path);

// The rest of `in` (standard input), with the same bound.
Result<std::string, FileReadError> read_whole_stream(std::istream& in);

}  // namespace azureml
