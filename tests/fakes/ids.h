#pragma once
// Random identifiers for one fake server: request ids, GUIDs, operation ids and keys.
// Each server owns its generator (no global state); calls are thread-safe.
#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace azureml::fakes {

class IdGenerator {
 public:
  IdGenerator();
  std::string uuid();                         // "8c2d9e0a-...", lower-case hex
  std::string hex(std::size_t bytes);         // 2 * bytes hex digits
  std::string base64_key(std::size_t bytes);  // a shared access key: base64 of random bytes

 private:
  std::uint64_t next();
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

}  // namespace azureml::fakes
