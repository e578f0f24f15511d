#include "core/extension/validate_settings.h"

#include <utility>

#include "core/extension/known_settings.h"
#include "core/util/base64.h"
#include "core/util/file_read.h"
#include "core/util/suggest.h"
#include "core/util/text.h"

namespace azureml::extension {
namespace {

using namespace keys;

class Validator {
 public:
  Validator(const UserSettings& user, const FileReader& read_file)
      : user_(user), read_file_(read_file), out_{user.settings, {}} {}

  ValidatedSettings run() {
    check_keys();
    const bool training = is_true(user_.find(kEnableTraining));
    const bool inference = is_true(user_.find(kEnableInference));
    if (!training && !inference) {
      error(user_.given(kEnableTraining) ? user_.where(kEnableTraining) : "", kEnableTraining,
            "neither enableTraining nor enableInference is true: the extension would run nothing",
            "pass --config enableTraining=true for training, --config enableInference=true for inference, or both");
    }
    if (inference) check_inference();
    if (is_true(user_.find(kIsAKSMigration))) out_.settings.public_settings[kScoringFeNamespace] = "default";
    if (is_true(user_.find(kLogAnalyticsWS)) && !user_.given(kLogAnalyticsConnectionString) &&
        !user_.installed_protected.contains(kLogAnalyticsConnectionString)) {
      error(user_.where(kLogAnalyticsWS), kLogAnalyticsWS, "this product does not create Log Analytics workspaces",
            "create one, then pass --config azure_log_analytics.enabled=true, --config "
            "azure_log_analytics.customer_id=ID and --config-protected azure_log_analytics.connection_string=KEY");
    }
    // As the handler writes them: public, the user's text when given, else "True"/"False".
    for (const char* key : {kEnableTraining, kEnableInference}) {
      const bool on = key == std::string_view(kEnableTraining) ? training : inference;
      if (!out_.settings.public_settings.contains(key)) {
        out_.settings.public_settings[key] = on ? "True" : "False";
      }
      out_.settings.protected_settings.erase(key);
    }
    return std::move(out_);
  }

 private:
  void error(std::string origin, std::string key, std::string message, std::string hint = {}) {
    out_.problems.push_back({Severity::error, std::move(origin), std::move(key), std::move(message), std::move(hint)});
  }
  void warning(std::string origin, std::string key, std::string message, std::string hint = {}) {
    out_.problems.push_back(
        {Severity::warning, std::move(origin), std::move(key), std::move(message), std::move(hint)});
  }

  // ", found 'VALUE'" for a message about `key`'s value; nothing when it was given protected,
  // whose values are never shown.
  std::string found(const std::string& key, const std::string& value) const {
    if (user_.settings.protected_settings.contains(key)) return "";
    return ", found '" + printable(value) + "'";
  }

  void check_keys() {
    const Settings& given = user_.settings;
    for (const auto& [key, value] : given.public_settings) {
      if (given.protected_settings.contains(key)) {
        error(user_.where(key), key, "given both as a public and as a protected setting",
              "keep it in one: protected if it is a secret");
      }
      if (keys::is_secret(key)) {
        error(user_.where(key), key, "is a secret and would be readable by anyone who can read the extension",
              "give it with --config-protected (or under configurationProtectedSettings)");
      }
    }
    for (const auto& map : {&given.public_settings, &given.protected_settings}) {
      for (const auto& [key, value] : *map) {
        if (key.empty()) continue;
        if (is_boolean(key) && !equals_ci(value, "true") && !equals_ci(value, "false")) {
          error(user_.where(key), key, "must be true or false" + found(key, value), "give true or false");
        }
        if (!is_known(key)) {
          std::string hint = did_you_mean(key, known());
          warning(user_.where(key), key, "not a setting this product knows; passed to the extension as given",
                  hint.empty() ? "check the spelling against the extension's documentation" : hint);
        }
      }
    }
  }

  void check_inference() {
    const std::string* type = user_.find(kInferenceRouterServiceType);
    std::string canonical;
    if (type) {
      for (const auto& allowed : service_types())
        if (equals_ci(*type, allowed)) canonical = allowed;
    }
    if (canonical.empty()) {
      error(type ? user_.where(kInferenceRouterServiceType) : user_.where(kEnableInference),
            kInferenceRouterServiceType,
            type ? "must be one of " + quoted_list(service_types()) + found(kInferenceRouterServiceType, *type)
                 : "is required with enableInference=true",
            "pass --config inferenceRouterServiceType=LoadBalancer (or NodePort, ClusterIP); for an internal-only "
            "endpoint on AKS add internalLoadBalancerProvider=azure");
    }
    const std::string* provider = user_.find(kInternalLoadBalancerProvider);
    const bool internal = provider && equals_ci(*provider, "azure");
    // An empty provider is none: how `extension update` turns an internal load balancer off.
    if (provider && !internal && !provider->empty()) {
      error(user_.where(kInternalLoadBalancerProvider), kInternalLoadBalancerProvider,
            "must be 'azure'" + found(kInternalLoadBalancerProvider, *provider),
            "the only provider supported is azure");
    }
    if (canonical == "NodePort" && internal) {
      error(user_.where(kInternalLoadBalancerProvider), kInternalLoadBalancerProvider,
            "internalLoadBalancerProvider=azure cannot be used with inferenceRouterServiceType=NodePort",
            "use LoadBalancer for an internal load balancer, or drop internalLoadBalancerProvider");
    }
    // Both written True or False, as the handler's __normalize_config does: a False must be sent
    // to turn off what an earlier install turned on (a change cannot remove a setting).
    if (!canonical.empty())
      out_.settings.public_settings[kScoringFeNodePort] = canonical == "NodePort" ? "True" : "False";
    if (internal || (provider && provider->empty()))
      out_.settings.public_settings[kScoringFeInternalLoadBalancer] = internal ? "True" : "False";
    if (internal) {
      warning(user_.where(kInternalLoadBalancerProvider), kInternalLoadBalancerProvider,
              "an internal load balancer is supported on AKS and AKS Engine clusters only");
    }
    check_tls();
  }

  void check_tls() {
    const auto& protected_settings = user_.settings.protected_settings;
    const bool cert = protected_settings.contains(kSslCertPemFile);
    const bool key = protected_settings.contains(kSslKeyPemFile);
    const bool secret = user_.given(kSslSecret);
    const bool insecure = is_true(user_.find(kAllowInsecureConnections));
    if (cert != key) {
      const char* missing = cert ? kSslKeyPemFile : kSslCertPemFile;
      error(user_.where(cert ? kSslCertPemFile : kSslKeyPemFile), missing,
            "is required with " + std::string(cert ? kSslCertPemFile : kSslKeyPemFile),
            "pass both: --config-protected sslCertPemFile=CERT.pem --config-protected sslKeyPemFile=KEY.pem");
    }
    // TLS the installed extension already has (its PEM files went in as protected settings).
    const auto& installed = user_.installed_protected;
    const bool installed_tls =
        !cert && !key && installed.contains(kScoringFeSslCert) && installed.contains(kScoringFeSslKey);
    const bool tls = (cert && key) || secret || installed_tls;
    if (!tls && !insecure) {
      error(user_.where(kEnableInference), kEnableInference,
            "inference needs TLS for its scoring endpoint, or explicit consent to plain HTTP",
            "pass --config-protected sslCertPemFile=CERT.pem --config-protected sslKeyPemFile=KEY.pem (or --config "
            "sslSecret=SECRET, a Kubernetes secret in the azureml namespace) with --config sslCname=HOST; or --config "
            "allowInsecureConnections=true");
      return;
    }
    if (tls && !user_.given(kSslCname)) {
      error(user_.where(secret ? kSslSecret : kSslCertPemFile), kSslCname, "is required when TLS is enabled",
            "pass --config sslCname=HOST, the name clients call the scoring endpoint by");
    }
    if (insecure && !tls) {
      warning(user_.where(kAllowInsecureConnections), kAllowInsecureConnections,
              "TLS is off: the scoring endpoint will accept plain HTTP");
      return;
    }
    if (cert && key) {
      if (secret) {
        warning(user_.where(kSslSecret), kSslSecret, "ignored: sslCertPemFile and sslKeyPemFile take precedence");
      }
      embed(kSslCertPemFile, kScoringFeSslCert);
      embed(kSslKeyPemFile, kScoringFeSslKey);
    } else if (secret) {
      out_.settings.public_settings[kScoringFeSslSecret] = *user_.find(kSslSecret);
    }
  }

  // A PEM file named by a protected setting, sent base64 in another protected setting.
  void embed(const char* path_key, const char* value_key) {
    const std::string& path = user_.settings.protected_settings.at(path_key);
    auto text = read_file_(path);
    if (!text) {
      error(user_.where(path_key), path_key, text.error(), "give the path of a readable PEM file");
      return;
    }
    if (text->find("-----BEGIN ") == std::string::npos) {
      error(user_.where(path_key), path_key, "'" + printable(path) + "' is not a PEM file (no -----BEGIN line)",
            "give the PEM-encoded certificate chain and its private key");
      return;
    }
    out_.settings.protected_settings[value_key] = base64_encode(*text);
  }

  const UserSettings& user_;
  const FileReader& read_file_;
  ValidatedSettings out_;
};

}  // namespace

FileReader disk_reader() {
  return [](const std::string& path) -> Result<std::string> {
    auto text = read_whole_file(path);
    if (!text) return fail("cannot read '" + printable(path) + "': " + text.error().reason);
    return std::move(*text);
  };
}

ValidatedSettings validate_settings(const UserSettings& user, const FileReader& read_file) {
  return Validator(user, read_file).run();
}

}  // namespace azureml::extension
