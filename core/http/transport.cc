#include "core/http/transport.h"

#include "core/util/text.h"

namespace azureml::http {

std::optional<std::string> find_header(const Headers& headers, std::string_view name) {
  for (const auto& header : headers)
    if (equals_ci(header.name, name)) return header.value;
  return std::nullopt;
}

}  // namespace azureml::http
