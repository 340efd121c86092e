// gzip of answers kept in memory: which clients take it (Accept-Encoding)
// and that zlib's inflate gives the text back.
#include "http/compression.h"

#include "gunzip.h"

namespace danso::http {

using test::gunzip;

namespace {

bool takes(const char* accept) {
  Request req{bhttp::verb::get, "/", 11};
  if (accept) req.set(bhttp::field::accept_encoding, accept);
  return accepts_gzip(req);
}

TEST(Compression, GzipIsSentToClientsThatSayTheyTakeIt) {
  EXPECT_TRUE(takes("gzip"));
  EXPECT_TRUE(takes("gzip, deflate, br, zstd"));  // a browser
  EXPECT_TRUE(takes("deflate, GZIP;q=0.5"));
  EXPECT_TRUE(takes("x-gzip"));
  EXPECT_TRUE(takes("br;q=1.0, *;q=0.1"));
  EXPECT_FALSE(takes(nullptr));
  EXPECT_FALSE(takes(""));
  EXPECT_FALSE(takes("identity"));
  EXPECT_FALSE(takes("br, deflate"));
  EXPECT_FALSE(takes("gzip;q=0"));
  EXPECT_FALSE(takes("*;q=0.5, gzip;q=0"));
  EXPECT_FALSE(takes("*;q=0"));
  EXPECT_FALSE(takes("gzipped"));
}

TEST(Compression, GzipGivesTheTextBackAndShrinksJson) {
  std::string json = "[";
  for (int i = 0; i < 500; ++i) json += R"({"unit":"99)" + std::to_string(i) + R"(","name":"Xã Thử","value":12.5},)";
  json.back() = ']';
  const std::string z = gzip(json);
  ASSERT_GE(z.size(), 18u);
  EXPECT_EQ(uint8_t(z[0]), 0x1f);  // the gzip magic number
  EXPECT_EQ(uint8_t(z[1]), 0x8b);
  EXPECT_LT(z.size() * 5, json.size());
  EXPECT_EQ(gunzip(z), json);
  EXPECT_EQ(gunzip(gzip("")), "");
}

}  // namespace
}  // namespace danso::http
