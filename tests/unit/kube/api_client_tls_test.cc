// What a kubeconfig says about TLS and the way to the server, carried through RestConfig into
// libcurl: the cluster's CA, insecure-skip-tls-verify, tls-server-name, client certificates and
// proxy-url, each against the fake API server (a real TLS handshake with a generated CA).
#include "tests/fakes/test_proxy.h"
#include "tests/unit/kube/api_client_test_support.h"

namespace azureml::kube {
namespace {

using test::outcome;
using ::testing::Contains;
using ::testing::HasSubstr;

struct KubeClientTls : test::KubeApiTest {
  std::string server_line() const { return "    server: \"" + kube.base_url() + "\""; }
  // The fake's token kubeconfig with `line` added to its cluster.
  std::string with_cluster_field(const std::string& line) {
    return test::insert_after(kube.kubeconfig(), server_line(), line);
  }
  std::string without_ca(std::string text) { return test::drop_line(std::move(text), "certificate-authority-data"); }
  std::string port() const { return std::to_string(kube.port()); }
};

TEST_F(KubeClientTls, TheClustersCaIsTrusted) {
  const RestConfig rest = config();
  ASSERT_TRUE(rest.certificate_authority_pem);
  auto exists = client(rest)->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  EXPECT_TRUE(*exists);
}

TEST_F(KubeClientTls, NoCaFailsVerificationNamingTheCertificateProblem) {
  const RestConfig rest = config_from(without_ca(kube.kubeconfig()));
  ASSERT_FALSE(rest.certificate_authority_pem);
  auto exists = client(rest)->namespace_exists("azureml");
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.error().kind, KubeApiError::Kind::transport);
  EXPECT_EQ(exists.error().exit_code(), ExitCode::failed);
  const std::string text = exists.error().describe();
  EXPECT_THAT(text, HasSubstr(kube.base_url()));
  EXPECT_THAT(text, HasSubstr("TLS"));
  EXPECT_THAT(text, HasSubstr("certificate problem"));
  // What to do, in kubeconfig terms, on a line of its own (doctor shows it as the fix).
  EXPECT_THAT(text, HasSubstr("\nthe kubeconfig gives no certificate-authority for this cluster"));
  EXPECT_TRUE(kube.requests().empty());  // no request reached the server
}

TEST_F(KubeClientTls, AnotherClustersCaIsRefused) {
  fakes::TestCertificates other;  // a CA that did not sign the fake's certificate
  RestConfig rest = config();
  rest.certificate_authority_pem = other.ca_pem();
  auto exists = client(rest)->namespace_exists("azureml");
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.error().kind, KubeApiError::Kind::transport);
  EXPECT_THAT(exists.error().describe(), HasSubstr("certificate-authority of the kubeconfig"));
}

TEST_F(KubeClientTls, InsecureSkipTlsVerifyNeedsNoCa) {
  const std::string text = without_ca(kube.kubeconfig());
  const RestConfig rest = config_from(test::insert_after(text, server_line(), "    insecure-skip-tls-verify: true"));
  ASSERT_TRUE(rest.insecure_skip_tls_verify);
  ASSERT_FALSE(rest.certificate_authority_pem);
  auto exists = client(rest)->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  EXPECT_TRUE(*exists);
}

TEST_F(KubeClientTls, TlsServerNameIsCheckedInsteadOfTheUrlsHost) {
  // The URL says 127.0.0.1; the certificate is checked for localhost (which it also names), and
  // the connection still goes to 127.0.0.1:PORT.
  const RestConfig rest = config_from(with_cluster_field("    tls-server-name: localhost"));
  ASSERT_EQ(rest.tls_server_name, "localhost");
  ASSERT_EQ(rest.server, kube.base_url());
  auto exists = client(rest)->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  EXPECT_TRUE(*exists);
  ASSERT_EQ(kube.requests().size(), 1u);
  // Only SNI and the certificate check follow the name; the Host header is the URL's, as
  // client-go sends it (a fronting proxy may route on it).
  EXPECT_EQ(kube.requests()[0].http.header("host"), "127.0.0.1:" + port());
}

TEST_F(KubeClientTls, WrongTlsServerNameFails) {
  // Proves the name is really checked: the certificate names 127.0.0.1 and localhost only.
  const RestConfig rest = config_from(with_cluster_field("    tls-server-name: api.other-cluster.example"));
  auto exists = client(rest)->namespace_exists("azureml");
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.error().kind, KubeApiError::Kind::transport);
  EXPECT_EQ(exists.error().exit_code(), ExitCode::failed);
  EXPECT_THAT(exists.error().describe(), HasSubstr("api.other-cluster.example"));
  EXPECT_THAT(exists.error().hint, HasSubstr("tls-server-name 'api.other-cluster.example'"));
  EXPECT_TRUE(kube.requests().empty());
}

TEST_F(KubeClientTls, ClientCertificateAuthenticatesItsUser) {
  const fakes::CertificateAndKey certificate = kube.issue_client_certificate("ci-robot");
  const RestConfig rest = config({.certificate = certificate});
  ASSERT_TRUE(rest.auth.client_certificate);
  ASSERT_FALSE(rest.auth.token);
  auto nodes = client(rest)->nodes();
  ASSERT_TRUE(nodes.ok()) << outcome(nodes);
  EXPECT_EQ(nodes->size(), 5u);
  const auto sent = kube.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].auth, fakes::KubeAuthMethod::certificate);
  EXPECT_EQ(sent[0].user, "ci-robot");
  EXPECT_EQ(sent[0].http.header("authorization"), "");  // no token was sent
}

TEST_F(KubeClientTls, UntrustedClientCertificateIsUnauthorized) {
  // Issued by nobody the server trusts: the handshake succeeds, the request is anonymous.
  const fakes::CertificateAndKey stranger = fakes::generate_client_certificate("stranger");
  auto nodes = client(config({.certificate = stranger}))->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().status, 401);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::auth);
}

TEST_F(KubeClientTls, ProxyUrlRoutesThroughTheProxy) {
  fakes::TestProxy proxy;
  const RestConfig rest = config_from(with_cluster_field("    proxy-url: " + proxy.url()));
  ASSERT_EQ(rest.proxy_url, proxy.url());
  auto exists = client(rest)->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  EXPECT_TRUE(*exists);
  EXPECT_THAT(proxy.targets(), Contains("127.0.0.1:" + port()));
  EXPECT_EQ(kube.requests().size(), 1u);
}

TEST_F(KubeClientTls, ProxyUrlWinsOverTheEnvironmentsProxyAndNoProxy) {
  fakes::TestProxy sink(fakes::TestProxy::Mode::refuse);
  fakes::TestProxy proxy;
  home.environment.set("HTTPS_PROXY", sink.url());
  home.environment.set("NO_PROXY", "127.0.0.1,localhost");
  auto exists = client(config_from(with_cluster_field("    proxy-url: " + proxy.url())))->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  EXPECT_THAT(proxy.targets(), Contains("127.0.0.1:" + port()));
  EXPECT_EQ(sink.connections(), 0u);
}

TEST_F(KubeClientTls, ProxyUrlWithTlsServerNameTunnelsToTheRealHost) {
  // The tunnel must go to the URL's host (where the server is), not to the name checked.
  fakes::TestProxy proxy;
  const std::string text = test::insert_after(with_cluster_field("    proxy-url: " + proxy.url()), server_line(),
                                              "    tls-server-name: localhost");
  auto exists = client(config_from(text))->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  EXPECT_THAT(proxy.targets(), Contains("127.0.0.1:" + port()));
}

TEST_F(KubeClientTls, WithoutProxyUrlTheEnvironmentsProxyIsUsed) {
  // The kubeconfig says nothing: HTTPS_PROXY applies, as with kubectl.
  fakes::TestProxy proxy;
  home.environment.set("HTTPS_PROXY", proxy.url());
  auto exists = client(config())->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  EXPECT_THAT(proxy.targets(), Contains("127.0.0.1:" + port()));
}

TEST_F(KubeClientTls, ExecPluginsClientCertificateIsPresented) {
  // kubelogin-style plugins may hand out a certificate instead of a token.
  const fakes::CertificateAndKey certificate = kube.issue_client_certificate("exec-cert-user");
  home.write("bin/credential.json", nlohmann::json{{"apiVersion", "client.authentication.k8s.io/v1beta1"},
                                                   {"kind", "ExecCredential"},
                                                   {"status",
                                                    {{"clientCertificateData", certificate.certificate_pem},
                                                     {"clientKeyData", certificate.private_key_pem}}}}
                                        .dump());
  const RestConfig rest = config_from(exec_kubeconfig("cat \"$(dirname \"$0\")/credential.json\"\n"));
  auto exists = client(rest)->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  ASSERT_EQ(kube.requests().size(), 1u);
  EXPECT_EQ(kube.requests()[0].auth, fakes::KubeAuthMethod::certificate);
  EXPECT_EQ(kube.requests()[0].user, "exec-cert-user");
}

TEST_F(KubeClientTls, ManyReadsThroughOneClientKeepTheirCredentials) {
  // The libcurl transport is built once and reused (rebuilt only for a new client
  // certificate): every later read must still carry the kubeconfig's token.
  auto api = client(config());
  ASSERT_TRUE(api->namespace_exists("azureml").ok());
  ASSERT_TRUE(api->nodes().ok());
  ASSERT_TRUE(api->daemon_sets().ok());
  const auto sent = kube.requests();
  ASSERT_EQ(sent.size(), 3u);
  for (const auto& request : sent) EXPECT_EQ(request.user, "fake-kube-admin") << request.http.path;
}

}  // namespace
}  // namespace azureml::kube
