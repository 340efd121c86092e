// COPY's binary format as PgBinaryCopyReader reads it (store/postgres/
// pg_conn.h): a stream made here by hand, whole and cut at every byte, with
// NULLs, dates before 2000 and text of several bytes a character; streams
// that are not one refused; and, against a server (DANSO_TEST_PG, scripts/
// pg_cluster.sh; skipped without), the values PgConn::copy_out reads equal
// those of the same query read as text, and a connection lost in the middle
// of a COPY throws StoreUnavailable while the next call connects again.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/pg_test_database.h"
#include "store/postgres/pg_conn.h"

using namespace danso;
using danso::pg::PgBinaryCopyReader;
using danso::pg::PgBinaryRow;

namespace {

// Bytes of a stream, in network byte order.
struct CopyBytes {
  std::string out;
  CopyBytes& be(int64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) out.push_back(char((uint64_t(v) >> (8 * i)) & 0xff));
    return *this;
  }
  CopyBytes& header(std::string_view extension = {}) {
    out.append("PGCOPY\n\377\r\n", 10).push_back('\0');
    be(0, 4).be(int64_t(extension.size()), 4);
    out.append(extension);
    return *this;
  }
  CopyBytes& tuple(int fields) { return be(fields, 2); }
  CopyBytes& field(int64_t v, int n) { return be(n, 4).be(v, n); }
  CopyBytes& text(std::string_view t) {
    be(int64_t(t.size()), 4);
    out.append(t);
    return *this;
  }
  CopyBytes& null() { return be(-1, 4); }
  CopyBytes& trailer() { return be(-1, 2); }
};

// What one row read (of COPY's binary format or of a query's text): each
// field as a line, for comparing.
template <typename Row>
std::vector<std::string> describe(const Row& r) {
  std::vector<std::string> out;
  out.push_back(std::to_string(r.i64(0)) + (r.is_null(0) ? " null" : ""));
  out.push_back(std::to_string(r.i32(1)));
  out.push_back(r.is_null(2) ? "null" : r.date(2).iso());
  out.push_back(r.opt_date(3) ? r.opt_date(3)->iso() : "none");
  out.push_back(r.boolean(4) ? "true" : "false");
  out.push_back("'" + std::string(r.text(5)) + "'" + (r.is_null(5) ? " null" : ""));
  out.push_back(std::to_string(r.i64(6)));
  return out;
}

const std::string kName = "Nguyễn Thị Ánh 𝄞";  // 2-, 3- and 4-byte characters

std::string two_rows() {
  CopyBytes b;
  b.header("ext");
  b.tuple(7).field(-9'000'000'000, 8).field(-5, 2).field(-1, 4).null().field(1, 1).text(kName).field(2147483647, 4);
  // 1900-01-01 is 36,524 days before 2000-01-01.
  b.tuple(7).null().null().field(-36524, 4).field(9132, 4).null().text("").field(-32768, 2);
  return b.trailer().out;
}

const std::vector<std::vector<std::string>> kTwoRows = {
    {"-9000000000", "-5", "1999-12-31", "none", "true", "'" + kName + "'", "2147483647"},
    {"0 null", "0", "1900-01-01", "2025-01-01", "false", "''", "-32768"},
};

std::vector<std::vector<std::string>> read_in_pieces(const std::string& stream, size_t cut) {
  std::vector<std::vector<std::string>> rows;
  PgBinaryCopyReader reader;
  auto fn = [&](const PgBinaryRow& r) { rows.push_back(describe(r)); };
  reader.feed(std::string_view(stream).substr(0, cut), fn);
  reader.feed(std::string_view(stream).substr(cut), fn);
  reader.finish();
  return rows;
}

TEST(PgBinaryCopy, ReadsNullsDatesBefore2000AndMultibyteTextWhereverTheStreamIsCut) {
  const std::string stream = two_rows();
  for (size_t cut = 0; cut <= stream.size(); ++cut) EXPECT_EQ(read_in_pieces(stream, cut), kTwoRows) << "cut at " << cut;
  // An empty text is no NULL; a NULL text reads as "".
  PgBinaryCopyReader reader;
  std::vector<bool> nulls;
  reader.feed(CopyBytes().header().tuple(2).text("").null().trailer().out, [&](const PgBinaryRow& r) {
    EXPECT_EQ(r.size(), 2);
    nulls = {r.is_null(0), r.is_null(1)};
  });
  reader.finish();
  EXPECT_EQ(nulls, (std::vector<bool>{false, true}));
}

TEST(PgBinaryCopy, RefusesWhatIsNotAStream) {
  auto read = [](const std::string& stream) {
    PgBinaryCopyReader reader;
    reader.feed(stream, [](const PgBinaryRow&) {});
    reader.finish();
  };
  std::string text_copy = "PGCOPY\n\377\r\n";  // no zero byte: COPY's text format would not start so either
  text_copy += "X00000000000";
  EXPECT_THROW(read(text_copy), pg::PgError);
  EXPECT_THROW(read("1\t2\n"), pg::PgError);
  const std::string whole = two_rows();
  EXPECT_THROW(read(whole.substr(0, whole.size() - 2)), pg::PgError);  // no trailer
  EXPECT_THROW(read(whole.substr(0, whole.size() - 5)), pg::PgError);  // a tuple cut short
  EXPECT_THROW(read(whole + CopyBytes().tuple(0).out), pg::PgError);   // after the trailer
  try {
    read("1\t2\n");
  } catch (const pg::PgError& e) {
    EXPECT_EQ(e.sqlstate(), "22P04");
    EXPECT_NE(std::string(e.what()).find("not a binary COPY stream"), std::string::npos) << e.what();
  }
  // A field of another size than its read expects.
  PgBinaryCopyReader reader;
  reader.feed(CopyBytes().header().tuple(2).field(7, 4).text("abc").trailer().out, [](const PgBinaryRow& r) {
    EXPECT_EQ(r.i64(0), 7);
    EXPECT_THROW((void)r.i64(1), pg::PgError);
    EXPECT_THROW((void)r.date(1), pg::PgError);
    EXPECT_THROW((void)r.boolean(0), pg::PgError);
  });
  // A column the tuple does not have, a day outside the years 1 to 9999
  // ('infinity'), a NULL date.
  int rows = 0;
  PgBinaryCopyReader short_rows;
  short_rows.feed(CopyBytes().header().tuple(3).field(2147483647, 4).field(-730119, 4).null().trailer().out,
                  [&](const PgBinaryRow& r) {
                    ++rows;
                    EXPECT_THROW((void)r.i64(3), pg::PgError);
                    EXPECT_THROW((void)r.text(-1), pg::PgError);
                    EXPECT_THROW((void)r.is_null(7), pg::PgError);
                    EXPECT_THROW((void)r.date(0), pg::PgError);
                    EXPECT_EQ(r.date(1).iso(), "0001-01-01");
                    EXPECT_THROW((void)r.date(2), pg::PgError);
                    EXPECT_EQ(r.opt_date(2), std::nullopt);
                  });
  short_rows.finish();
  EXPECT_EQ(rows, 1);
  // Header flags of what changes the tuples (16: OIDs) are not read past.
  CopyBytes oids;
  oids.out.append("PGCOPY\n\377\r\n", 10).push_back('\0');
  oids.be(int64_t(1) << 16, 4).be(0, 4).tuple(1).field(1, 4).trailer();
  EXPECT_THROW(read(oids.out), pg::PgError);
}

bool no_server() { return test::PgTestDatabase::server().empty(); }

TEST(PgBinaryCopy, TheServersRowsReadAsTheSameQueryReadAsText) {
  if (no_server()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  pg::PgConn conn(db.location());
  const std::string select =
      "SELECT v.a::int8, v.b::int4, v.c::date, v.d::date, v.e::bool, v.f::text, v.g::int2 FROM (VALUES "
      "(-9000000000, -5, '1999-12-31', NULL, true, '" + kName + "', 32767), "
      "(NULL, NULL, '1900-01-01', '2025-01-01', false, NULL, -32768), "
      "(0, 2147483647, '2000-01-01', '2099-12-31', NULL, '', 1)) v(a, b, c, d, e, f, g) ORDER BY v.c";
  std::vector<std::vector<std::string>> copied, queried;
  conn.copy_out("COPY (" + select + ") TO STDOUT (FORMAT binary)",
                [&](const PgBinaryRow& r) { copied.push_back(describe(r)); });
  const pg::PgResult r = conn.query(select);
  for (int i = 0; i < r.rows(); ++i) queried.push_back(describe(pg::PgRow{r, i}));
  ASSERT_EQ(copied.size(), 3u);
  EXPECT_EQ(copied, queried);
  EXPECT_EQ(copied[0], (std::vector<std::string>{"0 null", "0", "1900-01-01", "2025-01-01", "false", "'' null",
                                                 "-32768"}));
  EXPECT_EQ(copied[1][0], "-9000000000");
  EXPECT_EQ(copied[1][5], "'" + kName + "'");
  EXPECT_EQ(copied[2][3], "2099-12-31");

  // A failing statement is the server's error; the connection goes on.
  try {
    conn.copy_out("COPY (SELECT 1 / 0) TO STDOUT (FORMAT binary)", [](const PgBinaryRow&) {});
    ADD_FAILURE() << "a division by zero was read";
  } catch (const pg::PgError& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
  }
  // A callback that throws ends the reading; the rest of the COPY is
  // drained, and the connection goes on.
  int seen = 0;
  EXPECT_THROW(conn.copy_out("COPY (SELECT g FROM generate_series(1, 1000) g) TO STDOUT (FORMAT binary)",
                             [&](const PgBinaryRow&) {
                               if (++seen == 10) throw std::runtime_error("enough");
                             }),
               std::runtime_error);
  EXPECT_EQ(seen, 10);
  EXPECT_EQ(conn.query("SELECT 41 + 1").i64(0, 0), 42);
}

TEST(PgBinaryCopy, AConnectionLostDuringTheCopyIsUnavailableAndTheNextCallConnectsAgain) {
  if (no_server()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  pg::PgConn conn(db.location());
  // Far more than the sockets hold: the server is still sending when it
  // ends the connection (as a restart or a network cut would).
  const std::string copy =
      "COPY (SELECT g::int8, repeat('x', 200) FROM generate_series(1, 2000000) g) TO STDOUT (FORMAT binary)";
  for (const bool in_transaction : {false, true}) {
    SCOPED_TRACE(in_transaction ? "inside a read transaction" : "on its own");
    if (in_transaction) conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    int64_t rows = 0;
    try {
      conn.copy_out(copy, [&](const PgBinaryRow& r) {
        if (++rows > 1) return;
        EXPECT_EQ(r.i64(0), 1);
        EXPECT_EQ(test::PgTestDatabase::run_on(test::PgTestDatabase::server(),
                                               "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                                                   db.name() + "' AND pid <> pg_backend_pid()"),
                  "");
      });
      ADD_FAILURE() << "the COPY ended as if whole";
    } catch (const StoreUnavailable& e) {
      EXPECT_EQ(e.error().code, ErrorCode::kUnavailable);
      EXPECT_NE(e.error().en.find("connection to the PostgreSQL server was lost"), std::string::npos) << e.error().en;
      EXPECT_NE(e.error().vi.find("mất kết nối"), std::string::npos);
    }
    EXPECT_GE(rows, 1);
    EXPECT_LT(rows, 2'000'000);
    if (in_transaction) {
      // The rest of the transaction is refused, not run outside it, until it ends.
      EXPECT_THROW((void)conn.query("SELECT 1"), StoreUnavailable);
      conn.exec("ROLLBACK");
    }
    // Connected again: the next COPY reads all of its rows.
    int64_t sum = 0;
    conn.copy_out("COPY (SELECT g::int4 FROM generate_series(1, 100) g) TO STDOUT (FORMAT binary)",
                  [&](const PgBinaryRow& r) { sum += r.i64(0); });
    EXPECT_EQ(sum, 5050);
  }
}

}  // namespace
