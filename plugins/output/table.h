#pragma once
// kubectl-style tables: upper-case headers, columns padded to the widest cell, three spaces apart.
#include <ostream>
#include <string>
#include <vector>

namespace azureml::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace azureml::cli
