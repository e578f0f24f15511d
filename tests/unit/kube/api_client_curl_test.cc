// The kubeconfig half of CurlOptions (ca_pem, client certificate, tls_server_name, proxy_url,
// insecure_skip_tls_verify) straight against the fake API server with http::make_curl_transport:
// a kubeconfig's settings must beat what the environment says for Azure's endpoints
// (REQUESTS_CA_BUNDLE, SSL_CERT_FILE, HTTPS_PROXY, NO_PROXY).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/http/curl_transport.h"
#include "tests/fakes/fake_kube.h"
#include "tests/fakes/test_proxy.h"
#include "tests/unit/temp_dir.h"

namespace azureml::http {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

struct KubeconfigCurlOptions : ::testing::Test {
  fakes::FakeKube kube{{.fixture_file = std::string(AZUREML_SOURCE_DIR) + "/tests/fakes/fixtures/arc-cluster.yaml"}};
  fakes::TestCertificates other;  // another CA: valid PEM that did not sign the fake's certificate
  azureml::test::TempDir files;
  MapEnvironment environment;

  void SetUp() override { kube.start(); }

  CurlOptions options() const {
    CurlOptions out;
    out.user_agent = "kube-curl-test";
    out.connect_timeout = 5000ms;
    out.total_timeout = 10000ms;
    return out;
  }

  Result<Response, TransportError> get(const CurlOptions& curl, const std::string& bearer = "fake-kube-token") {
    Request request{"GET", kube.base_url() + "/api/v1/namespaces/azureml", {{"Accept", "application/json"}}, ""};
    if (!bearer.empty()) request.headers.push_back({"Authorization", "Bearer " + bearer});
    return make_curl_transport(curl, environment)->send(request);
  }
};

std::string outcome(const Result<Response, TransportError>& result) {
  return result.ok() ? "ok " + std::to_string(result->status) : result.error().message;
}

TEST_F(KubeconfigCurlOptions, CaPemAloneIsTrusted) {
  CurlOptions curl = options();
  curl.ca_pem = kube.ca_pem();
  auto answer = get(curl);
  ASSERT_TRUE(answer.ok()) << outcome(answer);
  EXPECT_EQ(answer->status, 200);
}

TEST_F(KubeconfigCurlOptions, CaPemReplacesRequestsCaBundle) {
  environment.set("REQUESTS_CA_BUNDLE", other.ca_file());
  CurlOptions curl = options();
  // Without ca_pem the environment's (wrong) bundle is what is checked against ...
  auto refused = get(curl);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, TransportError::Kind::tls);
  EXPECT_THAT(refused.error().message, HasSubstr("REQUESTS_CA_BUNDLE"));
  // ... and with it, the kubeconfig's CA alone.
  curl.ca_pem = kube.ca_pem();
  auto answer = get(curl);
  ASSERT_TRUE(answer.ok()) << outcome(answer);
  EXPECT_EQ(answer->status, 200);
}

TEST_F(KubeconfigCurlOptions, CaPemReplacesAnUnreadableSslCertFile) {
  // A bundle that cannot even be read must not block a cluster whose kubeconfig names its CA.
  environment.set("SSL_CERT_FILE", (files.path() / "missing.pem").string());
  CurlOptions curl = options();
  auto refused = get(curl);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("SSL_CERT_FILE"));
  curl.ca_pem = kube.ca_pem();
  auto answer = get(curl);
  ASSERT_TRUE(answer.ok()) << outcome(answer);
}

TEST_F(KubeconfigCurlOptions, CaPemIsNotAddedToTheEnvironmentsBundle) {
  // Replaces, not adds: the right CA in the environment does not rescue a wrong ca_pem.
  environment.set("REQUESTS_CA_BUNDLE", kube.ca_file());
  CurlOptions curl = options();
  ASSERT_TRUE(get(curl).ok());  // the environment's bundle is good ...
  curl.ca_pem = other.ca_pem();
  auto refused = get(curl);  // ... but the kubeconfig's CA is the only one used
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, TransportError::Kind::tls);
  EXPECT_THAT(refused.error().message, HasSubstr("certificate-authority of the kubeconfig"));
}

TEST_F(KubeconfigCurlOptions, InsecureSkipTlsVerifyAcceptsAnyCertificate) {
  environment.set("REQUESTS_CA_BUNDLE", other.ca_file());
  CurlOptions curl = options();
  curl.insecure_skip_tls_verify = true;
  auto answer = get(curl);
  ASSERT_TRUE(answer.ok()) << outcome(answer);
  EXPECT_EQ(answer->status, 200);
}

TEST_F(KubeconfigCurlOptions, ClientCertificateAndKey) {
  const fakes::CertificateAndKey certificate = kube.issue_client_certificate("curl-user");
  CurlOptions curl = options();
  curl.ca_pem = kube.ca_pem();
  curl.client_certificate_pem = certificate.certificate_pem;
  curl.client_key_pem = certificate.private_key_pem;
  auto answer = get(curl, "");
  ASSERT_TRUE(answer.ok()) << outcome(answer);
  EXPECT_EQ(answer->status, 200);
  ASSERT_EQ(kube.requests().size(), 1u);
  EXPECT_EQ(kube.requests()[0].auth, fakes::KubeAuthMethod::certificate);
  EXPECT_EQ(kube.requests()[0].user, "curl-user");
}

TEST_F(KubeconfigCurlOptions, TlsServerNameChecksThatNameAndConnectsToTheUrlsHost) {
  CurlOptions curl = options();
  curl.ca_pem = kube.ca_pem();
  curl.tls_server_name = "localhost";
  auto answer = get(curl);
  ASSERT_TRUE(answer.ok()) << outcome(answer);
  EXPECT_EQ(answer->status, 200);
  ASSERT_EQ(kube.requests().size(), 1u);
  EXPECT_EQ(kube.requests()[0].http.header("host"), "127.0.0.1:" + std::to_string(kube.port()));

  curl.tls_server_name = "not-in-the-certificate.example";
  auto refused = get(curl);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, TransportError::Kind::tls);
  EXPECT_THAT(refused.error().message, HasSubstr("not-in-the-certificate.example"));
}

TEST_F(KubeconfigCurlOptions, ProxyUrlBeatsHttpsProxyAndIgnoresNoProxy) {
  fakes::TestProxy sink(fakes::TestProxy::Mode::refuse);
  fakes::TestProxy proxy;
  environment.set("HTTPS_PROXY", sink.url());
  environment.set("NO_PROXY", "127.0.0.1,localhost");
  CurlOptions curl = options();
  curl.ca_pem = kube.ca_pem();
  curl.proxy_url = proxy.url();
  auto answer = get(curl);
  ASSERT_TRUE(answer.ok()) << outcome(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_THAT(proxy.targets(), ElementsAre("127.0.0.1:" + std::to_string(kube.port())));
  EXPECT_EQ(sink.connections(), 0u);
}

TEST_F(KubeconfigCurlOptions, WithoutProxyUrlNoProxyStillApplies) {
  // The contrast to the test above: the environment's rules are only set aside by proxy_url.
  fakes::TestProxy sink(fakes::TestProxy::Mode::refuse);
  environment.set("HTTPS_PROXY", sink.url());
  environment.set("NO_PROXY", "127.0.0.1");
  CurlOptions curl = options();
  curl.ca_pem = kube.ca_pem();
  auto answer = get(curl);
  ASSERT_TRUE(answer.ok()) << outcome(answer);
  EXPECT_EQ(sink.connections(), 0u);
}

TEST_F(KubeconfigCurlOptions, UnreachableProxyUrlIsAProxyErrorNamingIt) {
  fakes::TestProxy gone;
  const std::string url = gone.url();
  gone.stop();
  CurlOptions curl = options();
  curl.ca_pem = kube.ca_pem();
  curl.proxy_url = url;
  auto refused = get(curl);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, TransportError::Kind::proxy);
  EXPECT_THAT(refused.error().message, HasSubstr("proxy-url"));
  EXPECT_TRUE(kube.requests().empty());
}

}  // namespace
}  // namespace azureml::http
