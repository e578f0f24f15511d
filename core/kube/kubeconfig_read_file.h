#pragma once
// Reading a kubeconfig, or a file one refers to (CA, client certificate and key, tokenFile),
// with the reason a read failed in words and "missing" told apart (KUBECONFIG skips those).
#include <string>

#include "core/util/result.h"

namespace azureml::kube {

struct FileReadError {
  bool missing = false;  // the path does not exist (ENOENT, or a missing directory on the way)
  std::string reason;    // strerror-style: "No such file or directory", "Is a directory", ...
};

// The whole file. Directories are refused; FIFOs and /dev/fd/N (process substitution) are read.
// At most 16 MiB: nothing a kubeconfig names is bigger, and /dev/zero must not hang us.
Result<std::string, FileReadError> read_whole_file(const std::string& path);

}  // namespace azureml::kube
