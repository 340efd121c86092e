// Persons registered twice (core/duplicate_persons.h): the pairs and why.
#include <gtest/gtest.h>

#include "core/duplicate_persons.h"

using namespace danso;

namespace {

DuplicateKey key(int64_t id, const char* name, const char* born, const char* cid = "", int64_t mother = 0) {
  return {PersonId(id), name, Date::parse(born).value(), cid, mother ? PersonId(mother) : PersonId()};
}

std::vector<std::tuple<int64_t, int64_t, DuplicateReason>> flat(const std::vector<DuplicatePair>& pairs) {
  std::vector<std::tuple<int64_t, int64_t, DuplicateReason>> out;
  for (const DuplicatePair& p : pairs) out.emplace_back(p.first.value, p.second.value, p.reason);
  return out;
}

TEST(DuplicatePersons, PairsByCitizenIdOrByNameBirthAndMother) {
  const DuplicateKey persons[] = {
      key(9, "nguyen van an", "1990-01-02"),
      key(3, "nguyen van an", "1990-01-02"),                       // 3-9: name and birth, no mothers known
      key(5, "nguyen van an", "1990-01-03"),                       // another day: no pair
      key(20, "le thi hoa", "2020-06-01", "", 100),
      key(21, "le thi hoa", "2020-06-01", "", 100),                // same mother
      key(22, "le thi hoa", "2020-06-01", "", 101),                // another mother: not 20's nor 21's
      key(30, "tran minh", "1985-05-05", "001085000123"),
      key(31, "tran van minh", "1985-05-06", "001085000123"),      // same citizen ID, names differ
      key(40, "do thi mau", "1970-01-01", "001170000999"),
      key(41, "do thi mau", "1970-01-01", "001170000999"),         // both: the citizen ID is the reason
      key(50, "vu van binh", "2001-07-07", "001201000001"),
      key(51, "vu van binh", "2001-07-07", "001201000002"),         // two citizen IDs: two persons
      key(52, "vu van binh", "2001-07-07"),                         // pairs with each
  };
  EXPECT_EQ(flat(duplicate_pairs(persons, {})),
            (std::vector<std::tuple<int64_t, int64_t, DuplicateReason>>{
                {3, 9, DuplicateReason::kNameAndBirth},
                {20, 21, DuplicateReason::kSameMother},
                {30, 31, DuplicateReason::kCitizenId},
                {40, 41, DuplicateReason::kCitizenId},
                {50, 52, DuplicateReason::kNameAndBirth},
                {51, 52, DuplicateReason::kNameAndBirth},
            }));
  // 22's mother is unknown to neither 20 nor 21: no pair. Without the
  // mothers, all three would pair.
  const DuplicateKey no_mothers[] = {key(20, "le thi hoa", "2020-06-01"), key(21, "le thi hoa", "2020-06-01"),
                                     key(22, "le thi hoa", "2020-06-01", "", 101)};
  EXPECT_EQ(duplicate_pairs(no_mothers, {}).size(), 3u);
  // A dismissed pair is left out, whichever way it is given.
  const std::pair<PersonId, PersonId> dismissed[] = {{PersonId(9), PersonId(3)}, {PersonId(30), PersonId(31)}};
  EXPECT_EQ(flat(duplicate_pairs(persons, dismissed)),
            (std::vector<std::tuple<int64_t, int64_t, DuplicateReason>>{
                {20, 21, DuplicateReason::kSameMother},
                {40, 41, DuplicateReason::kCitizenId},
                {50, 52, DuplicateReason::kNameAndBirth},
                {51, 52, DuplicateReason::kNameAndBirth},
            }));
  EXPECT_TRUE(duplicate_pairs(std::span<const DuplicateKey>(), {}).empty());
}

}  // namespace
