#pragma once
// JSON Web Tokens as the fake needs them: unsigned tokens it hands out ("alg":"none"), and
// parsing plus RS256/PS256 verification of the client assertions that clients send to it.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace azureml::fakes {

struct Jwt {
  nlohmann::json header;
  nlohmann::json payload;
  std::string signing_input;  // "<header>.<payload>" as received
  std::string signature;      // raw bytes
};

// "<base64url(header)>.<base64url(payload)>." with header {"typ":"JWT","alg":"none"}.
std::string make_unsigned_jwt(const nlohmann::json& payload);

// nullopt unless the text is three base64url parts whose first two are JSON objects.
std::optional<Jwt> parse_jwt(std::string_view token);

// True when the token's signature verifies with the public key of `certificate_pem` under the
// algorithm its header names (RS256 or PS256; anything else fails).
bool verify_jwt_signature(const Jwt& token, const std::string& certificate_pem);

}  // namespace azureml::fakes
