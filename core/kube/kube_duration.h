#pragma once
// kubectl's --request-timeout: a whole number of seconds ("30"), or a Go duration ("1m30s",
// "500ms", "1.5h"); "0" means no timeout (client-go's clientcmd.ParseTimeout).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace azureml::kube {

// Go's time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?UNIT)+ with UNIT one of ns, us, µs, μs, ms,
// s, m, h; "0" alone needs no unit. The error says what is wrong ("missing unit after '90'").
Result<std::chrono::nanoseconds, std::string> parse_go_duration(std::string_view text);

// nullopt: no timeout ("0", "0s"). A bare integer is seconds; anything else a Go duration.
// Negative values are refused (client-go would hand them to net/http as is). A positive value
// under a millisecond becomes 1 ms, never 0 (which would mean no timeout at all).
Result<std::optional<std::chrono::milliseconds>, std::string> parse_request_timeout(std::string_view text);

}  // namespace azureml::kube
