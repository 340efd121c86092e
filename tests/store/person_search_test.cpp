// The register's search by name (RegisterStore::persons_page with a search
// text): matches counted only up to kSearchCountCap, and the two ways of
// finding them (the index of folded names over many villages, the persons
// of a few villages with their names folded) giving the same persons.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/text.h"
#include "store_engines.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

constexpr int kVillages = 200;     // a search over fewer than 2 of them reads their persons
constexpr int kNguyen = 1205;      // persons of village 1, all "Nguyễn ..."

// On every engine (store_engines.h).
class PersonSearch : public test::StoreEngineTest {
 protected:
  void SetUp() override {
    StoreEngineTest::SetUp();
    auto s = open();
    ASSERT_TRUE(s.ok()) << s.error().en;
    store_ = std::move(*s);
    const Date since = Date::parse("2019-01-01").value();
    std::vector<OrgUnit> units;
    std::vector<Household> households;
    for (int v = 1; v <= kVillages; ++v) {
      OrgUnit u;
      u.id = UnitId(v);
      u.code = std::to_string(9900000 + v);
      u.name = "Thôn " + std::to_string(v);
      u.kind = UnitKind::kVillage;
      u.valid_from = since;
      units.push_back(u);
      households.push_back({HouseholdId(v), u.code, UnitId(v), "Số " + std::to_string(v), Poverty::kNone, false, false,
                            since});
    }
    const char* middles[] = {"Văn", "Thị", "Hữu", "Đức", "Ngọc"};
    const char* givens[] = {"An", "Anh", "Bình", "Hoa", "Minh", "Nam", "Lan"};
    std::vector<Person> persons;
    auto add = [&](int village, std::string name) {
      Person p;
      p.id = PersonId(int64_t(persons.size()) + 1);
      p.household = HouseholdId(village);
      p.name = std::move(name);
      p.sex = persons.size() % 2 ? Sex::kFemale : Sex::kMale;
      p.birth_date = Date::parse("1990-05-01").value();
      p.registered_on = since;
      persons.push_back(p);
    };
    for (int i = 0; i < kNguyen; ++i)
      add(1, std::string("Nguyễn ") + middles[i % 5] + " " + givens[(i / 5) % 7] + " " + givens[(i / 35) % 7]);
    const char* others[] = {"Trần Thị Hoa", "Hờ A Mông", "H\u2019Hen Niê", "Lê Văn Anh", "Anh Văn Lê",
                            "Nguyễn Văn An", "Đỗ Thị Mẫu", "Vàng Mí Hoà", "Lò Văn Nam", "Quàng Thị Lan"};
    int k = 0;
    for (int v = 2; v <= 5; ++v)
      for (const char* n : others) add(v, std::string(n) + (k++ % 3 == 0 ? " Hai" : ""));
    // Seventeen words beginning with "quana" (and "quang"): more than a search turns a
    // word into (page_store.cpp), so "quan" stays a prefix.
    for (char c = 'a'; c <= 'q'; ++c) add(6, std::string("Thử Quana") + c);
    std::vector<ResidenceSpell> spells;
    for (const Person& p : persons) spells.push_back({p.id, p.household, UnitId(p.household.value), since, std::nullopt});
    auto tx = store_->begin();
    ASSERT_TRUE(store_->upsert_units(units).ok());
    ASSERT_TRUE(store_->upsert_households(households).ok());
    ASSERT_TRUE(store_->upsert_persons(persons).ok());
    ASSERT_TRUE(store_->replace_all_residence(spells).ok());
    ASSERT_TRUE(tx.commit().ok());
    persons_ = std::move(persons);
  }
  void TearDown() override {
    store_.reset();
    StoreEngineTest::TearDown();
  }
  std::vector<int64_t> ids(std::span<const UnitId> villages, std::string_view folded, int64_t offset,
                           int64_t limit, ListTotal* total = nullptr) {
    std::vector<PlacedPerson> page;
    const ListTotal t = store_->persons_page(villages, folded, PersonFilter{}, offset, limit, page);
    if (total) *total = t;
    std::vector<int64_t> out;
    for (const PlacedPerson& p : page) out.push_back(p.person.id.value);
    return out;
  }
  std::vector<UnitId> all_villages() const {
    std::vector<UnitId> out;
    for (int v = 1; v <= kVillages; ++v) out.push_back(UnitId(v));
    return out;
  }
  std::unique_ptr<Store> store_;
  std::vector<Person> persons_;
};

DANSO_STORE_ENGINES(PersonSearch);

TEST(SearchWords, NamesAreCutIntoWordsAsTheIndexCutsThem) {
  EXPECT_EQ(search_words("h'mong  thi-hoa"), (std::vector<std::string_view>{"h", "mong", "thi", "hoa"}));
  // Non-ASCII punctuation and spaces separate too, as in the index:
  // U+2019 (’), U+00A0 (no-break space), U+2013 (–), U+00B7 (·).
  EXPECT_EQ(search_words("h\u2019hen\u00a0nie\u2013y\u00b7a"),
            (std::vector<std::string_view>{"h", "hen", "nie", "y", "a"}));
  EXPECT_TRUE(name_words_begin_with("h\u2019hen nie", "hen"));
  EXPECT_TRUE(search_words(" '* ").empty());
  // The word beginning at a byte: up to the first character that separates.
  EXPECT_EQ(word_at("h\u2019hen nie", 0), "h");
  EXPECT_EQ(word_at("h\u2019hen nie", 4), "hen");
  EXPECT_EQ(word_at("h\u2019hen nie", 8), "nie");
  EXPECT_EQ(word_at("h\u2019hen nie", 7), "");
  EXPECT_EQ(word_at("\u0445\u043e\u0430 an", 0), "\u0445\u043e\u0430");
  EXPECT_TRUE(name_words_begin_with("nguyen van anh", "van an"));
  EXPECT_TRUE(name_words_begin_with("nguyen van anh", "an van"));
  EXPECT_TRUE(name_words_begin_with("h'mong thi hoa", "mong hoa"));
  EXPECT_FALSE(name_words_begin_with("nguyen van anh", "uyen"));
  EXPECT_FALSE(name_words_begin_with("nguyen van anh", "van binh"));
  EXPECT_TRUE(name_words_begin_with("nguyen van anh", ""));
}

TEST_P(PersonSearch, AProvinceSearchCountsItsMatchesUpToTheCap) {
  const auto villages = all_villages();
  ListTotal total;
  const auto first = ids(villages, "nguyen", 0, 20, &total);
  EXPECT_EQ(total.count, kSearchCountCap);
  EXPECT_TRUE(total.capped);
  ASSERT_EQ(first.size(), 20u);
  EXPECT_EQ(first.front(), 1);  // in id order
  EXPECT_EQ(first.back(), 20);
  // A page past the cap counts to its own end and one more.
  const auto later = ids(villages, "nguyen", 1000, 20, &total);
  EXPECT_EQ(total.count, 1020);
  EXPECT_TRUE(total.capped);
  EXPECT_EQ(later.front(), 1001);
  // The last page: every match counted, the count exact again (the 1,205 of
  // village 1 and the four "Nguyễn Văn An" of villages 2-5).
  const auto last = ids(villages, "nguyen", 1200, 20, &total);
  EXPECT_EQ(total.count, kNguyen + 4);
  EXPECT_FALSE(total.capped);
  EXPECT_EQ(last.size(), 9u);
  // Fewer matches than the cap: exact.
  ids(villages, "nguyen ngoc lan lan", 0, 20, &total);
  EXPECT_FALSE(total.capped);
  int64_t expected = 0;
  for (const Person& p : persons_) expected += name_words_begin_with(fold_for_search(p.name), "nguyen ngoc lan lan");
  EXPECT_EQ(total.count, expected);
  EXPECT_GT(expected, 0);
}

TEST_P(PersonSearch, AFewVillagesFindTheSamePersonsAsTheIndex) {
  // Village 1 alone is read person by person (1 of 200 villages); villages
  // 1-2 or 2-3 go through the index. Both must agree.
  const UnitId one[] = {UnitId(1)}, two[] = {UnitId(2)}, pair[] = {UnitId(2), UnitId(3)}, first_pair[] = {UnitId(1), UnitId(2)};
  for (const char* q : {"hoa", "h mong", "h'mong hoa", "mong", "thi h", "van an", "an van", "uyen", "le", "hai",
                        "nguyen", "mau", "hoa hai", "lo nam", "hen", "h\u2019hen", "nie", "\u2019", "hen nie"}) {
    SCOPED_TRACE(q);
    const auto few = ids(two, q, 0, 500);
    std::vector<int64_t> from_index;
    std::vector<PlacedPerson> page;
    store_->persons_page(pair, q, PersonFilter{}, 0, 500, page);
    for (const PlacedPerson& p : page)
      if (p.village == UnitId(2)) from_index.push_back(p.person.id.value);
    EXPECT_EQ(few, from_index);
    std::vector<int64_t> expected;
    for (const Person& p : persons_)
      if (p.household == HouseholdId(2) && name_words_begin_with(fold_for_search(p.name), q))
        expected.push_back(p.id.value);
    EXPECT_EQ(few, expected);
  }
  ListTotal a, b;
  const auto few = ids(one, "nguyen van", 0, 50, &a);
  const auto indexed = ids(first_pair, "nguyen van", 0, 50, &b);
  EXPECT_EQ(a.count, 241);  // every fifth of the 1,205 is "Văn"
  EXPECT_FALSE(a.capped);
  EXPECT_EQ(b.count, 241 + 1);  // and village 2's "Nguyễn Văn An"
  EXPECT_EQ(few, std::vector<int64_t>(indexed.begin(), indexed.end()));
  ids(one, "nguyen", 0, 20, &a);
  EXPECT_EQ(a.count, kSearchCountCap);
  EXPECT_TRUE(a.capped);
}

TEST_P(PersonSearch, AWordFindsTheNamesItBegins) {
  const auto villages = all_villages();
  ListTotal total;
  ids(villages, "quan", 0, 50, &total);  // 18 words: searched as a prefix
  EXPECT_EQ(total.count, 17 + 4);         // with the four "Quàng Thị Lan"
  ids(villages, "quana", 0, 50, &total);
  EXPECT_EQ(total.count, 17);
  const auto one = ids(villages, "quanaq thu", 0, 50, &total);  // one word
  EXPECT_EQ(total.count, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(persons_[size_t(one[0] - 1)].name, "Thử Quanaq");
  ids(villages, "quanax", 0, 50, &total);  // begins no word
  EXPECT_EQ(total.count, 0);
  ids(villages, "nguye van", 0, 50, &total);  // "nguyen", and village 2-5's "Nguyễn Văn An"
  EXPECT_EQ(total.count, 241 + 4);
}

}  // namespace
