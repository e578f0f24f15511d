#include "core/http/transport.h"

#include <algorithm>
#include <cctype>

namespace azureml::http {

std::optional<std::string> find_header(const Headers& headers, std::string_view name) {
  for (const auto& header : headers)
    if (std::equal(header.name.begin(), header.name.end(), name.begin(), name.end(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return header.value;
  return std::nullopt;
}

}  // namespace azureml::http
