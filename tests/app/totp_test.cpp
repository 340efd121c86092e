// TOTP against the test vectors of RFC 6238 appendix B (8 digits, 30-second
// steps, the three HMAC variants with their seeds), HOTP against RFC 4226
// appendix D, base32 against RFC 4648, and the password hash round trip.
#include <gtest/gtest.h>

#include <string>

#include "app/accounts/crypto.h"
#include "app/accounts/totp.h"

namespace danso::accounts {
namespace {

std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

TEST(Totp, Rfc6238AppendixB) {
  const auto sha1 = bytes("12345678901234567890");
  const auto sha256 = bytes("12345678901234567890123456789012");
  const auto sha512 = bytes("1234567890123456789012345678901234567890123456789012345678901234");
  struct Case {
    int64_t time;
    const char *c1, *c256, *c512;
  };
  const Case cases[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(totp_code(sha1, c.time, {8, 30, TotpHash::kSha1}), c.c1) << c.time;
    EXPECT_EQ(totp_code(sha256, c.time, {8, 30, TotpHash::kSha256}), c.c256) << c.time;
    EXPECT_EQ(totp_code(sha512, c.time, {8, 30, TotpHash::kSha512}), c.c512) << c.time;
  }
}

TEST(Totp, Rfc4226AppendixD) {
  const auto key = bytes("12345678901234567890");
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t i = 0; i < 10; ++i) EXPECT_EQ(hotp_code(key, i, 6, TotpHash::kSha1), expected[i]) << i;
}

TEST(Totp, AcceptsTheStepBesideAndNeverTheSameStepTwice) {
  const auto key = bytes("12345678901234567890");
  const int64_t t = 1'750'000'000;  // step 58333333
  const std::string now = totp_code(key, t), before = totp_code(key, t - 30), after = totp_code(key, t + 30);
  EXPECT_EQ(totp_accept(key, now, t, 0), t / 30);
  EXPECT_EQ(totp_accept(key, before, t, 0), t / 30 - 1);
  EXPECT_EQ(totp_accept(key, after, t, 0), t / 30 + 1);
  EXPECT_EQ(totp_accept(key, totp_code(key, t - 60), t, 0), std::nullopt);
  EXPECT_EQ(totp_accept(key, now, t, t / 30), std::nullopt);  // used already
  EXPECT_EQ(totp_accept(key, "12345", t, 0), std::nullopt);
  EXPECT_EQ(otpauth_uri("DanSo", "qt.tinh", "GEZDGNBV"),
            "otpauth://totp/DanSo:qt.tinh?secret=GEZDGNBV&issuer=DanSo&algorithm=SHA1&digits=6&period=30");
}

TEST(Crypto, Base32Rfc4648) {
  EXPECT_EQ(base32_encode(bytes("foobar")), "MZXW6YTBOI");
  EXPECT_EQ(base32_encode(bytes("f")), "MY");
  EXPECT_EQ(base32_encode(bytes("12345678901234567890")), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(*base32_decode("mzxw6ytboi"), bytes("foobar"));
  EXPECT_EQ(*base32_decode("MZXW 6YTB OI======"), bytes("foobar"));
  EXPECT_FALSE(base32_decode("MZ1W").has_value());
}

TEST(Crypto, PasswordHashesAreArgon2idAndSalted) {
  const std::string h1 = hash_password("Mây-trắng-bay-2025"), h2 = hash_password("Mây-trắng-bay-2025");
  EXPECT_EQ(h1.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << h1;
  EXPECT_NE(h1, h2);
  EXPECT_TRUE(verify_password(h1, "Mây-trắng-bay-2025"));
  EXPECT_FALSE(verify_password(h1, "Mây-trắng-bay-2026"));
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("not a hash", "x"));
}

TEST(Crypto, TokensAreLongRandomAndComparedInConstantTime) {
  const std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(constant_time_equal(a, a));
  EXPECT_FALSE(constant_time_equal(a, b));
  EXPECT_FALSE(constant_time_equal(a, a.substr(1)));
}

}  // namespace
}  // namespace danso::accounts
