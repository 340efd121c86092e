// The demo accounts of a demo database, for a first look at the server: an
// administrator of the province, a user of its first district, an officer
// of that district's first commune, a collaborator of that commune's first
// two villages, a member of an agency of the province, and a user of a
// second district when there is one (whose
// scope the others' records are outside of). Each gets a password of 24
// letters and digits drawn at random for this database. Nothing is made
// when the database has users already.
//
//   auto made = demo::create_demo_accounts(store, mu, today, now);   // none when it has users
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace danso::demo {

struct DemoAccount {
  std::string username, password, role, unit;
  std::vector<std::string> villages;
};

// The accounts made (empty when the database has users); an error when it
// lacks a province with a district, a commune and two villages valid `today`.
Result<std::vector<DemoAccount>> create_demo_accounts(Store& store, std::mutex& mu, Date today, int64_t now);

// One account a line: USERNAME PASSWORD ROLE UNIT [VILLAGE...].
std::string demo_logins_text(const std::vector<DemoAccount>& accounts);

}  // namespace danso::demo
