#pragma once
// Resets the TCP connection a request arrived on, from inside an httplib handler.
//
// httplib 0.11 gives handlers no socket, and returning without a response still makes it
// write one. So: find the accepted socket whose local and peer ports are the request's
// (SSL_get_fd for HTTPS; else by scanning /proc/self/fd with getsockname/getpeername), set
// SO_LINGER to {on, 0} and dup2() /dev/null over that descriptor. That drops the last
// reference to the socket, so the kernel aborts it with a RST ("Connection reset by peer"
// for the client), while the descriptor number stays valid for httplib: it writes its
// response into /dev/null (or fails with ENOTSOCK) and later closes the descriptor itself,
// so nothing is closed twice and no other connection is touched.
namespace httplib {
struct Request;
}

namespace azureml::fakes {

// False when the socket was not found (the request is then answered normally).
bool reset_connection(const httplib::Request& request);

}  // namespace azureml::fakes
