#pragma once
// Base64, written once: the standard alphabet with padding (kubeconfig `*-data` fields, Go's
// base64.StdEncoding that KUBERNETES_EXEC_INFO's bytes use, PEM bodies) and base64url without
// padding (JWTs, client assertions).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace azureml {

struct Base64Error {
  std::size_t offset = 0;  // 0-based index into the text of the first character that is wrong
  std::string message;     // e.g. "'!' is not a base64 character"
};

// Line breaks (CR, LF) are skipped, as Go's decoder skips them; anything else outside the
// alphabet, missing or misplaced '=' padding, or a length that is not a multiple of 4 is an error.
Result<std::string, Base64Error> base64_decode(std::string_view text);

std::string base64_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);  // URL alphabet, no padding
// Lenient, for tokens: padding optional, '+' and '/' accepted too; nullopt when not base64.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace azureml
