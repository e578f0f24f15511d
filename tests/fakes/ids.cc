#include "tests/fakes/ids.h"

#include "tests/fakes/http_text.h"

namespace azureml::fakes {

IdGenerator::IdGenerator() : engine_(std::random_device{}()) {}

std::uint64_t IdGenerator::next() {
  std::lock_guard lock(mutex_);
  return engine_();
}

std::string IdGenerator::hex(std::size_t bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  while (out.size() < bytes * 2) {
    std::uint64_t value = next();
    for (int i = 0; i < 16 && out.size() < bytes * 2; ++i, value >>= 4) out += kDigits[value & 0xF];
  }
  return out;
}

std::string IdGenerator::uuid() {
  const std::string h = hex(16);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) + "-" +
         h.substr(20, 12);
}

std::string IdGenerator::base64_key(std::size_t bytes) {
  std::string raw;
  while (raw.size() < bytes) {
    std::uint64_t value = next();
    for (int i = 0; i < 8 && raw.size() < bytes; ++i, value >>= 8) raw += static_cast<char>(value & 0xFF);
  }
  return base64_encode(raw);
}

}  // namespace azureml::fakes
