// RowIssue: why one row of an input file was rejected, in the words a person
// needs to fix it: file, row, column, value, and the reason in Vietnamese and
// English. RowIssues collects them for a whole file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace danso {

struct RowIssue {
  std::string file;
  size_t row = 0;
  std::string column;
  std::string value;
  std::string vi;
  std::string en;
};

class RowIssues {
 public:
  explicit RowIssues(std::string file) : file_(std::move(file)) {}
  void add(size_t row, std::string_view column, std::string_view value, std::string vi, std::string en);
  void add(size_t row, std::string_view value, const Error& e);
  const std::vector<RowIssue>& all() const { return issues_; }
  bool empty() const { return issues_.empty(); }
  size_t size() const { return issues_.size(); }
  // Rows with at least one issue.
  bool row_has_issue(size_t row) const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<RowIssue> issues_;
  std::vector<size_t> rows_;  // sorted rows with issues (rows arrive in order)
};

// "persons.csv, dòng 7, cột birth_date, giá trị '2031-01-01': ..." on two lines.
std::string format_issue(const RowIssue& i);

// A file refused for its issues (not empty): the first, naming its row and
// column, in both languages, with the count of the others.
Error first_issue_error(const RowIssues& issues);

}  // namespace danso
