#include "core/kube/exec_credential_protocol.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/util/base64.h"

namespace azureml::kube {
namespace {

using Json = nlohmann::ordered_json;

bool digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<long long>(era) * 146097 + day_of_era - 719468;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

// A string field of `object`: nullopt when absent or null; `wrong` set when it is not a string.
std::optional<std::string> string_field(const Json& object, const char* key, bool& wrong) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    wrong = true;
    return std::nullopt;
  }
  auto text = it->get<std::string>();
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':')
    return std::nullopt;
  const auto year_text = text.substr(0, 4), month_text = text.substr(5, 2), day_text = text.substr(8, 2);
  const auto hour_text = text.substr(11, 2), minute_text = text.substr(14, 2), second_text = text.substr(17, 2);
  for (auto part : {year_text, month_text, day_text, hour_text, minute_text, second_text})
    if (!digits(part)) return std::nullopt;
  const int year = number(year_text), month = number(month_text), day = number(day_text);
  const int hour = number(hour_text), minute = number(minute_text), second = number(second_text);
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59)
    return std::nullopt;

  std::size_t at = 19;
  std::chrono::nanoseconds fraction{0};
  if (text[at] == '.') {
    const std::size_t start = ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == start) return std::nullopt;
    long long nanos = 0;
    for (std::size_t i = start; i < start + 9; ++i) nanos = nanos * 10 + (i < at ? text[i] - '0' : 0);
    fraction = std::chrono::nanoseconds(nanos);
  }
  if (at >= text.size()) return std::nullopt;
  std::chrono::minutes offset{0};
  const auto zone = text.substr(at);
  if (zone == "Z" || zone == "z") {
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && digits(zone.substr(1, 2)) &&
             digits(zone.substr(4, 2))) {
    const int hours = number(zone.substr(1, 2)), minutes = number(zone.substr(4, 2));
    if (hours > 23 || minutes > 59) return std::nullopt;
    offset = std::chrono::minutes(hours * 60 + minutes) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const long long local_seconds = days_from_civil(year, month, day) * 86400LL + hour * 3600LL + minute * 60LL + second;
  const long long utc_seconds = local_seconds - std::chrono::duration_cast<std::chrono::seconds>(offset).count();
  // system_clock counts nanoseconds in 64 bits (years 1677 to 2262) and Go reads years 0 to
  // 9999: converting 9999-12-31 overflowed. A date outside is clamped to one inside, far enough
  // from the edges that an expiry margin subtracted later cannot overflow either; an expiry in
  // year 3000 is still in the future and one in year 1000 still in the past.
  const long long earliest = days_from_civil(1678, 1, 1) * 86400LL;
  const long long latest = days_from_civil(2261, 12, 31) * 86400LL;
  if (utc_seconds < earliest || utc_seconds > latest)
    return std::chrono::time_point_cast<std::chrono::system_clock::duration>(
        std::chrono::sys_seconds(std::chrono::seconds(std::clamp(utc_seconds, earliest, latest))));
  const auto utc = std::chrono::sys_seconds(std::chrono::seconds(utc_seconds));
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(utc + fraction);
}

std::string exec_info_json(const ExecConfig& exec, bool interactive) {
  Json spec = Json::object();
  if (exec.cluster) {
    const auto& info = *exec.cluster;
    Json cluster = Json::object();
    cluster["server"] = info.server;
    if (!info.tls_server_name.empty()) cluster["tls-server-name"] = info.tls_server_name;
    if (info.insecure_skip_tls_verify) cluster["insecure-skip-tls-verify"] = true;
    if (info.certificate_authority_pem)
      cluster["certificate-authority-data"] = base64_encode(*info.certificate_authority_pem);
    if (!info.proxy_url.empty()) cluster["proxy-url"] = info.proxy_url;
    if (info.disable_compression) cluster["disable-compression"] = true;
    if (!info.config.is_null()) cluster["config"] = Json::parse(info.config.dump());
    spec["cluster"] = std::move(cluster);
  }
  spec["interactive"] = interactive;
  Json root = Json::object();
  root["apiVersion"] = exec.api_version;
  root["kind"] = "ExecCredential";
  root["spec"] = std::move(spec);
  return root.dump();
}

Result<ExecCredential, std::string> parse_exec_output(std::string_view stdout_text, std::string_view api_version) {
  const auto root = Json::parse(stdout_text, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return fail(std::string(stdout_text.find_first_not_of(" \t\r\n") == std::string_view::npos
                                ? "printed nothing on stdout"
                                : "printed something other than an ExecCredential JSON object on stdout"));
  const auto version = root.value("apiVersion", Json()).is_string() ? root["apiVersion"].get<std::string>() : "";
  if (version != api_version)
    return fail("answered with apiVersion '" + version + "' but the kubeconfig asks for '" + std::string(api_version) +
                "'");
  const auto kind = root.value("kind", Json()).is_string() ? root["kind"].get<std::string>() : "";
  if (kind != "ExecCredential") return fail("answered with kind '" + kind + "' instead of 'ExecCredential'");
  const auto status = root.find("status");
  if (status == root.end() || !status->is_object()) return fail(std::string("answered without a status"));

  bool wrong = false;
  ExecCredential credential;
  credential.token = string_field(*status, "token", wrong);
  const auto certificate = string_field(*status, "clientCertificateData", wrong);
  const auto key = string_field(*status, "clientKeyData", wrong);
  const auto expiry = string_field(*status, "expirationTimestamp", wrong);
  if (wrong)
    return fail(
        std::string("answered with a status whose token, clientCertificateData, clientKeyData or "
                    "expirationTimestamp is not a string"));
  if (certificate.has_value() != key.has_value())
    return fail(std::string("answered with only one of clientCertificateData and clientKeyData; both are needed"));
  if (!credential.token && !certificate)
    return fail(std::string("answered with neither a token nor a client certificate"));
  if (certificate) {
    if (certificate->find("-----BEGIN CERTIFICATE-----") == std::string::npos)
      return fail(std::string("answered with a clientCertificateData that is not a PEM certificate"));
    if (key->find("PRIVATE KEY-----") == std::string::npos)
      return fail(std::string("answered with a clientKeyData that is not a PEM private key"));
    credential.client_certificate = ClientCertificate{*certificate, *key};
  }
  if (expiry) {
    credential.expires_at = parse_rfc3339(*expiry);
    if (!credential.expires_at)
      return fail("answered with expirationTimestamp '" + *expiry + "', which is not an RFC 3339 time");
  }
  return credential;
}

}  // namespace azureml::kube
