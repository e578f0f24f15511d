#pragma once
// Small pieces every credential shares: building AuthErrors, keeping secrets out of messages,
// URL/form encoding, base64url, times as Azure's token endpoints write them, and the checks
// the Azure SDKs make on scopes and tenant ids.
#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/credential.h"
#include "core/util/base64.h"
#include "core/util/text.h"

namespace azureml::auth {

AuthError unavailable(std::string credential, std::string message);
AuthError failed(std::string credential, std::string message);

// `text` with every occurrence of each secret (4 characters or longer), raw or percent-encoded,
// replaced by REDACTED. Every credential passes its messages through this before returning them.
std::string scrub(std::string text, std::span<const std::string> secrets);

// The first line of `text` (up to CR or LF), trimmed, made printable, at most 400 characters:
// how server and child-process error texts are quoted in one-line messages.
std::string first_line(std::string_view text);
std::string trim(std::string_view text);

// "X is not set", "X and Y are not set", "X, Y and Z are not set".
std::string not_set_message(std::span<const std::string> names);

using azureml::percent_encode;  // core/util/text.h

// Whole seconds since the epoch, from a JSON number or a string of digits (as IMDS and App
// Service write expires_on, and AAD sometimes writes expires_in); nullopt otherwise.
std::optional<std::int64_t> json_seconds(const nlohmann::json& value);
std::optional<std::int64_t> parse_seconds(std::string_view text);

std::chrono::system_clock::time_point from_unix_seconds(std::int64_t seconds);
std::string format_utc(std::chrono::system_clock::time_point time);  // 2027-01-15T08:00:00Z

// "https://management.azure.com/.default" -> "https://management.azure.com" (what IMDS and
// App Service call the resource).
std::string resource_from_scope(std::string_view scope);

// Scopes and tenants as the Azure SDKs accept them (they end up in URLs and on az's argv).
bool is_valid_scope(std::string_view scope);    // [A-Za-z0-9_.:/-]+, not starting with '-'
bool is_valid_tenant(std::string_view tenant);  // [A-Za-z0-9.-]+

}  // namespace azureml::auth
