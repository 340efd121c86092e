#include "app/import/import.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"
#include "app/csv/csv_writer.h"
#include "app/import/import_context.h"

namespace danso {

Result<ImportKind> parse_import_kind(std::string_view text) {
  if (text == "units") return ImportKind::kUnits;
  if (text == "unit-mapping") return ImportKind::kUnitMapping;
  if (text == "households") return ImportKind::kHouseholds;
  if (text == "persons") return ImportKind::kPersons;
  if (text == "events") return ImportKind::kEvents;
  if (text == "staff") return ImportKind::kStaff;
  if (text == "boundaries") return ImportKind::kBoundaries;
  return Error::invalid("kind", "loại dữ liệu không hợp lệ '" + std::string(text) +
                                    "'; cho phép: units, unit-mapping, households, persons, events, staff, boundaries",
                        "invalid kind '" + std::string(text) +
                            "'; allowed: units, unit-mapping, households, persons, events, staff, boundaries");
}

namespace {

Result<std::shared_ptr<ImportInput>> read_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found("file", "không mở được tệp '" + path + "'", "cannot open file '" + path + "'");
  auto input = std::make_shared<ImportInput>();
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad())
    return Error{ErrorCode::kInternal, "file", "không đọc được tệp '" + path + "'", "cannot read file '" + path + "'"};
  input->text = std::move(ss).str();
  return input;
}

}  // namespace

Result<ImportReport> import_file(Store& store, const ImportOptions& options) {
  using namespace import_detail;
  ImportOptions o = options;
  if (!o.input) {
    auto input = read_input(o.file);
    if (!input) return input.error();
    o.input = std::move(*input);
  }
  if (o.input->sha256.empty()) o.input->sha256 = accounts::sha256_hex(o.input->text);
  switch (o.kind) {
    case ImportKind::kUnits: {
      const auto& f = o.file;
      if (f.size() >= 5 && f.compare(f.size() - 5, 5, ".json") == 0) return import_unit_list_json(store, o);
      return import_units_csv(store, o);
    }
    case ImportKind::kUnitMapping: return import_unit_mapping(store, o);
    case ImportKind::kHouseholds: return import_households(store, o);
    case ImportKind::kPersons: return import_persons(store, o);
    case ImportKind::kEvents: return import_events(store, o);
    case ImportKind::kStaff: return import_staff(store, o);
    case ImportKind::kBoundaries: return import_boundaries(store, o);
  }
  return Error{ErrorCode::kInternal, "kind", "loại không xác định", "unknown kind"};
}

namespace import_detail {

std::string Run::display_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::shared_ptr<const UnitTree> load_unit_tree(Store& store) { return store.unit_tree(); }

Status Run::finish_before_commit() {
  report.issues = issues.all();
  size_t rejected_rows = 0;
  size_t last = 0;
  for (const auto& i : report.issues)
    if (i.row != last) {
      ++rejected_rows;
      last = i.row;
    }
  report.rejected = rejected_rows;
  report.written = report.rows >= rejected_rows ? report.rows - rejected_rows : 0;
  if (!issues.empty() && options.skip_bad_rows) {
    report.rejects_file = options.rejects_file.empty() ? options.file + ".rejects.csv" : options.rejects_file;
    std::ofstream out(report.rejects_file + ".tmp", std::ios::binary | std::ios::trunc);
    if (!out)
      return Error{ErrorCode::kInternal, "rejects", "không ghi được tệp " + report.rejects_file,
                   "cannot write " + report.rejects_file};
    CsvWriter w(out);
    w.row({"file", "row", "column", "value", "message_vi", "message_en"});
    for (const auto& i : report.issues) {
      const std::string row = std::to_string(i.row);
      w.row({i.file, row, i.column, i.value, i.vi, i.en});
    }
    out.close();
    if (!out)
      return Error{ErrorCode::kInternal, "rejects", "không ghi được tệp " + report.rejects_file,
                   "cannot write " + report.rejects_file};
  }
  return {};
}

Status Run::audit_import() {
  static constexpr const char* kKinds[] = {"units",  "unit-mapping", "households", "persons",
                                           "events", "staff",        "boundaries"};
  AuditRecord e = accounts::audit_entry(
      nullptr, accounts::iso_instant(options.now ? options.now : int64_t(options.today.days()) * 86400), "import",
      "file", display_name(options.file));
  e.after = nlohmann::ordered_json{{"kind", kKinds[int(options.kind)]},
                                   {"file", e.record},
                                   {"sha256", options.input ? options.input->sha256 : std::string()},
                                   {"rows", report.rows},
                                   {"written", report.written},
                                   {"rejected", report.rejected}}
                .dump();
  return accounts::append_audit(store, std::move(e));
}

void Run::finish_after_commit(bool committed) {
  report.committed = committed;
  if (report.rejects_file.empty()) return;
  std::error_code ec;
  if (committed) std::filesystem::rename(report.rejects_file + ".tmp", report.rejects_file, ec);
  else std::filesystem::remove(report.rejects_file + ".tmp", ec);
}

}  // namespace import_detail
}  // namespace danso
