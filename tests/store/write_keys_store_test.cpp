// Idempotency keys of register writes on every engine (migration 19): a user's key
// is stored once with the record written and read back whole; the same key
// of another user is a key of its own; the database itself refuses a key
// longer than 128 characters and an answer it does not know.
#include <gtest/gtest.h>

#include "store_engines.h"

using namespace danso;

namespace {

class WriteKeysStoreTest : public danso::test::StoreEngineTest {};
DANSO_STORE_ENGINES(WriteKeysStoreTest);

UserId stored_user(Store& store, const char* name) {
  OrgUnit u;
  u.id = UnitId(1), u.code = "42", u.name = "Tỉnh Thử", u.kind = UnitKind::kProvince, u.level = 1;
  u.valid_from = Date::parse("2019-01-01").value();
  EXPECT_TRUE(store.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
  UserRecord user;
  user.username = name;
  user.password_hash = "$argon2id$not-a-real-hash";
  user.role = Role::kCollaborator;
  user.unit = UnitId(1);
  user.created_at = "2026-12-05T00:00:00Z";
  return store.insert_user(user).value();
}

TEST_P(WriteKeysStoreTest, AKeyIsKeptOncePerUserWithItsRecord) {
  auto s = open();
  ASSERT_TRUE(s.ok()) << s.error().en;
  Store& store = **s;
  const UserId a = stored_user(store, "ctv.mot");
  UserRecord second;
  second.username = "ctv.hai", second.password_hash = "x", second.role = Role::kCollaborator;
  second.unit = UnitId(1), second.created_at = "2026-12-05T00:00:00Z";
  const UserId b = store.insert_user(second).value();

  const WriteKeyRecord kept{a, "slip-0001", std::string(64, 'f'), "event", 108, 201, "2026-12-05T01:02:03Z"};
  {
    auto tx = store.begin();
    ASSERT_TRUE(store.insert_write_key(kept).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  const auto found = store.find_write_key(a, "slip-0001");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->fingerprint, std::string(64, 'f'));
  EXPECT_EQ(found->answer, "event");
  EXPECT_EQ(found->record, 108);
  EXPECT_EQ(found->status, 201);
  EXPECT_EQ(found->created_at, "2026-12-05T01:02:03Z");
  EXPECT_FALSE(store.find_write_key(a, "slip-0002"));
  EXPECT_FALSE(store.find_write_key(b, "slip-0001"));

  // The same key again for the same user is refused; for another, it is theirs.
  WriteKeyRecord again = kept;
  again.record = 109;
  const Status taken = store.insert_write_key(again);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.error().field, "Idempotency-Key");
  EXPECT_EQ(store.find_write_key(a, "slip-0001")->record, 108);
  again.user = b;
  ASSERT_TRUE(store.insert_write_key(again).ok());
  EXPECT_EQ(store.find_write_key(b, "slip-0001")->record, 109);

  // A key rolled back with its write is not kept.
  {
    auto tx = store.begin();
    WriteKeyRecord lost = kept;
    lost.key = "rolled-back";
    ASSERT_TRUE(store.insert_write_key(lost).ok());
  }
  EXPECT_FALSE(store.find_write_key(a, "rolled-back"));
}

TEST_P(WriteKeysStoreTest, TheDatabaseRefusesAKeyTooLongAndAnUnknownAnswer) {
  {
    auto s = open();
    ASSERT_TRUE(s.ok()) << s.error().en;
    stored_user(**s, "ctv.mot");
  }
  const std::string insert = "INSERT INTO write_keys(user_id, key, fingerprint, answer, record, status, created_at) VALUES ";
  EXPECT_NE(exec(insert + "(1, '" + std::string(129, 'k') + "', 'f', 'event', 1, 201, '2026-12-05T00:00:00Z')"), "");
  EXPECT_NE(exec(insert + "(1, 'k', 'f', 'report', 1, 201, '2026-12-05T00:00:00Z')"), "");
  EXPECT_NE(exec(insert + "(1, '', 'f', 'event', 1, 201, '2026-12-05T00:00:00Z')"), "");
  EXPECT_EQ(exec(insert + "(1, '" + std::string(128, 'k') + "', 'f', 'birth', 1, 201, '2026-12-05T00:00:00Z')"), "");
}

}  // namespace
