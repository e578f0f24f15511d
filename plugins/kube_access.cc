#include "plugins/kube_access.h"

#include <unistd.h>

#include <ostream>

#include "core/ops/azure_session.h"
#include "plugins/azure_access.h"
#include "plugins/options.h"

namespace azureml::cli {
namespace {

std::optional<std::string> given(const Invocation& call, const std::string& name) {
  if (!call.options.given(name)) return std::nullopt;
  return call.options.get(name);
}

kube::KubeconfigOverrides overrides_from(const Invocation& call) {
  kube::KubeconfigOverrides o;
  o.kubeconfig = given(call, "kubeconfig");
  o.context = given(call, "context");
  o.cluster = given(call, "cluster");
  o.user = given(call, "user");
  o.namespace_name = given(call, "namespace");
  o.request_timeout = given(call, "request-timeout");
  o.server = given(call, "server");
  o.token = given(call, "token");
  o.certificate_authority = given(call, "certificate-authority");
  o.client_certificate = given(call, "client-certificate");
  o.client_key = given(call, "client-key");
  o.tls_server_name = given(call, "tls-server-name");
  if (call.options.flag("insecure-skip-tls-verify")) o.insecure_skip_tls_verify = true;
  return o;
}

kube::ExecCredentialOptions exec_options(const Invocation& call) {
  kube::ExecCredentialOptions options;
  // kubelogin's device-code prompt must reach the user while it waits.
  options.stdin_is_terminal = isatty(STDIN_FILENO) == 1;
  std::ostream& err = call.err;
  options.plugin_stderr = [&err](std::string_view text) { err << text << std::flush; };
  return options;
}

Redactor redactor_for(const Invocation& call) {
  Redactor redactor;
  ops::add_environment_secrets(redactor, call.environment);
  if (call.options.given("token")) redactor.add_secret(call.options.get("token"));
  return redactor;
}

}  // namespace

std::vector<OptionSpec> kube_options() {
  const auto string = [](std::string name, std::string value_name, std::string help) {
    return OptionSpec{std::move(name), 0, OptionType::string, std::move(value_name), std::move(help), std::nullopt, {}};
  };
  return {
      string("kubeconfig", "FILE", "Path to the kubeconfig file (default: KUBECONFIG, else ~/.kube/config)."),
      string("context", "NAME", "The kubeconfig context to use."),
      string("cluster", "NAME", "The kubeconfig cluster to use."),
      string("user", "NAME", "The kubeconfig user to use."),
      string("namespace", "NAME", "The namespace the compute's jobs run in (default: the context's)."),
      request_timeout_option(),
      string("server", "URL", "The Kubernetes API server's address."),
      string("token", "TOKEN", "Bearer token for the API server."),
      {"insecure-skip-tls-verify",
       0,
       OptionType::flag,
       "",
       "Do not check the API server's certificate (insecure).",
       std::nullopt,
       {}},
      string("certificate-authority", "FILE", "CA certificates to trust for the API server."),
      string("client-certificate", "FILE", "Client certificate for TLS."),
      string("client-key", "FILE", "Client key for TLS."),
      string("tls-server-name", "NAME", "Server name to check the API server's certificate against."),
  };
}

Result<std::unique_ptr<KubeAccess>, kube::KubeError> KubeAccess::open(const Invocation& call) {
  auto config = kube::load_rest_config(overrides_from(call), call.environment);
  if (!config) return fail(std::move(config.error()));
  if (call.options.flag("verbose"))
    for (const auto& warning : config->warnings) call.err << warning << '\n';
  return std::make_unique<KubeAccess>(call, std::move(*config));
}

KubeAccess::KubeAccess(const Invocation& call, kube::RestConfig config)
    : redactor_(redactor_for(call)),
      log_(call.err, call.options.flag("verbose"), redactor_),
      clock_(call.interrupt ? *call.interrupt : never_raised_),
      runner_(call.environment),
      exec_cache_(runner_, clock_, exec_options(call)),
      client_(std::move(config), exec_cache_, call.environment, clock_, log_,
              kube::KubeClientOptions{user_agent(), 500, call.interrupt}) {}

}  // namespace azureml::cli
