// A training plan file (format "danso-training/1", docs/programme.md §3):
// read and checked whole into a TrainingPlanRecord (without its unit id,
// digest and import time, which the import adds). Every problem names its
// place in the file ("groups[2].targets[0].coverage_percent") in Vietnamese
// and English; a file with any problem is refused whole.
//
//   auto plan = read_training_file(json_text);  // Result<TrainingPlanRecord>, or the first problem
#pragma once

#include <string_view>

#include "core/result.h"
#include "store/training_store.h"

namespace danso {

Result<TrainingPlanRecord> read_training_file(std::string_view json_text);

}  // namespace danso
