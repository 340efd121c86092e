// The generator's working state: the batch being built and, per person, what
// the simulation needs to keep events consistent (alive, household, spouse,
// parity, contraceptive method).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "app/demo_province/generator.h"
#include "app/demo_province/random.h"

namespace danso::demo {

// A number written with leading zeros to `width` digits (codes, citizen IDs).
inline std::string pad(int64_t v, int width) {
  std::string s = std::to_string(v);
  return std::string(size_t(std::max(0, width - int(s.size()))), '0') + s;
}

enum class CommuneKind { kUrban, kPlain, kCoastal, kMountain };

// Appends a unit of the generated tree to `units`, numbered after the last,
// in force from `from`, under `parent` (none for a province).
inline const OrgUnit& append_unit(std::vector<OrgUnit>& units, std::string code, std::string name, UnitKind kind,
                                  int level, const OrgUnit* parent, Date from) {
  OrgUnit u;
  u.id = UnitId(int64_t(units.size()) + 1);
  u.code = std::move(code);
  u.name = std::move(name);
  u.kind = kind;
  u.level = level;
  if (parent) u.parent = parent->id, u.parent_code = parent->code;
  u.valid_from = from;
  units.push_back(std::move(u));
  return units.back();
}

struct CommuneInfo {
  int32_t unit_index;        // into batch.units
  CommuneKind kind;
  double tfr;                // the commune's fertility level
  std::vector<int32_t> villages;  // indexes into World::villages
};

struct CollaboratorSpan {
  int32_t start, end;  // day numbers, inclusive
  int64_t staff_id;
};

struct VillageInfo {
  int32_t unit_index;
  int32_t commune;  // index into World::communes
  std::vector<int32_t> households;
  std::vector<CollaboratorSpan> collaborators;
};

struct PersonState {
  bool alive = true;
  int32_t household = -1;  // current household index, -1 when gone
  int32_t village = -1;
  int32_t spell_start = 0;
  int32_t spouse = -1;     // person index
  int8_t marital = 0;      // 0 single, 1 married, 2 widowed, 3 divorced
  int8_t method = -1;      // ContraceptiveMethod or -1
  int32_t method_since = 0;
  int16_t parity = 0;
  int32_t last_birth = -1000000;
  int32_t last_loss = -1000000;  // the day of the last pregnancy lost
};

struct PendingEvent {
  int32_t date;
  int64_t seq;
  VitalEvent event;
};

struct World {
  DemoOptions opt;
  Random rng;
  RegisterBatch batch;
  std::vector<CommuneInfo> communes;
  std::vector<VillageInfo> villages;
  std::vector<PersonState> state;          // by person index (id - 1)
  std::vector<int32_t> household_village;  // by household index
  std::vector<PendingEvent> events;
  int64_t seq = 0;
  int32_t start_day = 0, end_day = 0;      // simulation range, inclusive

  explicit World(const DemoOptions& o) : opt(o), rng(o.seed) {}
  void progress(std::string_view stage, double f) const {
    if (opt.progress) opt.progress(stage, f);
  }
  bool minority(int32_t village) const {
    return communes[size_t(villages[size_t(village)].commune)].kind == CommuneKind::kMountain;
  }
  const OrgUnit& village_unit(int32_t village) const {
    return batch.units[size_t(villages[size_t(village)].unit_index)];
  }
  int64_t collaborator_on(int32_t village, int32_t day) const;
  // Queues an event of the person's current village.
  void emit(VitalEvent e, int32_t village);
};

// The whole generator without checking its options (generate() checks
// them; the national register makes its parts with it).
RegisterBatch generate_unchecked(const DemoOptions& options);

void build_units(World& w);
void build_population(World& w);
void build_staff(World& w);
void simulate(World& w);

}  // namespace danso::demo
