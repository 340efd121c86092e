// Search folding (core/text.h): names are folded from a table of letters, the
// rest by ICU; both must give what ICU's transliteration of the whole text
// gives.
#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/text.h"

using namespace danso;

namespace {

std::string utf8(char32_t c) {
  std::string s;
  icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(s);
  return s;
}

// The folding as ICU alone does it, for the whole text at once.
std::string reference_fold(const std::string& s) {
  static std::unique_ptr<icu::Transliterator> tr = [] {
    UErrorCode status = U_ZERO_ERROR;  // đ and Đ are replaced below
    return std::unique_ptr<icu::Transliterator>(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; Lower; NFC", UTRANS_FORWARD, status));
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.findAndReplace(icu::UnicodeString(u"\u0111"), icu::UnicodeString(u"d"));
  u.findAndReplace(icu::UnicodeString(u"\u0110"), icu::UnicodeString(u"d"));
  tr->transliterate(u);
  std::string r;
  u.toUTF8String(r);
  return r;
}

TEST(TextFoldTest, VietnameseLetters) {
  EXPECT_EQ(fold_for_search("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ àáảãạăằắẳẵặâầấẩẫậ"),
            "aaaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaaa");
  EXPECT_EQ(fold_for_search("ÈÉẺẼẸÊỀẾỂỄỆ èéẻẽẹêềếểễệ ÌÍỈĨỊ ìíỉĩị"), "eeeeeeeeeee eeeeeeeeeee iiiii iiiii");
  EXPECT_EQ(fold_for_search("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ òóỏõọôồốổỗộơờớởỡợ"),
            "ooooooooooooooooo ooooooooooooooooo");
  EXPECT_EQ(fold_for_search("ÙÚỦŨỤƯỪỨỬỮỰ ùúủũụưừứửữự ỲÝỶỸỴ ỳýỷỹỵ Đđ"), "uuuuuuuuuuu uuuuuuuuuuu yyyyy yyyyy dd");
  EXPECT_EQ(fold_for_search("Lê Thị Hồng"), "le thi hong");
  EXPECT_EQ(fold_for_search("Le\xcc\x82 Thi\xcc\xa3"), "le thi");  // typed decomposed
}

TEST(TextFoldTest, OtherScriptsAsIcuFoldsThem) {
  for (const char* s : {"Straße", "Ærø", "ΣΟΦΙΑ", "阮文", "İstanbul", "Ǆemal", "Nguyễn 阮"})
    EXPECT_EQ(fold_for_search(s), reference_fold(s)) << s;
}

TEST(TextFoldTest, SameAsIcuOnRandomText) {
  std::vector<char32_t> pool;
  for (char32_t c = 'A'; c <= 'z'; ++c) pool.push_back(c);
  pool.push_back(' ');
  for (char32_t c = 0x80; c < 0x250; ++c) pool.push_back(c);
  for (char32_t c = 0x300; c < 0x370; ++c) pool.push_back(c);
  for (char32_t c = 0x1E00; c < 0x1F00; ++c) pool.push_back(c);
  for (char32_t c : {0x3A3u, 0x3C3u, 0x5BAEu, 0x0E01u}) pool.push_back(c);  // Greek, Han, Thai
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1), length(1, 8);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (size_t n = length(rng); n > 0; --n) s += utf8(pool[pick(rng)]);
    ASSERT_EQ(fold_for_search(s), reference_fold(s)) << s;
  }
  for (char32_t c : pool) ASSERT_EQ(fold_for_search("x" + utf8(c) + "y"), reference_fold("x" + utf8(c) + "y"));
}

}  // namespace

TEST(WordBeginsAt, WordsAreToldApartAroundAnyCharacter) {
  const std::string names = "nguyen van anh\nh\u2019hen nie\nхоа";
  EXPECT_TRUE(danso::word_begins_at(names, 0));                       // the text's start
  EXPECT_TRUE(danso::word_begins_at(names, names.find("van")));       // after a space
  EXPECT_FALSE(danso::word_begins_at(names, names.find("uyen")));     // inside a word
  EXPECT_TRUE(danso::word_begins_at(names, names.find("h\u2019")));   // after a line end
  EXPECT_TRUE(danso::word_begins_at(names, names.find("hen")));       // after ’ (U+2019)
  EXPECT_TRUE(danso::word_begins_at(names, names.find("хоа")));
  EXPECT_FALSE(danso::word_begins_at(names, names.find("оа")));       // after х, a letter beyond ASCII
}
