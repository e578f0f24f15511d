#pragma once
// Base64 as kubeconfig `*-data` fields hold it and as KUBERNETES_EXEC_INFO carries bytes:
// the standard alphabet with padding (Go's base64.StdEncoding, which encoding/json uses for
// []byte). kube has its own because core/auth (which has one) is not a dependency of kube.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace azureml::kube {

struct Base64Error {
  std::size_t offset = 0;  // 0-based index into the text of the first character that is wrong
  std::string message;     // e.g. "'!' is not a base64 character"
};

// Line breaks (CR, LF) are skipped, as Go's decoder skips them; anything else outside the
// alphabet, missing or misplaced '=' padding, or a length that is not a multiple of 4 is an error.
Result<std::string, Base64Error> base64_decode(std::string_view text);

std::string base64_encode(std::string_view bytes);

}  // namespace azureml::kube
