#pragma once
// A small HTTP proxy on 127.0.0.1 for tests: it records which host:port each client asked it
// for, and either carries the traffic (Mode::forward) or drops it (Mode::refuse).
//
//   TestProxy proxy;                        // forward mode, any free port
//   environment.set("HTTPS_PROXY", proxy.url());
//   ... send through a client ...;          proxy.targets() == {"127.0.0.1:PORT"}
//
// Mode::forward
//   CONNECT host:port          answered "200 Connection established", then bytes are relayed
//                              both ways until either side closes (HTTPS through a tunnel).
//   GET http://host:port/p     absolute-URI forwarding for plain http: the request goes to the
//                              origin in origin form with "Connection: close", the answer comes
//                              back as it is, and the client connection closes after it.
//   Only loopback targets are served (127.0.0.1, localhost, ::1): anything else is recorded and
//   answered 502, so a test can never reach out of the machine through it.
// Mode::refuse
//   A sink: it accepts, reads the request head, records the target asked for, and closes the
//   connection without answering. End-to-end tests point real clients at it and fail when it saw
//   anything (targets() or connections() not empty).
//
// A target is "host:port" as asked for: the CONNECT authority, else the absolute URI's host and
// port (80 when absent), else the Host header of an origin-form request; "?" when the head could
// not be read. The proxy binds port 0, is thread-safe, and stops (closing every connection and
// joining every thread) in stop() or its destructor.
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace azureml::fakes {

class TestProxy {
 public:
  enum class Mode { forward, refuse };

  // Binds 127.0.0.1 on a free port and starts accepting; throws std::runtime_error on failure.
  explicit TestProxy(Mode mode = Mode::forward);
  ~TestProxy();
  TestProxy(const TestProxy&) = delete;
  TestProxy& operator=(const TestProxy&) = delete;

  // Closes the listener and every connection, joins every thread. Idempotent.
  void stop();

  Mode mode() const { return mode_; }
  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:PORT": what HTTPS_PROXY / HTTP_PROXY take

  // Every target asked for, oldest first ("127.0.0.1:8443").
  std::vector<std::string> targets() const;
  // Connections accepted so far (a client that connects and sends nothing counts here only).
  std::size_t connections() const { return connections_.load(); }

 private:
  void accept_loop();
  void serve(int client);
  void record(std::string target);
  int track(int fd);     // registers a connection's socket (closes it and returns -1 once stopped)
  void release(int fd);  // closes a registered socket
  void tunnel(int client, int upstream, std::string pending);

  Mode mode_;
  int port_ = 0;
  int listener_ = -1;
  int wake_read_ = -1;  // readable once stop() was called: ends every poll()
  int wake_write_ = -1;
  std::atomic<bool> stopped_{false};
  std::atomic<std::size_t> connections_{0};
  std::thread acceptor_;
  std::mutex threads_mutex_;
  std::vector<std::thread> handlers_;
  std::mutex sockets_mutex_;
  std::set<int> sockets_;  // open connection sockets, shut down by stop()
  mutable std::mutex targets_mutex_;
  std::vector<std::string> targets_;
};

}  // namespace azureml::fakes
