#include "tests/fakes/server_thread.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <stdexcept>

namespace azureml::fakes {

void route_everything(httplib::Server& server, std::function<void(const httplib::Request&, httplib::Response&)> handler,
                      std::function<void(httplib::Response&, const std::string& what)> on_error) {
  server.Get(".*", handler).Post(".*", handler).Put(".*", handler).Patch(".*", handler).Delete(".*", handler);
  server.set_exception_handler(
      [on_error = std::move(on_error)](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        on_error(response, what);
      });
}

int ServerThread::start(httplib::Server& server, int port, const std::string& name) {
  // An answer goes out in more than one write (head, then body). With Nagle's algorithm on, the
  // second write waits for the client to acknowledge the first, and the client delays its
  // acknowledgement by 40 ms: every request to a fake would take 40 ms longer than it does.
  server.set_tcp_nodelay(true);
  const int bound =
      port == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound <= 0) throw std::runtime_error(name + ": cannot listen on 127.0.0.1:" + std::to_string(port));
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([&server] {
    // Writes to a client that went away must fail with EPIPE, not kill the process; the
    // workers inherit this thread's signal mask.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    server.listen_after_bind();
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server.is_running() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return bound;
}

void ServerThread::stop(httplib::Server* server) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  signal_.notify_all();
  if (server) server->stop();
  if (thread_.joinable()) thread_.join();
}

void ServerThread::wait(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  signal_.wait_for(lock, duration, [this] { return stopping_; });
}

}  // namespace azureml::fakes
