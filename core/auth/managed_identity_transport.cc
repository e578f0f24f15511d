#include "core/auth/managed_identity_transport.h"

#include "core/http/curl_transport.h"
#include "core/util/environment.h"

namespace azureml::auth {

std::unique_ptr<http::Transport> make_managed_identity_transport(const ManagedIdentityTransportOptions& options) {
  http::CurlOptions curl;
  curl.user_agent = options.user_agent;
  curl.connect_timeout = options.connect_timeout;
  curl.total_timeout = options.total_timeout;
  // An environment with no proxy variables: the curl transport then sets no proxy at all
  // (it never falls back to libcurl's own reading of the process environment).
  static const MapEnvironment no_proxy_environment;
  return http::make_curl_transport(curl, no_proxy_environment);
}

}  // namespace azureml::auth
