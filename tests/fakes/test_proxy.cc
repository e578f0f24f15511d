#include "tests/fakes/test_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/util/text.h"
#include "core/util/url.h"

namespace azureml::fakes {
namespace {

constexpr std::size_t kMaxHead = 64 * 1024;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// A request head: "METHOD TARGET VERSION" and its header lines.
struct Head {
  std::string method;
  std::string target;
  std::string version;
  std::vector<std::pair<std::string, std::string>> headers;

  std::string header(std::string_view name) const {
    for (const auto& [key, value] : headers)
      if (to_lower(key) == to_lower(name)) return value;
    return {};
  }
};

std::optional<Head> parse_head(std::string_view text) {
  Head head;
  auto end = text.find("\r\n");
  const std::string_view first = text.substr(0, end);
  const auto space = first.find(' ');
  const auto second = first.find(' ', space == std::string_view::npos ? space : space + 1);
  if (space == std::string_view::npos || second == std::string_view::npos) return std::nullopt;
  head.method = std::string(first.substr(0, space));
  head.target = std::string(first.substr(space + 1, second - space - 1));
  head.version = std::string(trim(first.substr(second + 1)));
  while (end != std::string_view::npos && end + 2 < text.size()) {
    const auto next = text.find("\r\n", end + 2);
    const std::string_view line = text.substr(end + 2, next == std::string_view::npos ? next : next - end - 2);
    end = next;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    head.headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return head;
}

struct HostPort {
  std::string host;  // without brackets
  int port = 0;
  std::string text() const {
    return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
  }
};

// "host:port", "[::1]:port", or "host" with `default_port`; nullopt when the port is not a number.
std::optional<HostPort> split_host_port(std::string_view authority, int default_port) {
  HostPort out;
  std::string_view port;
  if (authority.starts_with("[")) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return std::nullopt;
      port = authority.substr(close + 2);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    out.host = std::string(authority.substr(0, colon));
    port = authority.substr(colon + 1);
  } else {
    out.host = std::string(authority);
  }
  if (port.empty()) {
    out.port = default_port;
  } else {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    out.port = std::atoi(std::string(port).c_str());
  }
  if (out.host.empty() || out.port <= 0 || out.port > 65535) return std::nullopt;
  return out;
}

// A connected socket to a loopback target, or -1.
int connect_loopback(const HostPort& target) {
  const std::string host = to_lower(target.host);
  if (host == "::1") {
    const int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_addr = in6addr_loopback;
    address.sin6_port = htons(static_cast<std::uint16_t>(target.port));
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) return fd;
    ::close(fd);
    return -1;
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(target.port));
  if (host == "localhost" || ::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1)
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) return fd;
  ::close(fd);
  return -1;
}

void answer_and_close(int fd, int status, std::string_view reason) {
  send_all(fd, "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
                   "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

}  // namespace

TestProxy::TestProxy(Mode mode) : mode_(mode) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) throw std::runtime_error("test proxy: socket() failed");
  const int one = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int pipe_fds[2] = {-1, -1};
  if (::bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 64) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
      ::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    close_fd(listener_);
    throw std::runtime_error("test proxy: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  wake_read_ = pipe_fds[0];
  wake_write_ = pipe_fds[1];
  acceptor_ = std::thread([this] { accept_loop(); });
}

TestProxy::~TestProxy() { stop(); }

void TestProxy::stop() {
  if (stopped_.exchange(true)) return;
  // The pipe stays readable once written: every poll() in every thread sees it and returns.
  [[maybe_unused]] const ssize_t written = ::write(wake_write_, "x", 1);
  if (acceptor_.joinable()) acceptor_.join();
  {
    // Unblocks a handler stuck in send() to a peer that stopped reading.
    const std::lock_guard lock(sockets_mutex_);
    for (const int fd : sockets_) ::shutdown(fd, SHUT_RDWR);
  }
  std::vector<std::thread> handlers;
  {
    const std::lock_guard lock(threads_mutex_);
    handlers.swap(handlers_);
  }
  for (auto& handler : handlers) handler.join();
  close_fd(listener_);
  close_fd(wake_read_);
  close_fd(wake_write_);
}

std::string TestProxy::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<std::string> TestProxy::targets() const {
  const std::lock_guard lock(targets_mutex_);
  return targets_;
}

int TestProxy::track(int fd) {
  if (fd < 0) return -1;
  const std::lock_guard lock(sockets_mutex_);
  if (stopped_) {
    ::close(fd);
    return -1;
  }
  sockets_.insert(fd);
  return fd;
}

void TestProxy::release(int fd) {
  if (fd < 0) return;
  const std::lock_guard lock(sockets_mutex_);  // closed under the lock: stop() never sees a reused number
  sockets_.erase(fd);
  ::close(fd);
}

void TestProxy::record(std::string target) {
  const std::lock_guard lock(targets_mutex_);
  targets_.push_back(std::move(target));
}

void TestProxy::accept_loop() {
  for (;;) {
    pollfd fds[2] = {{wake_read_, POLLIN, 0}, {listener_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 || (fds[0].revents & POLLIN) != 0) return;
    if ((fds[1].revents & POLLIN) == 0) continue;
    const int client = track(::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC));
    if (client < 0) continue;
    ++connections_;
    const std::lock_guard lock(threads_mutex_);
    handlers_.emplace_back([this, client] { serve(client); });
  }
}

void TestProxy::serve(int client) {
  // Reads the request head; stops early when the client goes away or the proxy stops.
  std::string buffer;
  std::size_t head_end = std::string::npos;
  char chunk[16384];
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos && buffer.size() < kMaxHead) {
    pollfd fds[2] = {{wake_read_, POLLIN, 0}, {client, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 || (fds[0].revents & POLLIN) != 0) break;
    const ssize_t got = ::recv(client, chunk, sizeof chunk, 0);
    if (got <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(got));
  }
  const std::optional<Head> head =
      head_end == std::string::npos ? std::nullopt : parse_head(std::string_view(buffer).substr(0, head_end + 2));
  if (!head) {
    if (!buffer.empty()) record("?");
    release(client);
    return;
  }
  const std::string rest = buffer.substr(head_end + 4);

  // What was asked for.
  std::optional<HostPort> target;
  bool absolute = false;
  std::string path = "/";
  if (head->method == "CONNECT") {
    target = split_host_port(head->target, 443);
  } else if (to_lower(head->target).starts_with("http://")) {
    absolute = true;
    const std::string_view after = std::string_view(head->target).substr(7);
    const auto slash = after.find_first_of("/?");
    if (slash != std::string_view::npos) path = std::string(after.substr(slash));
    if (!path.starts_with("/")) path = "/" + path;
    target = split_host_port(after.substr(0, slash), 80);
  } else {
    target = split_host_port(head->header("Host"), 80);
  }
  record(target ? target->text() : "?");

  if (mode_ == Mode::refuse) {
    release(client);  // the sink: nothing goes anywhere
    return;
  }
  if (!target || (head->method != "CONNECT" && !absolute)) {
    answer_and_close(client, 400, "Bad Request");
    release(client);
    return;
  }
  if (!is_loopback_host(target->host)) {  // the proxy never leaves the machine
    answer_and_close(client, 502, "Bad Gateway");
    release(client);
    return;
  }
  const int upstream = track(connect_loopback(*target));
  if (upstream < 0) {
    answer_and_close(client, 502, "Bad Gateway");
    release(client);
    return;
  }
  if (head->method == "CONNECT") {
    if (!send_all(client, "HTTP/1.1 200 Connection established\r\n\r\n")) {
      release(upstream);
      release(client);
      return;
    }
    tunnel(client, upstream, rest);
    return;
  }
  // Absolute-URI forwarding: one exchange, then both connections close (the origin closes
  // after its answer because it was asked to; the relay ends there).
  std::string out = head->method + " " + path + " " + head->version + "\r\n";
  for (const auto& [name, value] : head->headers) {
    const std::string key = to_lower(name);
    if (key == "connection" || key == "proxy-connection" || key == "keep-alive" || key == "proxy-authorization")
      continue;
    out += name + ": " + value + "\r\n";
  }
  out += "Connection: close\r\n\r\n";
  tunnel(client, upstream, out + rest);
}

// Relays bytes both ways until either side closes or the proxy stops; closes both.
void TestProxy::tunnel(int client, int upstream, std::string pending) {
  if (send_all(upstream, pending)) {
    char chunk[16384];
    for (bool open = true; open;) {
      pollfd fds[3] = {{wake_read_, POLLIN, 0}, {client, POLLIN, 0}, {upstream, POLLIN, 0}};
      if (::poll(fds, 3, -1) < 0 || (fds[0].revents & POLLIN) != 0) break;
      for (int side = 1; side <= 2 && open; ++side) {
        if ((fds[side].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
        const int from = side == 1 ? client : upstream;
        const int to = side == 1 ? upstream : client;
        const ssize_t got = ::recv(from, chunk, sizeof chunk, 0);
        if (got <= 0 || !send_all(to, std::string_view(chunk, static_cast<std::size_t>(got)))) open = false;
      }
    }
  }
  release(upstream);
  release(client);
}

}  // namespace azureml::fakes
