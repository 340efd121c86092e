// Text put into an HTML page (the yearly report's printable page): & < > " '
// written as entities.
#pragma once

#include <string>
#include <string_view>

namespace danso {

std::string html_escape(std::string_view s);

}  // namespace danso
