#include "app/formats/row_issues.h"

#include <algorithm>

#include "core/text.h"

namespace danso {

void RowIssues::add(size_t row, std::string_view column, std::string_view value, std::string vi,
                    std::string en) {
  issues_.push_back({file_, row, std::string(column), std::string(value), std::move(vi), std::move(en)});
  if (rows_.empty() || rows_.back() != row) {
    if (!rows_.empty() && rows_.back() > row) {
      rows_.insert(std::lower_bound(rows_.begin(), rows_.end(), row), row);
      rows_.erase(std::unique(rows_.begin(), rows_.end()), rows_.end());
    } else {
      rows_.push_back(row);
    }
  }
}

void RowIssues::add(size_t row, std::string_view value, const Error& e) {
  add(row, e.field, value, e.vi, e.en);
}

bool RowIssues::row_has_issue(size_t row) const {
  return std::binary_search(rows_.begin(), rows_.end(), row);
}

std::string format_issue(const RowIssue& i) {
  std::string where_vi = i.file + ", dòng " + std::to_string(i.row);
  std::string where_en = i.file + ", row " + std::to_string(i.row);
  if (!i.column.empty()) {
    where_vi += ", cột " + i.column;
    where_en += ", column " + i.column;
  }
  if (!i.value.empty() || !i.column.empty()) {
    // A value may hold control characters (the reason it was refused):
    // shown escaped, never sent to the terminal as they are.
    const std::string shown = show_controls(i.value);
    where_vi += ", giá trị '" + shown + "'";
    where_en += ", value '" + shown + "'";
  }
  return where_vi + ": " + i.vi + "\n  " + where_en + ": " + i.en;
}

Error first_issue_error(const RowIssues& issues) {
  const RowIssue& i = issues.all().front();
  const std::string more_vi = issues.size() > 1 ? " (và " + std::to_string(issues.size() - 1) + " lỗi khác)" : "";
  const std::string more_en = issues.size() > 1 ? " (and " + std::to_string(issues.size() - 1) + " more problems)" : "";
  return Error::invalid(i.column, i.file + ", dòng " + std::to_string(i.row) + ", cột " + i.column + ": " + i.vi + more_vi,
                        i.file + ", row " + std::to_string(i.row) + ", column " + i.column + ": " + i.en + more_en);
}

}  // namespace danso
