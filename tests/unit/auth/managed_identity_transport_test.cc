// The managed identity transport never uses a proxy (whatever the process environment says)
// and gives up quickly when nothing listens.
#include "core/auth/managed_identity_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

#include "core/auth/managed_identity_credential.h"

namespace azureml::auth {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// A listening socket on 127.0.0.1 that answers one request with a fixed response.
class OneShotServer {
 public:
  explicit OneShotServer(std::string response) : response_(std::move(response)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 1);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const auto n = ::read(client, buffer, sizeof buffer);
        if (n <= 0) break;
        request.append(buffer, static_cast<std::size_t>(n));
      }
      received_ = request;
      const auto written = ::write(client, response_.data(), response_.size());
      (void)written;
      ::close(client);
    });
  }
  ~OneShotServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  std::string received() {
    if (thread_.joinable()) thread_.join();
    return received_;
  }

 private:
  std::string response_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::string received_;
};

int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

class ScopedVariable {
 public:
  ScopedVariable(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedVariable() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(ManagedIdentityTransport, IgnoresProxyVariablesAndReachesImdsDirectly) {
  const auto dead_proxy = "http://127.0.0.1:" + std::to_string(closed_port());
  ScopedVariable upper("HTTP_PROXY", dead_proxy);
  ScopedVariable lower("http_proxy", dead_proxy);
  ScopedVariable all("ALL_PROXY", dead_proxy);
  const std::string body = R"({"access_token":"direct","expires_on":"99999"})";
  OneShotServer imds("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  auto transport = make_managed_identity_transport({"kubectl-azureml/test"});
  MapEnvironment environment;
  FakeClock clock;
  ManagedIdentityOptions options;
  options.imds_endpoint = "http://127.0.0.1:" + std::to_string(imds.port());
  ManagedIdentityCredential credential(environment, *transport, clock, options);
  const auto token = credential.get_token("https://management.azure.com/.default");
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "direct");
  const auto request = imds.received();
  EXPECT_THAT(request, ::testing::StartsWith("GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource="
                                             "https%3A%2F%2Fmanagement.azure.com HTTP/1.1\r\n"));
  EXPECT_THAT(request, HasSubstr("Metadata: true\r\n"));
}

TEST(ManagedIdentityTransport, NothingListeningIsUnavailableQuickly) {
  auto transport = make_managed_identity_transport();
  MapEnvironment environment;
  FakeClock clock;
  ManagedIdentityOptions options;
  options.imds_endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
  ManagedIdentityCredential credential(environment, *transport, clock, options);
  const auto start = std::chrono::steady_clock::now();
  const auto token = credential.get_token("https://management.azure.com/.default");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  ASSERT_FALSE(token.ok());
  EXPECT_TRUE(token.error().unavailable);
  EXPECT_THAT(token.error().message, ::testing::StartsWith("no managed identity endpoint: IMDS at http://127.0.0.1:"));
}

}  // namespace
}  // namespace azureml::auth
