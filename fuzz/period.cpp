// Period::parse (core/period.h): years, halves, quarters, months and ranges
// of days or years. A period parsed must be a non-empty range of real days
// whose label parses again to the same range.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/period.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso;
  const auto p = Period::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!p) {
    (void)p.error().en;
    return 0;
  }
  const auto again = Period::parse(p->label);
  if (p->last < p->first || p->days() < 1 || !again || again->first != p->first || again->last != p->last) {
    std::fprintf(stderr, "period '%s': %s..%s does not hold\n", p->label.c_str(), p->first.iso().c_str(),
                 p->last.iso().c_str());
    std::abort();
  }
  (void)p->middle();
  (void)p->years();
  return 0;
}
