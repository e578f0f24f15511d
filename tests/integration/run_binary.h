#pragma once
// Runs the built kubectl-azureml as a user would and captures what it printed.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace azureml::testing {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// `stdin_text` is fed on standard input; the working directory is the source tree.
inline Run run_binary(const std::vector<std::string>& arguments, const std::string& stdin_text = "") {
  std::array<char, 32> dir_template{};
  std::snprintf(dir_template.data(), dir_template.size(), "/tmp/azureml-run-XXXXXX");
  if (!mkdtemp(dir_template.data())) throw std::runtime_error("mkdtemp failed");
  const std::string dir = dir_template.data();
  std::ofstream(dir + "/in") << stdin_text;
  std::string command = "cd " + shell_quote(AZUREML_SOURCE_DIR) + " && " + shell_quote(AZUREML_BINARY);
  for (const auto& a : arguments) command += " " + shell_quote(a);
  command += " <" + dir + "/in >" + dir + "/out 2>" + dir + "/err";
  const int status = std::system(command.c_str());
  Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir + "/out"), slurp(dir + "/err")};
  std::system(("rm -rf " + shell_quote(dir)).c_str());
  return run;
}

}  // namespace azureml::testing
