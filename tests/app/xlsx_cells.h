// Reads an .xlsx file's first worksheet back into its cell values, with the
// `unzip` tool and the sheet's XML, so tests assert what a spreadsheet
// program would show: cells["A1"] is the text (shared strings resolved) or
// the number as written in the XML.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <unistd.h>

namespace danso::testing {

inline std::string xml_unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (auto [from, to] : entities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
      s.replace(at, std::string(from).size(), to);
    }
  }
  return s;
}

// One member of the zip archive at `path`, empty if it is not there.
inline std::string unzip_member(const std::string& path, const std::string& member) {
  std::string out;
  FILE* p = ::popen(("unzip -p '" + path + "' '" + member + "' 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char buf[8192];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ::pclose(p);
  return out;
}

struct XlsxContents {
  std::map<std::string, std::string> cells;  // "B3" -> value
  std::string sheet_xml;                     // the raw worksheet XML
  std::string workbook_xml;                  // xl/workbook.xml (defined names: print titles, print area)
};

// `sheet`: which worksheet, from 1.
inline XlsxContents read_xlsx(const std::string& bytes, int sheet = 1) {
  std::string path = (std::filesystem::temp_directory_path() / ("danso-test-" + std::to_string(::getpid()) + ".xlsx")).string();
  { std::ofstream(path, std::ios::binary) << bytes; }
  XlsxContents out;
  out.sheet_xml = unzip_member(path, "xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
  std::string shared_xml = unzip_member(path, "xl/sharedStrings.xml");
  out.workbook_xml = unzip_member(path, "xl/workbook.xml");
  std::filesystem::remove(path);

  std::vector<std::string> shared;
  static const std::regex si(R"re(<si>(?:<t[^>]*>([\s\S]*?)</t>|<t/>)</si>)re");
  for (auto it = std::sregex_iterator(shared_xml.begin(), shared_xml.end(), si); it != std::sregex_iterator(); ++it) {
    shared.push_back(xml_unescape((*it)[1].str()));
  }
  static const std::regex cell(R"re(<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(?:<f>[^<]*</f>)?<v>([^<]*)</v></c>))re");
  for (auto it = std::sregex_iterator(out.sheet_xml.begin(), out.sheet_xml.end(), cell); it != std::sregex_iterator(); ++it) {
    std::string ref = (*it)[1], attrs = (*it)[2], v = (*it)[3];
    if (attrs.find("t=\"s\"") != std::string::npos) {
      std::size_t i = std::stoul(v);
      out.cells[ref] = i < shared.size() ? shared[i] : "";
    } else {
      out.cells[ref] = v;
    }
  }
  return out;
}

}  // namespace danso::testing
