#include "app/file_output.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace danso {

Status write_file_whole(const std::string& path, std::string_view bytes) {
  const auto fail = [&] {
    return Error::invalid("output", "không ghi được tệp " + path, "cannot write the file " + path);
  };
  if (path.empty()) return fail();
  const std::string tmp = path + ".part-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return fail();
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::remove(tmp.c_str());
      return fail();
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return fail();
  }
  return {};
}

}  // namespace danso
