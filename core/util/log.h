#pragma once
// Diagnostic logging for -v: a sink that every line passes through after redaction, so no
// token, secret or connection string can reach stderr whatever the caller hands in.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace azureml {

// True for a field, header or query-parameter name whose value is a secret (case-insensitive):
// access_token and every *token, client_secret and every *secret, client_assertion, password,
// *Key (primaryKey, SharedAccessKey, ...), *ConnectionString, Authorization, X-IDENTITY-HEADER, sig.
// For code that redacts structured data (URL queries, recorded headers) by name.
bool is_secret_name(std::string_view name);

// Removes secrets from a line: Authorization header values, bearer tokens, JWTs, the values of
// secret-named fields in JSON and forms (access_token, client_secret, client_assertion, password,
// *Key, connection strings' SharedAccessKey, sig=), and any exact value registered as secret.
// Each secret becomes REDACTED; names, quotes and separators stay, so lines remain readable:
//   Authorization: Bearer eyJ...      -> Authorization: REDACTED   (also X-IDENTITY-HEADER: ...)
//   Bearer abc.def                    -> Bearer REDACTED
//   eyJhbGciOi.eyJzdWIi.c2ln          -> REDACTED                  (a JWT anywhere)
//   {"access_token": "x"}             -> {"access_token": "REDACTED"}  (also inside escaped JSON)
//   client_secret=x&scope=y           -> client_secret=REDACTED&scope=y  (forms, queries, SAS sig=,
//                                        connection strings' SharedAccessKey=...;)
//   a registered secret anywhere      -> REDACTED                  (also percent-encoded)
class Redactor {
 public:
  void add_secret(std::string value);  // ignored when shorter than 4 characters
  std::string redact(std::string_view text) const;

 private:
  std::vector<std::string> secrets_;
};

class Log {
 public:
  virtual ~Log() = default;
  virtual bool verbose_enabled() const = 0;
  virtual void verbose(std::string_view line) = 0;  // redacts before writing; one line per call
};

// Writes redactor.redact(line) + '\n' to the stream when verbose; nothing otherwise.
class StreamLog final : public Log {
 public:
  StreamLog(std::ostream& stream, bool verbose, const Redactor& redactor)
      : stream_(stream), verbose_(verbose), redactor_(redactor) {}
  bool verbose_enabled() const override { return verbose_; }
  void verbose(std::string_view line) override;

 private:
  std::ostream& stream_;
  bool verbose_;
  const Redactor& redactor_;
};

class NullLog final : public Log {
 public:
  bool verbose_enabled() const override { return false; }
  void verbose(std::string_view) override {}
};

}  // namespace azureml
