// The demographic shapes of the demo province, as constants.
// Sources: UN World Population Prospects 2019, Viet Nam (../shared/data/
// wpp2019-vietnam/): population by sex and 5-year age group in 2020
// (thousands), death rates nMx for 2015-2020, percentage age distribution of
// fertility for 2015-2020. Sex ratio at birth and contraceptive method mix
// set near Viet Nam's published levels (SRB ~111; modern CPR ~66%).
#pragma once

#include <array>

namespace danso::demo {

// Population 2020 by 5-year group 0-4 ... 95-99, 100+ (thousands).
inline constexpr std::array<double, 21> kPopFemale2020 = {
    3727.629, 3581.342, 3364.138, 3136.022, 3320.02, 4205.672, 4158.118, 3848.234, 3508.287, 3272.305, 2960.411,
    2711.511, 2318.81,  1672.277, 987.156,  703.519, 562.519,  416.16,   195.571,  72.544,   18.084};
inline constexpr std::array<double, 21> kPopMale2020 = {
    4164.842, 4004.759, 3734.036, 3364.847, 3500.183, 4363.621, 4278.909, 3915.663, 3525.539, 3266.831, 2907.946,
    2530.1,   2012.144, 1339.456, 664.802,  422.995,  298.067,  193.013,  79.054,   25.681,   5.766};

// nMx 2015-2020 for ages 0, 1-4, 5-9, ..., 95-99, 100+.
inline constexpr std::array<double, 22> kMxMale = {0.01919, 0.00136, 0.00053, 0.00046, 0.001,   0.00161,
                                                   0.00202, 0.00237, 0.00282, 0.004,   0.00562, 0.00914,
                                                   0.01344, 0.01811, 0.02848, 0.04137, 0.05978, 0.08567,
                                                   0.12125, 0.16869, 0.22943, 0.31818182};
inline constexpr std::array<double, 22> kMxFemale = {0.01451, 0.00076, 0.00051, 0.00047, 0.00048, 0.00056,
                                                     0.00066, 0.00077, 0.00108, 0.00152, 0.00214, 0.0033,
                                                     0.00547, 0.00812, 0.01453, 0.02349, 0.0377,  0.0599,
                                                     0.09369, 0.14322, 0.21194, 0.316293};

// Percentage of fertility by mother's age group 15-19 ... 45-49 (2015-2020).
inline constexpr std::array<double, 7> kFertilityShare = {7.52311, 27.80283, 32.87313, 20.79296,
                                                          8.48998, 2.24606,  0.27194};

// Boys per 100 girls at birth: first and second births, third and later.
inline constexpr double kSrbLowOrder = 110.0;
inline constexpr double kSrbHighOrder = 116.0;

// Modern methods among users (IUD, pill, condom, injectable, implant, female
// and male sterilisation, other modern), and the share of users on a
// traditional method.
inline constexpr std::array<double, 8> kModernMix = {0.45, 0.22, 0.20, 0.05, 0.03, 0.04, 0.005, 0.005};
inline constexpr double kTraditionalShare = 0.13;

}  // namespace danso::demo
