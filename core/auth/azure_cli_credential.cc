#include "core/auth/azure_cli_credential.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <ctime>

#include "core/auth/credential_support.h"

namespace azureml::auth {

namespace {

constexpr const char* kName = "AzureCliCredential";

// The line of az's stderr worth quoting: the first "ERROR: ..." line, else the first non-empty one.
std::string cli_error_line(const std::string& stderr_text) {
  std::string fallback;
  std::size_t start = 0;
  while (start <= stderr_text.size()) {
    const auto end = stderr_text.find('\n', start);
    const auto line =
        trim(std::string_view(stderr_text).substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (line.starts_with("ERROR:")) return first_line(trim(line.substr(6)));
    if (fallback.empty() && !line.empty() && !line.starts_with("WARNING:")) fallback = first_line(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return fallback;
}

bool parse_int(std::string_view text, int& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_cli_local_time(std::string_view text) {
  // YYYY-MM-DD HH:MM:SS[.ffffff]
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      text[16] != ':')
    return std::nullopt;
  if (text.size() > 19) {
    if (text[19] != '.' || text.size() == 20) return std::nullopt;
    for (const char c : text.substr(20))
      if (c < '0' || c > '9') return std::nullopt;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!parse_int(text.substr(0, 4), year) || !parse_int(text.substr(5, 2), month) ||
      !parse_int(text.substr(8, 2), day) || !parse_int(text.substr(11, 2), hour) ||
      !parse_int(text.substr(14, 2), minute) || !parse_int(text.substr(17, 2), second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

AzureCliCredential::AzureCliCredential(ProcessRunner& runner, AzureCliOptions options)
    : runner_(runner), options_(std::move(options)) {}

Result<AccessToken, AuthError> AzureCliCredential::get_token(const std::string& scope, bool /*force_refresh*/) {
  if (!is_valid_scope(scope)) return fail(failed(kName, "'" + first_line(scope) + "' is not a valid scope"));
  std::vector<std::string> argv = {options_.executable, "account", "get-access-token", "--output", "json",
                                   "--scope",           scope};
  if (options_.tenant_id) {
    if (!is_valid_tenant(*options_.tenant_id))
      return fail(failed(kName, "'" + first_line(*options_.tenant_id) +
                                    "' is not a valid tenant id (letters, digits, '.' and '-' only)"));
    argv.insert(argv.end(), {"--tenant", *options_.tenant_id});
  }
  const auto command = "'" + options_.executable + " account get-access-token'";

  auto ran = runner_.run(argv, options_.timeout);
  if (!ran) {
    const auto& error = ran.error();
    switch (error.kind) {
      case ProcessError::Kind::not_found:
        return fail(unavailable(kName, first_line(options_.executable) + " not found on PATH"));
      case ProcessError::Kind::timed_out:
        return fail(failed(
            kName, command + " did not finish within " +
                       (options_.timeout.count() % 1000 == 0 ? std::to_string(options_.timeout.count() / 1000) + " s"
                                                             : std::to_string(options_.timeout.count()) + " ms")));
      case ProcessError::Kind::failed:
        break;
    }
    return fail(failed(kName, first_line(error.message)));
  }
  const auto& output = ran.value();
  if (output.exit_code != 0) {
    const auto& err = output.stderr_text;
    const auto said = cli_error_line(err);
    if (err.find("az login") != std::string::npos || err.find("az account set") != std::string::npos)
      return fail(failed(kName, "the Azure CLI is not signed in: run 'az login'" +
                                    (said.empty() ? std::string() : " (az: " + said + ")")));
    if (output.exit_code == 127 && err.find("not found") != std::string::npos)
      return fail(unavailable(kName, first_line(options_.executable) + " not found on PATH"));
    return fail(failed(kName, command + " failed with exit code " + std::to_string(output.exit_code) +
                                  (said.empty() ? std::string() : ": " + said)));
  }

  // Never quote stdout: it holds the token.
  const auto body = nlohmann::json::parse(output.stdout_text, nullptr, false);
  if (!body.is_object() || !body.contains("accessToken") || !body["accessToken"].is_string() ||
      body["accessToken"].get_ref<const std::string&>().empty())
    return fail(failed(kName, command + " printed something other than a token in JSON"));
  AccessToken token{body["accessToken"].get<std::string>(), {}};
  if (body.contains("expires_on")) {
    if (const auto seconds = json_seconds(body["expires_on"])) {
      token.expires_on = from_unix_seconds(*seconds);
      return token;
    }
  }
  if (body.contains("expiresOn") && body["expiresOn"].is_string()) {
    if (const auto when = parse_cli_local_time(body["expiresOn"].get_ref<const std::string&>())) {
      token.expires_on = *when;
      return token;
    }
  }
  return fail(failed(kName, command + " printed a token without a valid expires_on or expiresOn"));
}

}  // namespace azureml::auth
