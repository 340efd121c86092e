// Precision and bands of the indicator catalogue (docs/indicators.md): the
// defaults, a catalogue file setting them, and bad values refused.
#include <gtest/gtest.h>

#include "analytics/indicator_catalogue.h"

namespace danso::analytics {
namespace {

TEST(IndicatorBands, EveryDefaultIndicatorDeclaresItsPrecision) {
  const auto cat = IndicatorCatalogue::defaults();
  for (const auto& d : cat.definitions()) {
    if (d.kind == IndicatorKind::kCount) {
      EXPECT_EQ(d.precision, 0) << d.code;
    }
  }
  EXPECT_EQ(cat.find("tfr")->precision, 2);
  EXPECT_EQ(cat.find("rni")->precision, 1);  // 6.69 shows as 6.7, not 7
  EXPECT_EQ(cat.find("cbr")->precision, 1);
  EXPECT_EQ(cat.find("srb")->precision, 1);
  EXPECT_EQ(cat.find("e0")->precision, 1);
  EXPECT_EQ(cat.find("cpr_modern")->precision, 1);
  EXPECT_EQ(cat.find("births")->precision, 0);
}

TEST(IndicatorBands, AValueBelongsToTheFirstBandAboveIt) {
  const auto cat = IndicatorCatalogue::defaults();
  const auto* tfr = cat.find("tfr");
  ASSERT_EQ(tfr->bands.size(), 3u);
  EXPECT_EQ(tfr->band_of(1.79)->en, "Below replacement");
  EXPECT_EQ(tfr->band_of(1.8)->en, "Replacement");  // 1.8 is not below 1.8
  EXPECT_EQ(tfr->band_of(2.3)->en, "Replacement");  // inclusive
  EXPECT_EQ(tfr->band_of(2.31)->en, "High");
  EXPECT_EQ(tfr->band_of(2.31)->colour, "#c0392b");
  const auto* srb = cat.find("srb");
  ASSERT_EQ(srb->bands.size(), 3u);
  EXPECT_EQ(srb->band_of(102.9)->vi, "Dưới mức sinh học bình thường");
  EXPECT_EQ(srb->band_of(105)->vi, "Mức sinh học bình thường");
  EXPECT_EQ(srb->band_of(107)->vi, "Mất cân bằng giới tính khi sinh");
  const auto* cpr = cat.find("cpr_modern");
  ASSERT_EQ(cpr->bands.size(), 2u);
  EXPECT_EQ(cpr->band_of(69.9)->colour, "#c0392b");
  EXPECT_EQ(cpr->band_of(70)->colour, "#2e8b57");
  EXPECT_EQ(cat.find("cbr")->band_of(20), nullptr);
}

TEST(IndicatorBands, ACatalogueFileSetsThem) {
  auto cat = IndicatorCatalogue::defaults();
  ASSERT_TRUE(cat.merge_json(nlohmann::json::parse(R"([
    {"code":"men_share","kind":"ratio","numerator":["population_end_male"],"denominator":["population_end"],
     "multiplier":100,"precision":3,
     "bands":[{"upper":45,"vi":"Ít","en":"Few","colour":"#AABBCC"},{"upper":null,"upper_inclusive":false,"vi":"Nhiều","en":"Many","colour":"#000000"}]},
    {"code":"men","kind":"count","measure":"population_end_male"},
    {"code":"women_share","kind":"ratio","numerator":["population_end_female"],"denominator":["population_end"]}])"))
                  .ok());
  EXPECT_EQ(cat.find("men_share")->precision, 3);
  ASSERT_EQ(cat.find("men_share")->bands.size(), 2u);
  EXPECT_EQ(*cat.find("men_share")->bands[0].upper, 45);
  EXPECT_FALSE(cat.find("men_share")->bands[1].upper.has_value());
  EXPECT_EQ(cat.find("men")->precision, 0);          // a count: whole numbers
  EXPECT_EQ(cat.find("women_share")->precision, 1);  // else one decimal
}

TEST(IndicatorBands, BadValuesAreRefusedNamingTheIndicator) {
  const std::pair<const char*, const char*> cases[] = {
      {R"("precision":7)", "'precision' must be a whole number from 0 to 6"},
      {R"("precision":1.5)", "'precision' must be a whole number from 0 to 6"},
      {R"("precision":"2")", "'precision' must be a whole number from 0 to 6"},
      {R"("bands":{})", "'bands' must be an array"},
      {R"("bands":[{"upper":2,"vi":"a","en":"a","colour":"#123456"},{"upper":1,"vi":"b","en":"b","colour":"#123456"}])",
       "the bands' 'upper' must increase"},
      {R"("bands":[{"vi":"a","en":"a","colour":"#123456"},{"upper":1,"vi":"b","en":"b","colour":"#123456"}])",
       "only the last band may have no 'upper'"},
      {R"("bands":[{"upper":1,"en":"a","colour":"#123456"}])", "each band needs 'vi'"},
      {R"("bands":[{"upper":1,"vi":"a","en":"a","colour":"red"}])", "colour 'red' must look like #rrggbb"},
      {R"("bands":[{"upper":"1","vi":"a","en":"a","colour":"#123456"}])", "'upper' must be a number or null"},
      {R"("bands":[{"upper":1,"upper_inclusive":1,"vi":"a","en":"a","colour":"#123456"}])",
       "'upper_inclusive' must be true or false"},
  };
  for (const auto& [extra, message] : cases) {
    auto cat = IndicatorCatalogue::defaults();
    const std::string text = std::string(R"([{"code":"x","kind":"count","measure":"births",)") + extra + "}]";
    const auto st = cat.merge_json(nlohmann::json::parse(text));
    ASSERT_FALSE(st.ok()) << text;
    EXPECT_EQ(st.error().en, std::string("indicator x: ") + message) << text;
    EXPECT_FALSE(st.error().vi.empty());
    EXPECT_EQ(cat.find("x"), nullptr);  // nothing half-merged
  }
}

}  // namespace
}  // namespace danso::analytics
