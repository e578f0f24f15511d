#pragma once
// A tiny HTTP/1.1 server for transport tests, on plain POSIX sockets: it binds 127.0.0.1 on an
// ephemeral port, accepts in a thread, serves each connection in its own thread (keep-alive,
// one request at a time), answers from a scripted list, records every request and counts the
// connections it accepted. The destructor stops every thread (sleeps included) and joins them.
//
// Mode::proxy is a CONNECT-less HTTP forward proxy: it records the absolute-URI requests it
// gets, forwards them to their origin (127.0.0.1 only) and relays the answer; CONNECT gets 403.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/http/transport.h"

namespace azureml::http::testserver {

struct RecordedRequest {
  std::string method;
  std::string target;  // as on the request line: "/path?q" (origin) or "http://host:port/path" (proxy)
  Headers headers;
  std::string body;
  int connection = 0;  // which accepted connection (1, 2, ...) it came on
  std::optional<std::string> header(std::string_view name) const { return find_header(headers, name); }
};

// One scripted answer: Reply(201, "body").header("Location", "/x").delayed(3000ms).
struct Reply {
  explicit Reply(int status_code = 200, std::string body_text = "") : status(status_code), body(std::move(body_text)) {}
  Reply header(std::string name, std::string value) && {
    headers.push_back({std::move(name), std::move(value)});
    return std::move(*this);
  }
  Reply delayed(std::chrono::milliseconds by) && {
    delay = by;
    return std::move(*this);
  }
  Reply preceded_by(std::string raw) && {
    interim = std::move(raw);
    return std::move(*this);
  }
  Reply closing_without_answer() && {
    close_without_answer = true;
    return std::move(*this);
  }
  Reply closing_after() && {
    close_after = true;
    return std::move(*this);
  }

  int status;
  std::string body;
  Headers headers;                     // Content-Length is added
  std::chrono::milliseconds delay{0};  // before answering
  std::string interim;                 // raw bytes sent before the answer, e.g. a 100 Continue
  bool close_without_answer = false;   // read the request, then close the connection
  bool close_after = false;            // answer with Connection: close, then close
};

namespace detail {

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

inline Fd listen_on_loopback(int& port, bool listen) {
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) throw std::runtime_error("socket() failed");
  const int one = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error("bind(127.0.0.1:0) failed");
  if (listen && ::listen(fd.get(), 16) != 0) throw std::runtime_error("listen() failed");
  socklen_t length = sizeof address;
  ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

inline std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

inline std::string reason(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 302:
      return "Found";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    default:
      return "Status";
  }
}

// Parsed head of a request or a response; `first` is the request or status line.
struct Head {
  std::string first;
  Headers headers;
  std::size_t content_length = 0;
};

inline Head parse_head(std::string_view head) {
  Head parsed;
  std::size_t at = head.find("\r\n");
  parsed.first = std::string(head.substr(0, at));
  while (at != std::string_view::npos && at + 2 < head.size()) {
    const std::size_t next = head.find("\r\n", at + 2);
    const std::string_view line = head.substr(at + 2, next == std::string_view::npos ? next : next - at - 2);
    at = next;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    parsed.headers.push_back({std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
    if (lower(trim(line.substr(0, colon))) == "content-length")
      parsed.content_length =
          static_cast<std::size_t>(std::strtoull(std::string(trim(line.substr(colon + 1))).c_str(), nullptr, 10));
  }
  return parsed;
}

inline bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

}  // namespace detail

class TestServer {
 public:
  enum class Mode { origin, proxy };

  explicit TestServer(std::vector<Reply> script = {}, Mode mode = Mode::origin)
      : script_(std::move(script)), mode_(mode) {
    listener_ = detail::listen_on_loopback(port_, true);
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2() failed");
    wake_read_ = detail::Fd(pipe_fds[0]);
    wake_write_ = detail::Fd(pipe_fds[1]);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~TestServer() {
    // The pipe stays readable once written: every poll() below sees it and returns.
    [[maybe_unused]] const ssize_t written = ::write(wake_write_.get(), "x", 1);
    acceptor_.join();
    for (auto& thread : handlers_) thread.join();
  }

  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  std::string host_port() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string url(std::string_view path = "/") const { return "http://" + host_port() + std::string(path); }

  std::vector<RecordedRequest> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }
  int connections() const { return connections_.load(); }

 private:
  enum class Wait { ready, timeout, stopped };

  // Waits until `fd` is readable, the server stops, or `timeout` passes (negative: forever).
  Wait wait(int fd, std::chrono::milliseconds timeout) const {
    pollfd fds[2] = {{wake_read_.get(), POLLIN, 0}, {fd, POLLIN, 0}};
    const int count = fd >= 0 ? 2 : 1;
    const int ready = ::poll(fds, static_cast<nfds_t>(count), static_cast<int>(timeout.count()));
    if (ready < 0 || (fds[0].revents & POLLIN)) return Wait::stopped;
    return ready == 0 ? Wait::timeout : Wait::ready;
  }

  void accept_loop() {
    while (wait(listener_.get(), std::chrono::milliseconds(-1)) == Wait::ready) {
      detail::Fd connection(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (connection.get() < 0) continue;
      const int index = ++connections_;
      handlers_.emplace_back([this, index, fd = std::move(connection)]() mutable { serve(std::move(fd), index); });
    }
  }

  // Reads from `fd` into `buffer` until it holds `size` bytes; false on EOF or stop.
  bool read_until(int fd, std::string& buffer, std::size_t size) const {
    char chunk[16384];
    while (buffer.size() < size) {
      if (wait(fd, std::chrono::milliseconds(-1)) != Wait::ready) return false;
      const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
      if (got <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(got));
    }
    return true;
  }

  // One message (head and Content-Length body) from `fd`; nullopt on EOF, stop or garbage.
  std::optional<std::pair<detail::Head, std::string>> read_message(int fd, std::string& buffer) const {
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!buffer.empty() && !std::isupper(static_cast<unsigned char>(buffer[0]))) return std::nullopt;  // TLS
      if (!read_until(fd, buffer, buffer.size() + 1)) return std::nullopt;
    }
    auto head = detail::parse_head(std::string_view(buffer).substr(0, head_end + 2));
    const std::size_t total = head_end + 4 + head.content_length;
    if (!read_until(fd, buffer, total)) return std::nullopt;
    std::string body = buffer.substr(head_end + 4, head.content_length);
    buffer.erase(0, total);
    return std::make_pair(std::move(head), std::move(body));
  }

  void serve(detail::Fd fd, int connection) {
    std::string buffer;
    while (true) {
      auto message = read_message(fd.get(), buffer);
      if (!message) {
        if (!buffer.empty() && !std::isupper(static_cast<unsigned char>(buffer[0])))
          detail::send_all(fd.get(), "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
      }
      auto& [head, body] = *message;
      RecordedRequest request;
      const auto space = head.first.find(' ');
      const auto second = head.first.find(' ', space + 1);
      request.method = head.first.substr(0, space);
      request.target = head.first.substr(space + 1, second - space - 1);
      request.headers = head.headers;
      request.body = body;
      request.connection = connection;
      {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      const bool keep = mode_ == Mode::proxy ? forward(fd.get(), request) : answer(fd.get());
      if (!keep) return;
    }
  }

  bool answer(int fd) {
    Reply reply;
    {
      const std::lock_guard lock(mutex_);
      if (next_ < script_.size())
        reply = script_[next_++];
      else
        reply = Reply(500, "unscripted request");
    }
    if (!reply.interim.empty() && !detail::send_all(fd, reply.interim)) return false;
    if (reply.delay.count() > 0 && wait(-1, reply.delay) == Wait::stopped) return false;
    if (reply.close_without_answer) return false;
    std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + detail::reason(reply.status) + "\r\n";
    for (const auto& header : reply.headers) out += header.name + ": " + header.value + "\r\n";
    out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
    if (reply.close_after) out += "Connection: close\r\n";
    out += "\r\n" + reply.body;
    return detail::send_all(fd, out) && !reply.close_after;
  }

  // Proxy mode: forwards "METHOD http://127.0.0.1:port/path" to the origin and relays its answer.
  bool forward(int fd, const RecordedRequest& request) {
    auto refuse = [&](int status) {
      detail::send_all(fd, "HTTP/1.1 " + std::to_string(status) + " " + detail::reason(status) +
                               "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return false;
    };
    constexpr std::string_view kPrefix = "http://127.0.0.1:";
    if (request.method == "CONNECT") return refuse(403);
    if (!request.target.starts_with(kPrefix)) return refuse(502);  // never leaves the machine
    const std::string rest = request.target.substr(kPrefix.size());
    const auto slash = rest.find('/');
    const int origin_port = std::atoi(rest.substr(0, slash).c_str());
    const std::string path = slash == std::string::npos ? "/" : rest.substr(slash);

    detail::Fd upstream(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(origin_port));
    if (::connect(upstream.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return refuse(502);
    std::string out = request.method + " " + path + " HTTP/1.1\r\n";
    for (const auto& header : request.headers)
      if (detail::lower(header.name) != "proxy-connection") out += header.name + ": " + header.value + "\r\n";
    out += "\r\n" + request.body;
    if (!detail::send_all(upstream.get(), out)) return refuse(502);
    std::string buffer;
    auto response = read_message(upstream.get(), buffer);
    if (!response) return refuse(502);
    std::string relay = response->first.first + "\r\n";
    for (const auto& header : response->first.headers) relay += header.name + ": " + header.value + "\r\n";
    relay += "\r\n" + response->second;
    return detail::send_all(fd, relay);
  }

  std::vector<Reply> script_;
  Mode mode_;
  int port_ = 0;
  detail::Fd listener_;
  detail::Fd wake_read_;
  detail::Fd wake_write_;
  std::thread acceptor_;
  std::vector<std::thread> handlers_;  // touched by the acceptor only, joined after it
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::size_t next_ = 0;
  std::atomic<int> connections_{0};
};

// A loopback port where nothing listens: bound, never listening, so connecting is refused and
// no other process can take the port while the object lives.
class RefusingPort {
 public:
  RefusingPort() { socket_ = detail::listen_on_loopback(port_, false); }
  int port() const { return port_; }
  std::string url(std::string_view path = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }

 private:
  int port_ = 0;
  detail::Fd socket_;
};

}  // namespace azureml::http::testserver
