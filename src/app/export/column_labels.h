// The headings of downloaded lists: each key of the API's JSON records
// (docs/api.md) with its Vietnamese and English heading. Downloads use the
// Vietnamese ones unless English (`?lang=en`) or the keys themselves, as the
// import files name them (`?lang=keys`), are asked for.
//
//   column_heading("persons", "birth_date", HeadingLang::kVi);   // "Ngày sinh"
//   column_heading("events", "id", HeadingLang::kEn);            // "Event id"
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/export/xlsx.h"

namespace danso {

enum class HeadingLang { kVi, kEn, kKeys };

// "vi" (also empty), "en" or "keys"; nothing for anything else.
std::optional<HeadingLang> heading_lang(std::string_view text);

// The heading of `key` in list `list` ("households", "persons", "events",
// "staff", "users", "audit", "indicators", "reports", "worklists"); the key itself when
// it has none.
std::string column_heading(std::string_view list, std::string_view key, HeadingLang lang);
// The list's title, for the worksheet's name ("Hộ dân cư", "Households").
std::string list_title(std::string_view list, HeadingLang lang);

// The sheet's header (keys, as sheet_from_objects makes it) as headings.
void label_columns(XlsxSheet& sheet, std::string_view list, HeadingLang lang);

}  // namespace danso
