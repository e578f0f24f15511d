#include "core/util/log.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <ostream>

#include "core/util/text.h"

namespace azureml {
namespace {

constexpr std::string_view kRedacted = "REDACTED";

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Characters of a name (field, header, query parameter, environment variable).
bool is_name_char(char c) { return is_alnum(c) || c == '_' || c == '-' || c == '$'; }

// Characters of one JWT segment (base64url without padding).
bool is_base64url_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }

// token68 (RFC 7235): what follows "Bearer ".
bool is_token68_char(char c) {
  return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Where a form/query/connection-string value ends: the next separator, quote or white space.
bool ends_unquoted_value(char c) {
  return c == '&' || c == ';' || c == '"' || c == '\'' || c == '\\' || std::isspace(static_cast<unsigned char>(c));
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Headers whose whole value is a credential: `Name: value` redacts up to the end of the line.
bool is_secret_header(std::string_view lowered) {
  return ends_with(lowered, "authorization") || lowered == "x-identity-header" ||
         lowered == "x-ms-authorization-auxiliary" || lowered == "ocp-apim-subscription-key";
}

// `name` starts its line, after indentation and an optional YAML list dash: `  password: x`.
bool starts_line(std::string_view text, std::size_t at) {
  while (at > 0) {
    const char c = text[at - 1];
    if (c == '\n' || c == '\r') return true;
    if (!is_blank(c) && c != '-') return false;
    --at;
  }
  return true;
}

std::size_t skip_blanks(std::string_view text, std::size_t at) {
  while (at < text.size() && is_blank(text[at])) ++at;
  return at;
}

std::size_t end_of_line(std::string_view text, std::size_t at) {
  while (at < text.size() && text[at] != '\n' && text[at] != '\r') ++at;
  return at;
}

// End of a JSON string's contents starting at `at` (the index of its closing quote, or the end of
// the text when the line was cut). `escaped` reads JSON embedded in a JSON string, quoted by \".
std::size_t end_of_json_string(std::string_view text, std::size_t at, bool escaped) {
  while (at < text.size()) {
    if (text[at] == '\\') {
      if (escaped && at + 1 < text.size() && text[at + 1] == '"') return at;
      at += 2;
      continue;
    }
    if (!escaped && text[at] == '"') return at;
    ++at;
  }
  return text.size();
}

// Parameter names of a Bearer challenge (WWW-Authenticate: Bearer realm="..."), not tokens.
bool is_challenge_parameter(std::string_view run) {
  static constexpr std::array<std::string_view, 10> kParameters = {
      "realm=",       "scope=",  "error=",    "error_description=", "error_uri=", "authorization_uri=",
      "resource_id=", "claims=", "resource=", "client_id="};
  const std::string lowered = to_lower(run);
  return std::find(kParameters.begin(), kParameters.end(), lowered) != kParameters.end();
}

// The end of a JWT whose first segment is text[begin, first_end), or npos when it is not one:
// three or more base64url segments joined by dots (the third, the signature, may be empty).
std::size_t end_of_jwt(std::string_view text, std::size_t first_end) {
  auto segment_end = [&](std::size_t at) {
    while (at < text.size() && is_base64url_char(text[at])) ++at;
    return at;
  };
  if (first_end >= text.size() || text[first_end] != '.') return std::string_view::npos;
  const std::size_t second_end = segment_end(first_end + 1);
  if (second_end == first_end + 1 || second_end >= text.size() || text[second_end] != '.')
    return std::string_view::npos;
  std::size_t end = segment_end(second_end + 1);
  // JWE: five segments.
  while (end + 1 < text.size() && text[end] == '.' && is_base64url_char(text[end + 1])) end = segment_end(end + 1);
  return end;
}

// Redacts the value of the secret-named field text[begin, name_end) when one follows it. Appends
// everything up to the end of the redacted value to `out` and returns where scanning resumes, or
// npos when no value follows (the caller copies the name on).
std::size_t redact_field_value(std::string_view text, std::size_t begin, std::size_t name_end, std::string& out) {
  const std::string lowered = to_lower(text.substr(begin, name_end - begin));
  std::size_t at = name_end;
  auto emit = [&](std::size_t value_begin, std::size_t value_end) {
    out.append(text.substr(begin, value_begin - begin));
    if (value_end > value_begin) out.append(kRedacted);
    return value_end;
  };

  // JSON: "name": "value", or \"name\": \"value\" inside an escaped JSON string.
  const bool escaped = at + 1 < text.size() && text[at] == '\\' && text[at + 1] == '"';
  if (escaped || (at < text.size() && text[at] == '"')) {
    at = skip_blanks(text, at + (escaped ? 2 : 1));
    if (at >= text.size() || text[at] != ':') return std::string_view::npos;
    at = skip_blanks(text, at + 1);
    if (escaped ? text.substr(at, 2) != "\\\"" : (at >= text.size() || text[at] != '"'))
      return std::string_view::npos;  // a number, null, an object: nothing secret to hide here
    const std::size_t value_begin = at + (escaped ? 2 : 1);
    return emit(value_begin, end_of_json_string(text, value_begin, escaped));
  }
  if (at >= text.size()) return std::string_view::npos;

  // Forms, queries, connection strings, environment assignments: name=value, name="value".
  if (text[at] == '=') {
    const std::size_t value_begin = at + 1;
    if (value_begin < text.size() && (text[value_begin] == '"' || text[value_begin] == '\'')) {
      const std::size_t close = text.find(text[value_begin], value_begin + 1);
      return emit(value_begin + 1, close == std::string_view::npos ? text.size() : close);
    }
    std::size_t value_end = value_begin;
    while (value_end < text.size() && !ends_unquoted_value(text[value_end])) ++value_end;
    return emit(value_begin, value_end);
  }

  // Headers (Authorization: ...) anywhere; other names as YAML keys at the start of a line.
  if (text[at] == ':' && (is_secret_header(lowered) || starts_line(text, begin))) {
    const std::size_t value_begin = skip_blanks(text, at + 1);
    return emit(value_begin, end_of_line(text, value_begin));
  }
  return std::string_view::npos;
}

std::string redact_patterns(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    if (!is_name_char(text[at])) {
      out.push_back(text[at++]);
      continue;
    }
    // A whole name: it starts here, because names are always consumed to their end.
    const std::size_t begin = at;
    std::size_t name_end = at;
    while (name_end < text.size() && is_name_char(text[name_end])) ++name_end;
    const std::string_view name = text.substr(begin, name_end - begin);

    if (to_lower(name) == "bearer") {
      const std::size_t token_begin = skip_blanks(text, name_end);
      std::size_t token_end = token_begin;
      while (token_end < text.size() && is_token68_char(text[token_end])) ++token_end;
      const std::string_view token = text.substr(token_begin, token_end - token_begin);
      if (token_begin > name_end && !token.empty() && !is_challenge_parameter(token)) {
        out.append(text.substr(begin, token_begin - begin));
        out.append(kRedacted);
        at = token_end;
        continue;
      }
    }
    if (name.starts_with("eyJ")) {
      const std::size_t jwt_end = end_of_jwt(text, name_end);
      if (jwt_end != std::string_view::npos) {
        out.append(kRedacted);
        at = jwt_end;
        continue;
      }
    }
    if (is_secret_name(name)) {
      const std::size_t resume = redact_field_value(text, begin, name_end, out);
      if (resume != std::string_view::npos) {
        at = resume;
        continue;
      }
    }
    out.append(name);
    at = name_end;
  }
  return out;
}

std::string json_escaped(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

void replace_all(std::string& text, std::string_view needle, std::string_view replacement) {
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + replacement.size()))
    text.replace(at, needle.size(), replacement);
}

}  // namespace

bool is_secret_name(std::string_view name) {
  std::string lowered = to_lower(name);
  if (!lowered.empty() && lowered.front() == '$') lowered.erase(0, 1);  // OData: $skiptoken
  static constexpr std::array<std::string_view, 7> kExact = {"sig",
                                                             "signature",
                                                             "passwd",
                                                             "x-identity-header",
                                                             "identity_header",
                                                             "x-ms-authorization-auxiliary",
                                                             "sharedaccesssignature"};
  static constexpr std::array<std::string_view, 6> kSuffixes = {
      "token", "secret", "password", "connectionstring", "assertion", "authorization"};
  if (std::find(kExact.begin(), kExact.end(), lowered) != kExact.end()) return true;
  for (const auto suffix : kSuffixes)
    if (ends_with(lowered, suffix)) return true;
  // primaryKey, secondaryKey, SharedAccessKey, accountKey, api_key; but not a bare "key"
  // (Kubernetes tolerations and selectors use it for label names).
  return lowered.size() > 3 && ends_with(lowered, "key");
}

void Redactor::add_secret(std::string value) {
  if (value.size() < 4) return;
  for (std::string form : {percent_encode(value), json_escaped(value), value})
    if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end()) secrets_.push_back(std::move(form));
  // Longest first, so a secret containing another is replaced whole.
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::redact(std::string_view text) const {
  std::string exact(text);
  for (const auto& secret : secrets_) replace_all(exact, secret, kRedacted);
  return redact_patterns(exact);
}

void StreamLog::verbose(std::string_view line) {
  if (!verbose_) return;
  stream_ << redactor_.redact(line) << '\n';
}

}  // namespace azureml
