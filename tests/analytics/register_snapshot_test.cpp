// A person's state on a day read in one scan (state_on), and on two days
// at once (states_on), agrees with the rules it stands for (married_on,
// last_mark), on random marks: marriages and divorces, contraception
// started, changed and stopped, several on the same day, none at all.
#include <gtest/gtest.h>

#include <random>

#include "analytics/register_snapshot.h"

using namespace danso::analytics;

namespace {

std::vector<PersonMark> random_marks(std::mt19937& rng) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<PersonMark> marks;
  int32_t day = uniform(0, 100);
  for (int n = uniform(0, 6); n > 0; --n) {
    day += uniform(0, 40);  // by date, some on the same day
    if (uniform(0, 1))
      marks.push_back({day, PersonMark::kMarital, int8_t(uniform(0, 1))});
    else
      marks.push_back({day, PersonMark::kContraception, int8_t(uniform(-1, 8))});
  }
  return marks;
}

// What the rules say of `on`.
StateOnDay by_the_rules(const std::vector<PersonMark>& marks, int32_t on, bool married_now) {
  const PersonMark* m = RegisterSnapshot::last_mark(marks.data(), marks.size(), PersonMark::kContraception, on);
  return {RegisterSnapshot::married_on(marks.data(), marks.size(), on, married_now), m ? m->value : int8_t(-1)};
}

}  // namespace

TEST(StateOn, TwoDaysAtOnceAgreeWithMarriedOnAndLastMarkOnEach) {
  std::mt19937 rng(7);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int differ = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    const std::vector<PersonMark> marks = random_marks(rng);
    const bool married_now = uniform(0, 1) == 1;
    const int32_t first = uniform(0, 400);
    const int32_t second = first + (uniform(0, 3) ? uniform(0, 200) : 0);  // the same day now and then
    const StatesOnTwoDays st = states_on(marks.data(), marks.size(), first, second, married_now);
    const StateOnDay a = by_the_rules(marks, first, married_now), b = by_the_rules(marks, second, married_now);
    EXPECT_EQ(st.first.married, a.married) << trial;
    EXPECT_EQ(st.first.method, a.method) << trial;
    EXPECT_EQ(st.second.married, b.married) << trial;
    EXPECT_EQ(st.second.method, b.method) << trial;
    differ += a.married != b.married || a.method != b.method;
  }
  // The two days' states differ often enough for the second day to be tested.
  EXPECT_GT(differ, 2000);
}

TEST(StateOn, AgreesWithMarriedOnAndLastMark) {
  std::mt19937 rng(5);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int trial = 0; trial < 20000; ++trial) {
    const std::vector<PersonMark> marks = random_marks(rng);
    const bool married_now = uniform(0, 1) == 1;
    const int32_t on = uniform(0, 400);
    const StateOnDay st = state_on(marks.data(), marks.size(), on, married_now);
    const StateOnDay expected = by_the_rules(marks, on, married_now);
    EXPECT_EQ(st.married, expected.married) << trial;
    EXPECT_EQ(st.method, expected.method) << trial;
  }
}
