// validate_settings: the Azure CLI AzureML handler's checks and normalizations, with a fake
// FileReader for the TLS PEM files.
#include "core/extension/validate_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "tests/unit/temp_dir.h"

namespace azureml::extension {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

constexpr const char* kCertText = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
constexpr const char* kKeyText = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
// `base64 -w0` of the two texts above.
constexpr const char* kCertBase64 = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";
constexpr const char* kKeyBase64 = "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUUKLS0tLS1FTkQgUFJJVkFURSBLRVktLS0tLQo=";

// Files by path; any other path cannot be read.
FileReader fake_files(std::map<std::string, std::string> files = {}) {
  return [files = std::move(files)](const std::string& path) -> Result<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return fail("cannot read '" + path + "'");
    return it->second;
  };
}

UserSettings user_of(const std::vector<std::string>& public_flags,
                     const std::vector<std::string>& protected_flags = {}) {
  UserSettings user;
  std::vector<SettingProblem> problems;
  add_assignments(user, public_flags, false, problems);
  add_assignments(user, protected_flags, true, problems);
  EXPECT_THAT(problems, IsEmpty()) << "the test's own flags are malformed";
  return user;
}

ValidatedSettings validate(const std::vector<std::string>& public_flags,
                           const std::vector<std::string>& protected_flags = {},
                           const FileReader& reader = fake_files()) {
  return validate_settings(user_of(public_flags, protected_flags), reader);
}

std::vector<std::string> formatted(const std::vector<SettingProblem>& problems, bool errors_only = false) {
  std::vector<std::string> lines;
  for (const auto& problem : problems)
    if (!errors_only || problem.severity == Severity::error) lines.push_back(format(problem));
  return lines;
}

std::vector<std::string> errors(const ValidatedSettings& validated) { return formatted(validated.problems, true); }

// Inference with every requirement met but TLS, which the test adds.
std::vector<std::string> inference(std::vector<std::string> more) {
  std::vector<std::string> flags = {"enableInference=true", "inferenceRouterServiceType=LoadBalancer"};
  flags.insert(flags.end(), more.begin(), more.end());
  return flags;
}

const std::string kTlsHint =
    "pass --config-protected sslCertPemFile=CERT.pem --config-protected sslKeyPemFile=KEY.pem (or --config "
    "sslSecret=SECRET, a Kubernetes secret in the azureml namespace) with --config sslCname=HOST; or --config "
    "allowInsecureConnections=true";
const std::string kNoTlsError =
    "error: --config: enableInference: inference needs TLS for its scoring endpoint, or "
    "explicit consent to plain HTTP (" +
    kTlsHint + ")";

// ---- training / inference switches ------------------------------------------------------

TEST(ValidateSettings, NeitherTrainingNorInferenceIsAnError) {
  const auto validated = validate({});
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("error: enableTraining: neither enableTraining nor enableInference is true: the extension "
                          "would run nothing (pass --config enableTraining=true for training, --config "
                          "enableInference=true for inference, or both)"));
}

TEST(ValidateSettings, NeitherTrueWhenTrainingIsFalsePointsAtTheFlag) {
  const auto validated = validate({"enableTraining=false", "enableInference=False"});
  ASSERT_EQ(validated.problems.size(), 1u);
  EXPECT_EQ(validated.problems[0].origin, "--config");
  EXPECT_EQ(validated.problems[0].key, "enableTraining");
}

TEST(ValidateSettings, TrainingGivenAsTextKeepsItAndInferenceBecomesFalse) {
  const auto validated = validate({"enableTraining=true"});
  EXPECT_THAT(validated.problems, IsEmpty());
  EXPECT_THAT(validated.settings.public_settings,
              ElementsAre(Pair("enableInference", "False"), Pair("enableTraining", "true")));
  EXPECT_THAT(validated.settings.protected_settings, IsEmpty());
}

TEST(ValidateSettings, TrainingInAnyCaseIsTrue) {
  const auto validated = validate({"enableTraining=TRUE"});
  EXPECT_THAT(validated.problems, IsEmpty());
  EXPECT_THAT(validated.settings.public_settings,
              ElementsAre(Pair("enableInference", "False"), Pair("enableTraining", "TRUE")));
}

TEST(ValidateSettings, TrainingGivenOnlyAsProtectedMovesToPublicAsTrue) {
  const auto validated = validate({}, {"enableTraining=true"});
  EXPECT_THAT(validated.problems, IsEmpty());
  EXPECT_THAT(validated.settings.public_settings,
              ElementsAre(Pair("enableInference", "False"), Pair("enableTraining", "True")));
  EXPECT_THAT(validated.settings.protected_settings, IsEmpty());
}

TEST(ValidateSettings, OtherSettingsPassThrough) {
  const auto validated =
      validate({"enableTraining=true", "installPromOp=false"}, {"azure_log_analytics.connection_string=k"});
  EXPECT_THAT(validated.problems, IsEmpty());
  EXPECT_THAT(
      validated.settings.public_settings,
      ElementsAre(Pair("enableInference", "False"), Pair("enableTraining", "true"), Pair("installPromOp", "false")));
  EXPECT_THAT(validated.settings.protected_settings, ElementsAre(Pair("azure_log_analytics.connection_string", "k")));
}

// ---- keys: public and protected, secrets, booleans, unknown -------------------------------

TEST(ValidateSettings, KeyBothPublicAndProtectedIsAnError) {
  const auto validated = validate({"enableTraining=true", "sslCname=a.example.com"}, {"sslCname=b.example.com"});
  EXPECT_THAT(errors(validated),
              ElementsAre("error: --config-protected: sslCname: given both as a public and as a protected setting "
                          "(keep it in one: protected if it is a secret)"));
}

TEST(ValidateSettings, RelayConnectionStringGivenPubliclyIsAnError) {
  const auto validated = validate({"enableTraining=true", "relayServerConnectionString=Endpoint=sb://r/;Key=s3cr3t"});
  EXPECT_THAT(errors(validated),
              ElementsAre("error: --config: relayServerConnectionString: is a secret and would be readable by anyone "
                          "who can read the extension (give it with --config-protected (or under "
                          "configurationProtectedSettings))"));
  EXPECT_THAT(errors(validated)[0], Not(HasSubstr("s3cr3t")));
}

TEST(ValidateSettings, SslKeyPemFileGivenPubliclyIsAnError) {
  const auto validated = validate({"enableTraining=true", "sslKeyPemFile=/tls/key.pem"});
  EXPECT_THAT(errors(validated),
              ElementsAre("error: --config: sslKeyPemFile: is a secret and would be readable by anyone who can read "
                          "the extension (give it with --config-protected (or under configurationProtectedSettings))"));
}

TEST(ValidateSettings, SecretGivenAsProtectedIsFine) {
  const auto validated = validate({"enableTraining=true"}, {"relayServerConnectionString=Endpoint=sb://r/"});
  EXPECT_THAT(validated.problems, IsEmpty());
}

TEST(ValidateSettings, BooleanWithYesIsAnErrorShowingTheValue) {
  const auto validated = validate({"enableTraining=true", "installNvidiaDevicePlugin=yes"});
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("error: --config: installNvidiaDevicePlugin: must be true or false, found 'yes' "
                          "(give true or false)"));
}

TEST(ValidateSettings, ProtectedBooleanWithABadValueDoesNotEchoIt) {
  const auto validated = validate({"enableTraining=true"}, {"logAnalyticsWS=s3cr3t"});
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("error: --config-protected: logAnalyticsWS: must be true or false (give true or false)"));
}

TEST(ValidateSettings, BooleansAcceptAnyCase) {
  const auto validated =
      validate({"enableTraining=True", "installBlobfuseSysctl=FALSE", "openshift=tRuE", "servicebus.enabled=false"});
  EXPECT_THAT(validated.problems, IsEmpty());
}

TEST(ValidateSettings, UnknownKeyIsAWarningWithDidYouMeanAndPassesThrough) {
  const auto validated = validate({"enableTraining=true", "enableTrainng=true"});
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("warning: --config: enableTrainng: not a setting this product knows; passed to the "
                          "extension as given (did you mean 'enableTraining'?)"));
  EXPECT_FALSE(has_errors(validated.problems));
  EXPECT_THAT(validated.settings.public_settings, Contains(Pair("enableTrainng", "true")));
}

TEST(ValidateSettings, UnknownKeyWithNothingCloseSaysToCheckTheSpelling) {
  const auto validated = validate({"enableTraining=true"}, {"qqqqqqqqqqqq=1"});
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("warning: --config-protected: qqqqqqqqqqqq: not a setting this product knows; passed to "
                          "the extension as given (check the spelling against the extension's documentation)"));
}

TEST(ValidateSettings, KnownFamiliesPassWithoutWarnings) {
  const auto validated = validate({"enableTraining=true", "scoringFe.replicas=2", "prometheus.retention=1d",
                                   "servicebus.topicSubMapping.t=s", "azure_log_analytics.enabled=false",
                                   "gpu.nodeSelector.pool=gpu", "installVolcano=false"});
  EXPECT_THAT(validated.problems, IsEmpty());
}

// ---- inference: service type and load balancer -----------------------------------------

TEST(ValidateInference, MissingServiceTypeIsAnError) {
  const auto validated = validate({"enableInference=true", "allowInsecureConnections=true"});
  EXPECT_THAT(errors(validated),
              ElementsAre("error: --config: inferenceRouterServiceType: is required with enableInference=true (pass "
                          "--config inferenceRouterServiceType=LoadBalancer (or NodePort, ClusterIP); for an "
                          "internal-only endpoint on AKS add internalLoadBalancerProvider=azure)"));
}

TEST(ValidateInference, InvalidServiceTypeIsAnErrorListingTheValues) {
  const auto validated =
      validate({"enableInference=true", "inferenceRouterServiceType=Ingress", "allowInsecureConnections=true"});
  EXPECT_THAT(errors(validated),
              ElementsAre("error: --config: inferenceRouterServiceType: must be one of 'LoadBalancer', 'NodePort' or "
                          "'ClusterIP', found 'Ingress' (pass --config inferenceRouterServiceType=LoadBalancer (or "
                          "NodePort, ClusterIP); for an internal-only endpoint on AKS add "
                          "internalLoadBalancerProvider=azure)"));
}

TEST(ValidateInference, ServiceTypeIsCaseInsensitiveAndNodePortAddsTheScoringFeSetting) {
  const auto validated =
      validate({"enableInference=true", "inferenceRouterServiceType=nodeport", "allowInsecureConnections=true"});
  EXPECT_THAT(errors(validated), IsEmpty());
  EXPECT_THAT(
      validated.settings.public_settings,
      UnorderedElementsAre(Pair("enableInference", "true"), Pair("enableTraining", "False"),
                           Pair("inferenceRouterServiceType", "nodeport"), Pair("allowInsecureConnections", "true"),
                           Pair("scoringFe.serviceType.nodePort", "True")));
}

// Audit D3: False is written, as the handler writes it, so that an update away from NodePort
// turns it off (a change cannot remove the True an earlier install sent).
TEST(ValidateInference, LoadBalancerTurnsNodePortOffExplicitly) {
  const auto validated = validate(inference({"allowInsecureConnections=true"}));
  EXPECT_THAT(errors(validated), IsEmpty());
  EXPECT_THAT(validated.settings.public_settings, Contains(Pair("scoringFe.serviceType.nodePort", "False")));
  EXPECT_FALSE(validated.settings.public_settings.contains("scoringFe.serviceType.internalLoadBalancer"));
}

TEST(ValidateInference, AnEmptyProviderTurnsTheInternalLoadBalancerOff) {
  const auto validated = validate(inference({"allowInsecureConnections=true", "internalLoadBalancerProvider="}));
  EXPECT_THAT(errors(validated), IsEmpty());
  EXPECT_THAT(validated.settings.public_settings,
              Contains(Pair("scoringFe.serviceType.internalLoadBalancer", "False")));
}

TEST(ValidateInference, AzureInternalLoadBalancerAddsTheSettingAndAWarning) {
  const auto validated = validate(inference({"allowInsecureConnections=true", "internalLoadBalancerProvider=azure"}));
  EXPECT_THAT(errors(validated), IsEmpty());
  EXPECT_THAT(formatted(validated.problems),
              Contains("warning: --config: internalLoadBalancerProvider: an internal load balancer is supported on "
                       "AKS and AKS Engine clusters only"));
  EXPECT_THAT(validated.settings.public_settings, Contains(Pair("scoringFe.serviceType.internalLoadBalancer", "True")));
}

TEST(ValidateInference, OtherLoadBalancerProviderIsAnError) {
  const auto validated = validate(inference({"allowInsecureConnections=true", "internalLoadBalancerProvider=aws"}));
  EXPECT_THAT(errors(validated),
              ElementsAre("error: --config: internalLoadBalancerProvider: must be 'azure', found 'aws' (the only "
                          "provider supported is azure)"));
  EXPECT_FALSE(validated.settings.public_settings.contains("scoringFe.serviceType.internalLoadBalancer"));
}

TEST(ValidateInference, NodePortWithAzureInternalLoadBalancerIsAnError) {
  const auto validated = validate({"enableInference=true", "inferenceRouterServiceType=NodePort",
                                   "internalLoadBalancerProvider=azure", "allowInsecureConnections=true"});
  EXPECT_THAT(errors(validated),
              ElementsAre("error: --config: internalLoadBalancerProvider: internalLoadBalancerProvider=azure cannot "
                          "be used with inferenceRouterServiceType=NodePort (use LoadBalancer for an internal load "
                          "balancer, or drop internalLoadBalancerProvider)"));
}

TEST(ValidateInference, InferenceChecksDoNotApplyToTrainingAlone) {
  const auto validated = validate({"enableTraining=true", "internalLoadBalancerProvider=aws"});
  EXPECT_THAT(validated.problems, IsEmpty());
}

// ---- inference: TLS ---------------------------------------------------------------------

TEST(ValidateTls, NoTlsAndNoConsentToHttpIsAnError) {
  const auto validated = validate(inference({}));
  EXPECT_THAT(formatted(validated.problems), ElementsAre(kNoTlsError));
}

TEST(ValidateTls, AllowInsecureConnectionsIsOnlyAWarning) {
  const auto validated = validate(inference({"allowInsecureConnections=true"}));
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("warning: --config: allowInsecureConnections: TLS is off: the scoring endpoint will accept "
                          "plain HTTP"));
}

TEST(ValidateTls, AllowInsecureConnectionsFalseIsNoConsent) {
  const auto validated = validate(inference({"allowInsecureConnections=false"}));
  EXPECT_THAT(errors(validated), ElementsAre(kNoTlsError));
}

TEST(ValidateTls, SslSecretWithoutSslCnameIsAnError) {
  const auto validated = validate(inference({"sslSecret=scoring-tls"}));
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("error: --config: sslCname: is required when TLS is enabled (pass --config sslCname=HOST, "
                          "the name clients call the scoring endpoint by)"));
}

TEST(ValidateTls, SslSecretWithSslCnameIsSentAsScoringFeSslSecret) {
  const auto validated = validate(inference({"sslSecret=scoring-tls", "sslCname=ml.example.com"}));
  EXPECT_THAT(validated.problems, IsEmpty());
  EXPECT_THAT(validated.settings.public_settings,
              UnorderedElementsAre(Pair("enableInference", "true"), Pair("enableTraining", "False"),
                                   Pair("inferenceRouterServiceType", "LoadBalancer"), Pair("sslSecret", "scoring-tls"),
                                   Pair("sslCname", "ml.example.com"), Pair("scoringFe.sslSecret", "scoring-tls"),
                                   Pair("scoringFe.serviceType.nodePort", "False")));
  EXPECT_THAT(validated.settings.protected_settings, IsEmpty());
}

// An update merges the installed settings: TLS and a Log Analytics key the extension already
// holds satisfy the checks, since a change that leaves them out keeps them.
TEST(ValidateTls, InstalledCertificateAndKeyCount) {
  UserSettings user =
      user_of({"enableInference=true", "inferenceRouterServiceType=LoadBalancer", "sslCname=ml.example.com"});
  user.installed_protected = {"scoringFe.sslCert", "scoringFe.sslKey", "sslCertPemFile", "sslKeyPemFile"};
  EXPECT_THAT(formatted(validate_settings(user, fake_files()).problems, true), IsEmpty());
  user.installed_protected = {"scoringFe.sslCert"};
  EXPECT_THAT(formatted(validate_settings(user, fake_files()).problems, true),
              ::testing::ElementsAre(::testing::HasSubstr("inference needs TLS")));
}

TEST(ValidateSettings, AnInstalledLogAnalyticsKeyCounts) {
  UserSettings user = user_of({"enableTraining=true", "logAnalyticsWS=true"});
  EXPECT_THAT(formatted(validate_settings(user, fake_files()).problems, true), ::testing::SizeIs(1));
  user.installed_protected = {"azure_log_analytics.connection_string"};
  EXPECT_THAT(formatted(validate_settings(user, fake_files()).problems, true), IsEmpty());
}

TEST(ValidateTls, CertWithoutKeyIsAnError) {
  const auto validated = validate(inference({"sslCname=ml.example.com"}), {"sslCertPemFile=/tls/cert.pem"},
                                  fake_files({{"/tls/cert.pem", kCertText}}));
  EXPECT_THAT(errors(validated),
              Contains("error: --config-protected: sslKeyPemFile: is required with sslCertPemFile (pass both: "
                       "--config-protected sslCertPemFile=CERT.pem --config-protected sslKeyPemFile=KEY.pem)"));
  EXPECT_FALSE(validated.settings.protected_settings.contains("scoringFe.sslCert"));
}

TEST(ValidateTls, KeyWithoutCertIsAnError) {
  const auto validated = validate(inference({"sslCname=ml.example.com"}), {"sslKeyPemFile=/tls/key.pem"},
                                  fake_files({{"/tls/key.pem", kKeyText}}));
  EXPECT_THAT(errors(validated),
              Contains("error: --config-protected: sslCertPemFile: is required with sslKeyPemFile (pass both: "
                       "--config-protected sslCertPemFile=CERT.pem --config-protected sslKeyPemFile=KEY.pem)"));
}

TEST(ValidateTls, CertAndKeyAreSentBase64AsProtectedScoringFeSettings) {
  const auto validated =
      validate(inference({"sslCname=ml.example.com"}), {"sslCertPemFile=/tls/cert.pem", "sslKeyPemFile=/tls/key.pem"},
               fake_files({{"/tls/cert.pem", kCertText}, {"/tls/key.pem", kKeyText}}));
  EXPECT_THAT(validated.problems, IsEmpty());
  EXPECT_THAT(validated.settings.protected_settings,
              UnorderedElementsAre(Pair("sslCertPemFile", "/tls/cert.pem"), Pair("sslKeyPemFile", "/tls/key.pem"),
                                   Pair("scoringFe.sslCert", kCertBase64), Pair("scoringFe.sslKey", kKeyBase64)));
  EXPECT_FALSE(validated.settings.public_settings.contains("scoringFe.sslCert"));
  EXPECT_FALSE(validated.settings.public_settings.contains("scoringFe.sslSecret"));
}

TEST(ValidateTls, CertAndKeyTakePrecedenceOverSslSecretWithAWarning) {
  const auto validated = validate(inference({"sslCname=ml.example.com", "sslSecret=scoring-tls"}),
                                  {"sslCertPemFile=/tls/cert.pem", "sslKeyPemFile=/tls/key.pem"},
                                  fake_files({{"/tls/cert.pem", kCertText}, {"/tls/key.pem", kKeyText}}));
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("warning: --config: sslSecret: ignored: sslCertPemFile and sslKeyPemFile take precedence"));
  EXPECT_FALSE(validated.settings.public_settings.contains("scoringFe.sslSecret"));
  EXPECT_THAT(validated.settings.protected_settings, Contains(Pair("scoringFe.sslCert", kCertBase64)));
}

TEST(ValidateTls, FileThatIsNotPemIsAnError) {
  const auto validated =
      validate(inference({"sslCname=ml.example.com"}), {"sslCertPemFile=/tls/cert.pem", "sslKeyPemFile=/tls/key.der"},
               fake_files({{"/tls/cert.pem", kCertText}, {"/tls/key.der", "0\x82\x04\xbd binary"}}));
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("error: --config-protected: sslKeyPemFile: '/tls/key.der' is not a PEM file (no -----BEGIN "
                          "line) (give the PEM-encoded certificate chain and its private key)"));
  EXPECT_FALSE(validated.settings.protected_settings.contains("scoringFe.sslKey"));
}

TEST(ValidateTls, UnreadableFileIsAnError) {
  const auto validated = validate(inference({"sslCname=ml.example.com"}),
                                  {"sslCertPemFile=/tls/missing.pem", "sslKeyPemFile=/tls/key.pem"},
                                  fake_files({{"/tls/key.pem", kKeyText}}));
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("error: --config-protected: sslCertPemFile: cannot read '/tls/missing.pem' (give the path of "
                          "a readable PEM file)"));
  EXPECT_FALSE(validated.settings.protected_settings.contains("scoringFe.sslCert"));
}

TEST(DiskReader, ReadsAFileAndReportsOneItCannotRead) {
  test::TempDir dir;
  const std::string path = dir.write("cert.pem", kCertText);
  const auto reader = disk_reader();
  const auto text = reader(path);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, kCertText);
  const std::string missing = (dir.path() / "missing.pem").string();
  const auto none = reader(missing);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error(), "cannot read '" + missing + "': No such file or directory");
}

// ---- AKS migration, Log Analytics -------------------------------------------------------

TEST(ValidateSettings, AksMigrationSetsTheScoringFeNamespaceToDefault) {
  const auto validated = validate({"enableTraining=true", "isAKSMigration=true"});
  EXPECT_THAT(validated.problems, IsEmpty());
  EXPECT_THAT(validated.settings.public_settings, Contains(Pair("scoringFe.namespace", "default")));
}

TEST(ValidateSettings, AksMigrationFalseSetsNoNamespace) {
  const auto validated = validate({"enableTraining=true", "isAKSMigration=false"});
  EXPECT_FALSE(validated.settings.public_settings.contains("scoringFe.namespace"));
}

TEST(ValidateSettings, LogAnalyticsWithoutConnectionStringIsAnError) {
  const auto validated = validate({"enableTraining=true", "logAnalyticsWS=true"});
  EXPECT_THAT(formatted(validated.problems),
              ElementsAre("error: --config: logAnalyticsWS: this product does not create Log Analytics workspaces "
                          "(create one, then pass --config azure_log_analytics.enabled=true, --config "
                          "azure_log_analytics.customer_id=ID and --config-protected "
                          "azure_log_analytics.connection_string=KEY)"));
}

TEST(ValidateSettings, LogAnalyticsWithAProtectedConnectionStringIsFine) {
  const auto validated = validate({"enableTraining=true", "logAnalyticsWS=true", "azure_log_analytics.enabled=true",
                                   "azure_log_analytics.customer_id=id"},
                                  {"azure_log_analytics.connection_string=key"});
  EXPECT_THAT(validated.problems, IsEmpty());
}

}  // namespace
}  // namespace azureml::extension
