#pragma once
// The Microsoft Entra ID (AAD) v2 token endpoint, as every confidential-client credential uses
// it: POST {authority}/{tenant}/oauth2/v2.0/token with an application/x-www-form-urlencoded
// client_credentials grant; the answer {"access_token", "expires_in", ...} or an OAuth error
// {"error", "error_description" (with its AADSTS code), "correlation_id"}.
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/auth/credential.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"
#include "core/util/result.h"

namespace azureml::auth {

inline constexpr std::string_view kDefaultAuthorityHost = "https://login.microsoftonline.com/";

// An authority host as AZURE_AUTHORITY_HOST may spell it, normalized to "https://host[:port]"
// plus any path, without a trailing slash. A bare host gets https://. Plain http:// is refused
// (tokens and secrets would cross the network in clear) except for loopback hosts, which the
// fakes use. The error says what was wrong.
Result<std::string, std::string> normalize_authority_host(std::string_view value);

// AZURE_AUTHORITY_HOST (unset or empty: the public cloud's host), normalized.
Result<std::string, std::string> authority_host_from(const Environment& environment);

// {authority}/{tenant}/oauth2/v2.0/token
std::string token_url(std::string_view authority, std::string_view tenant);

using FormFields = std::vector<std::pair<std::string, std::string>>;

// name=value&... with names and values percent-encoded (RFC 3986 unreserved characters stay).
std::string form_encode(const FormFields& fields);

inline constexpr std::string_view kJwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

// Sends the grant and reads the answer. Errors are failures of `credential` (it is
// configured; the server or the network said no), never unavailability. `secrets` are scrubbed
// from every message, though none is ever quoted on purpose.
Result<AccessToken, AuthError> request_token(http::Transport& transport, const Clock& clock,
                                             const std::string& credential, const std::string& url,
                                             const FormFields& fields, std::span<const std::string> secrets);

// The token endpoint's answer (any status) as a token or an error message; exposed for tests.
Result<AccessToken, std::string> parse_token_response(const http::Response& response, const std::string& url,
                                                      const Clock& clock);

}  // namespace azureml::auth
