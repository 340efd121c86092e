// Writing an output file whole: the bytes go to a temporary file beside it,
// which is renamed over the destination only when every byte is written, so
// a failure never leaves a half-written file (and an earlier file of that
// name stays as it was).
//
//   if (auto st = write_file_whole("payments.xlsx", bytes); !st) ...
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace danso {

Status write_file_whole(const std::string& path, std::string_view bytes);

}  // namespace danso
