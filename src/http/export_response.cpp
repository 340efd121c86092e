// Downloads of list routes (?format=csv|xlsx) and the JSON-body helpers the
// register's write routes share.
#include "app/export/column_labels.h"
#include "app/export/file_names.h"
#include "app/export/table_export.h"
#include "http/api.h"

namespace danso::http {

Result<ListFormat> parse_list_format(const QueryParams& q) {
  const std::string f = query_value(q, "format");
  if (f.empty() || f == "json") return ListFormat::kJson;
  if (f == "csv") return ListFormat::kCsv;
  if (f == "xlsx") return ListFormat::kXlsx;
  return Error::invalid("format", "tham số 'format' phải là json, csv hoặc xlsx",
                        "the parameter 'format' must be json, csv or xlsx");
}

Response document_response(const Request& req, const char* type, std::string body, const std::string& file_name) {
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, type);
  if (!file_name.empty()) res.set(bhttp::field::content_disposition, "attachment; filename=\"" + file_name + "\"");
  add_security_headers(res, true);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

ListWindow list_window(ListFormat format, const Paging& paging) {
  if (format == ListFormat::kJson) return {paging.offset(), paging.per_page};
  return {0, kExportMaxRows + 1};
}

Response list_file(const Request& req, ListFormat format, const std::string& name, int64_t total,
                   const nlohmann::ordered_json& rows, std::vector<std::string> title_lines,
                   std::vector<std::string> name_parts) {
  const std::string_view target(req.target().data(), req.target().size());
  const size_t qpos = target.find('?');
  const QueryParams query = parse_query(qpos == std::string_view::npos ? std::string_view() : target.substr(qpos + 1));
  const auto lang = heading_lang(query_value(query, "lang"));
  if (!lang)
    return error_response(req, Error::invalid("lang", "tham số 'lang' phải là vi, en hoặc keys",
                                              "the parameter 'lang' must be vi, en or keys"));
  if (name_parts.empty()) name_parts = {query_value(query, "unit"), query_value(query, "period")};
  if (total > kExportMaxRows || int64_t(rows.size()) > kExportMaxRows)
    return error_response(
        req, Error::invalid("format",
                            "danh sách có " + std::to_string(total) + " dòng, quá 100.000 dòng tải về một lần; "
                            "hãy chọn đơn vị nhỏ hơn hoặc thu hẹp bộ lọc",
                            "the list has " + std::to_string(total) + " rows, more than the 100,000 a download "
                            "may hold; choose a smaller unit or a narrower filter"));
  XlsxSheet sheet = sheet_from_objects(name, rows);
  label_columns(sheet, name, *lang);
  sheet.title_lines = std::move(title_lines);
  std::string body;
  const char* type = kCsvContentType;
  const std::string stem = download_stem(name, name_parts);
  std::string file = stem + ".csv";
  if (format == ListFormat::kXlsx) {
    auto bytes = write_xlsx(sheet);
    if (!bytes) return error_response(req, bytes.error());
    body = std::move(*bytes);
    type = kXlsxContentType;
    file = stem + ".xlsx";
  } else {
    body = sheet_csv(sheet);
  }
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, type);
  res.set(bhttp::field::content_disposition, "attachment; filename=\"" + file + "\"");
  add_security_headers(res, true);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Result<std::map<std::string, std::string>> body_columns(const nlohmann::json& body) {
  std::map<std::string, std::string> out;
  for (const auto& [name, v] : body.items()) {
    if (v.is_string()) out[name] = v.get<std::string>();
    else if (v.is_number_unsigned()) out[name] = std::to_string(v.get<uint64_t>());  // as sent, however large
    else if (v.is_number_integer()) out[name] = std::to_string(v.get<int64_t>());
    else if (v.is_number_float())  // 1e3, 5.0: not the clean integer an id or a count is
      return Error::invalid(name, "trường '" + name + "' phải là số nguyên hoặc chuỗi",
                            "the field '" + name + "' must be a whole number or a string");
    else if (v.is_boolean()) out[name] = v.get<bool>() ? "1" : "0";
    else if (v.is_null()) out[name] = "";
    else
      return Error::invalid(name, "trường '" + name + "' phải là chuỗi hoặc số",
                            "the field '" + name + "' must be a string or a number");
  }
  return out;
}

Response issues_response(const Request& req, const std::vector<RowIssue>& issues) {
  auto field = [](const RowIssue& i) {
    return i.column.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(i.column);
  };
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& i : issues)
    list.push_back({{"field", field(i)}, {"value", i.value}, {"message_vi", i.vi}, {"message_en", i.en}});
  const RowIssue& first = issues.front();
  nlohmann::ordered_json out;
  out["error"] = {{"code", "invalid_argument"},
                  {"field", field(first)},
                  {"message_vi", first.vi},
                  {"message_en", first.en},
                  {"issues", list}};
  return json_response(req, bhttp::status::bad_request, out);
}

}  // namespace danso::http
