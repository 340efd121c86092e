// A JSON file of units (the national list, the reform's mapping) through
// its importer, against a register of units in a temporary database: the
// fuzzer's bytes are the file. Nothing is ever committed (the import's last
// step refuses), so every input meets the same register.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "app/import/import.h"
#include "store/sqlite/sqlite_store.h"

namespace danso::fuzz {

class ImportJson {
 public:
  static ImportJson& get() {
    static ImportJson* self = new ImportJson();  // kept to the end, as libFuzzer exits at any time
    return *self;
  }
  void run(const uint8_t* data, size_t size, ImportKind kind, const char* valid_from) {
    std::ofstream(file_, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    ImportOptions o;
    o.file = file_;
    o.kind = kind;
    o.today = Date::from_ymd_unchecked(2026, 1, 1);
    o.valid_from = Date::parse(valid_from).value();
    o.before_commit = [] { return Status(Error::invalid("", "thử", "fuzzing: never committed")); };
    auto report = import_file(*store_, o);
    if (report)
      for (const RowIssue& i : report->issues) (void)format_issue(i);
  }

 private:
  ImportJson() {
    char tmpl[] = "/tmp/danso-fuzz-XXXXXX";
    if (!mkdtemp(tmpl)) std::abort();
    dir_ = tmpl;
    std::atexit([] { std::filesystem::remove_all(get().dir_); });
    auto s = open_sqlite_store(dir_ + "/f.db", {.create = true, .migrations = {}});
    if (!s) std::abort();
    store_ = std::move(*s);
    // Two provinces before the reform, one after it.
    const std::string units = dir_ + "/units.csv";
    std::ofstream(units) << "code,name,kind,level,parent_code,valid_from,valid_to\n"
                            "01,Tỉnh Một,province,1,,2008-01-01,2025-06-30\n"
                            "001,Huyện Một,district,2,01,2008-01-01,2025-06-30\n"
                            "00001,Xã Một,commune,3,001,2008-01-01,2025-06-30\n"
                            "00002,Xã Hai,commune,3,001,2008-01-01,2025-06-30\n"
                            "02,Tỉnh Hai,province,1,,2008-01-01,2025-06-30\n"
                            "002,Huyện Hai,district,2,02,2008-01-01,2025-06-30\n"
                            "00003,Xã Ba,commune,3,002,2008-01-01,2025-06-30\n"
                            "03,Tỉnh Ba,province,1,,2025-07-01,\n"
                            "00010,Xã Mười,commune,2,03,2025-07-01,\n"
                            "0001001,Thôn Một,village,3,00010,2025-07-01,\n";
    ImportOptions o;
    o.file = units;
    o.kind = ImportKind::kUnits;
    o.today = Date::from_ymd_unchecked(2026, 1, 1);
    auto r = import_file(*store_, o);
    if (!r || !r->committed) std::abort();
    file_ = dir_ + "/in.json";
  }
  std::string dir_, file_;
  std::unique_ptr<Store> store_;
};

}  // namespace danso::fuzz
