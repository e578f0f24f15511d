#pragma once
// What every fake server does to run: bind a cpp-httplib server to 127.0.0.1, serve on a
// thread of its own with SIGPIPE blocked, wait until it runs, and stop it (waking delayed
// responses first).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace azureml::fakes {

// Sends every request (GET, POST, PUT, PATCH, DELETE on any path) to `handler`; an exception
// escaping it becomes `on_error(response, what)`, which answers in the fake's own error format.
void route_everything(httplib::Server& server, std::function<void(const httplib::Request&, httplib::Response&)> handler,
                      std::function<void(httplib::Response&, const std::string& what)> on_error);

class ServerThread {
 public:
  ServerThread() = default;
  ~ServerThread() = default;  // the owner calls stop() before destroying its server
  ServerThread(const ServerThread&) = delete;
  ServerThread& operator=(const ServerThread&) = delete;

  // Binds `server` (configured, not listening) to 127.0.0.1:`port` (0: any free port), serves
  // it on the thread and returns the port once it runs. Throws std::runtime_error naming
  // `name` when it cannot listen.
  int start(httplib::Server& server, int port, const std::string& name);
  // Ends waits, stops `server` (may be null) and joins the thread. Idempotent.
  void stop(httplib::Server* server);
  // Sleeps `duration`, or less when stop() comes first: how a delayed response waits.
  void wait(std::chrono::milliseconds duration);

 private:
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable signal_;
  bool stopping_ = false;
};

}  // namespace azureml::fakes
