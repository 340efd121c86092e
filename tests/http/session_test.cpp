// Signing in and out through the API: the cookie, wrong password and unknown
// user alike, throttling, timeouts, CSRF, disabling, password reset, TOTP.
#include "app/accounts/totp.h"
#include "http_fixture.h"

namespace danso::test {
namespace {

using verb = http::bhttp::verb;

TEST_F(ApiTest, SignInSetsAHostOnlyCookieAndReturnsTheUserAndCsrfToken) {
  add_user("qt.tinh", "administrator", "99");
  Browser b;
  const Reply r = sign_in(b, "qt.tinh", kPassword);
  ASSERT_EQ(r.status, 200u) << r.text;
  EXPECT_EQ(r.body["user"]["username"], "qt.tinh");
  EXPECT_EQ(r.body["user"]["role"], "administrator");
  EXPECT_EQ(r.body["user"]["unit"], "99");
  EXPECT_EQ(r.body["user"]["unit_name"], "Tỉnh Thử");
  EXPECT_FALSE(r.body["user"].contains("password_hash"));
  EXPECT_EQ(r.body["csrf_token"].get<std::string>().size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(r.body["expires_at"], "2025-06-16T03:06:40Z");           // 12 h after sign-in
  const std::string cookie = r.header("Set-Cookie");
  EXPECT_EQ(cookie.rfind("__Host-danso_session=", 0), 0u) << cookie;
  EXPECT_EQ(b.cookie.size(), std::string("__Host-danso_session=").size() + 43);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);  // loopback host
  EXPECT_EQ(cookie.find("Domain"), std::string::npos);
  EXPECT_EQ(r.header("Cache-Control"), "no-store");

  const Reply me = call(&b, verb::get, "/api/v1/session");
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.body["user"]["username"], "qt.tinh");
  EXPECT_EQ(me.body["csrf_token"], b.csrf);
  EXPECT_EQ(me.body["permissions"].size(), 9u);  // an administrator has every permission

  // The store keeps only the token's hash.
  const std::string token = b.cookie.substr(b.cookie.find('=') + 1);
  EXPECT_TRUE(store_->find_session(accounts::sha256_hex(token)).has_value());
  EXPECT_FALSE(store_->find_session(token).has_value());
}

TEST_F(ApiTest, CookieIsSecureOverTlsAndNotOnAPlainHttpHostName) {
  add_user("qt.tinh", "administrator", "99");
  Browser b;
  nlohmann::json body{{"username", "qt.tinh"}, {"password", kPassword}};
  Reply plain = call(&b, verb::post, "/api/v1/session", body, false, "danso.example:8080");
  ASSERT_EQ(plain.status, 200u);
  EXPECT_EQ(plain.header("Set-Cookie").find("Secure"), std::string::npos);
  ctx_->options.tls = true;
  Reply tls = call(&b, verb::post, "/api/v1/session", body, false, "danso.example");
  ASSERT_EQ(tls.status, 200u);
  EXPECT_NE(tls.header("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(ApiTest, WrongPasswordAndUnknownUserFailAlike) {
  add_user("qt.tinh", "administrator", "99");
  add_user("cb.khoa", "viewer", "990");
  accounts::UserChange off;
  off.disabled = true;
  ASSERT_TRUE(ctx_->accounts.update_user(nullptr, store_->find_user_by_name("cb.khoa")->id, off, now_).ok());
  Browser b;
  const Reply wrong = sign_in(b, "qt.tinh", "Sai-mat-khau-9999");
  const Reply unknown = sign_in(b, "khong.co.ai", "Sai-mat-khau-9999");
  const Reply disabled = sign_in(b, "cb.khoa", kPassword);
  EXPECT_EQ(wrong.status, 401u);
  EXPECT_EQ(unknown.status, 401u);
  EXPECT_EQ(disabled.status, 401u);
  EXPECT_EQ(wrong.text, unknown.text);
  EXPECT_EQ(wrong.text, disabled.text);
  EXPECT_EQ(wrong.body["error"]["code"], "unauthenticated");
  EXPECT_EQ(wrong.body["error"]["message_en"], "wrong user name or password");
  EXPECT_EQ(wrong.body["error"]["message_vi"], "tên đăng nhập hoặc mật khẩu không đúng");
  EXPECT_TRUE(wrong.header("Set-Cookie").empty());
  EXPECT_EQ(wrong.header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(wrong.header("Content-Security-Policy").empty());
  EXPECT_EQ(store_->count_rows(StoredTable::kSessions), 0);
}

TEST_F(ApiTest, SignInIsThrottledPerUserNameAndPerAddress) {
  add_user("qt.tinh", "administrator", "99");
  add_user("cb.huyen", "district_staff", "990");
  Browser b;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sign_in(b, "qt.tinh", "Sai-mat-khau-" + std::to_string(i)).status, 401u);
  // The right password is refused too, known and unknown names alike.
  Reply r = sign_in(b, "qt.tinh", kPassword);
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(r.body["error"]["code"], "too_many_requests");
  EXPECT_EQ(r.header("Retry-After"), "900");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sign_in(b, "khong.co.ai", "Sai-mat-khau-" + std::to_string(i)).status, 401u);
  EXPECT_EQ(sign_in(b, "khong.co.ai", "Sai-mat-khau-x").status, 429u);
  // Another name from the same address still signs in.
  Browser other = b;
  EXPECT_EQ(sign_in(other, "cb.huyen", kPassword).status, 200u);
  // After the window the name is free again.
  now_ += 15 * 60 + 1;
  EXPECT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);

  // Per address: 20 failures over many names close the address, not others.
  Browser attacker;
  attacker.remote = "198.51.100.7";
  for (int i = 0; i < 20; ++i) EXPECT_EQ(sign_in(attacker, "ten" + std::to_string(i), "Sai-mat-khau-0").status, 401u);
  EXPECT_EQ(sign_in(attacker, "cb.huyen", kPassword).status, 429u);
  Browser elsewhere;
  elsewhere.remote = "203.0.113.9";
  EXPECT_EQ(sign_in(elsewhere, "cb.huyen", kPassword).status, 200u);
}

TEST_F(ApiTest, SessionsEndWhenIdleAndAfterTheAbsoluteTimeout) {
  add_user("qt.tinh", "administrator", "99");
  Browser b;
  ASSERT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);
  now_ += 29 * 60;
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").status, 200u);  // used: idle time starts again
  now_ += 29 * 60;
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").status, 200u);
  now_ += 30 * 60;  // 30 minutes without a request
  const Reply idle = call(&b, verb::get, "/api/v1/session");
  EXPECT_EQ(idle.status, 401u);
  EXPECT_EQ(idle.body["error"]["code"], "unauthenticated");
  EXPECT_EQ(store_->count_rows(StoredTable::kSessions), 0);

  ASSERT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);
  int used = 0;
  for (int64_t t = 20 * 60; t < 12 * 3600; t += 20 * 60) {
    now_ += 20 * 60;
    used += call(&b, verb::get, "/api/v1/session").status == 200;
  }
  EXPECT_EQ(used, 35);  // every 20 minutes for 11 h 40 min
  now_ += 20 * 60;      // 12 h after sign-in
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").status, 401u);
}

TEST_F(ApiTest, ASessionIsTrustedFromMemoryForTwoSecondsThenCheckedInTheStoreAgain) {
  add_user("qt.tinh", "administrator", "99");
  Browser b;
  ASSERT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);
  ASSERT_EQ(call(&b, verb::get, "/api/v1/session").status, 200u);  // confirmed by the store
  // Another process (the command line on the same file) ends every session.
  {
    std::lock_guard<std::mutex> lock(ctx_->db.mutex());
    const UserRecord u = *store_->find_user_by_name("qt.tinh");
    ASSERT_TRUE(store_->delete_sessions_of(u.id).ok());
  }
  now_ += 1;
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").status, 200u);  // from memory
  now_ += 1;  // two seconds after the store confirmed it
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").status, 401u);
}

TEST_F(ApiTest, SignOutEndsTheSessionAndSignInRenewsIt) {
  add_user("qt.tinh", "administrator", "99");
  Browser b;
  ASSERT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);
  const Browser first = b;
  ASSERT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);  // sent with the first cookie
  EXPECT_NE(b.cookie, first.cookie);
  EXPECT_NE(b.csrf, first.csrf);
  Browser old = first;
  EXPECT_EQ(call(&old, verb::get, "/api/v1/session").status, 401u);  // the earlier session ended
  EXPECT_EQ(store_->count_rows(StoredTable::kSessions), 1);

  EXPECT_EQ(call(&b, verb::delete_, "/api/v1/session", nullptr, false).status, 403u);  // no CSRF token
  const Reply out = call(&b, verb::delete_, "/api/v1/session");
  ASSERT_EQ(out.status, 200u);
  EXPECT_NE(out.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").status, 401u);
  EXPECT_EQ(store_->count_rows(StoredTable::kSessions), 0);
}

TEST_F(ApiTest, EveryStateChangeNeedsTheCsrfToken) {
  add_user("qt.tinh", "administrator", "99");
  Browser b;
  ASSERT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);
  const nlohmann::json user{{"username", "cb.moi"}, {"password", kPassword}, {"role", "viewer"}, {"unit", "990"}};
  const Reply none = call(&b, verb::post, "/api/v1/users", user, false);
  EXPECT_EQ(none.status, 403u);
  EXPECT_EQ(none.body["error"]["code"], "csrf_failed");
  Browser forged = b;
  forged.csrf = accounts::random_token();
  EXPECT_EQ(call(&forged, verb::post, "/api/v1/users", user).status, 403u);
  EXPECT_FALSE(store_->find_user_by_name("cb.moi").has_value());
  // Another session's token does not do either.
  Browser second;
  ASSERT_EQ(sign_in(second, "qt.tinh", kPassword).status, 200u);
  forged.csrf = second.csrf;
  EXPECT_EQ(call(&forged, verb::post, "/api/v1/users", user).status, 403u);
  EXPECT_FALSE(store_->find_user_by_name("cb.moi").has_value());
  EXPECT_EQ(call(&second, verb::post, "/api/v1/users", user).status, 201u);
  EXPECT_EQ(call(&second, verb::get, "/api/v1/users", nullptr, false).status, 200u);  // reads need none
}

TEST_F(ApiTest, DisablingAUserOrResettingTheirPasswordEndsTheirSessions) {
  add_user("qt.tinh", "administrator", "99");
  const UserRecord ctv = add_user("ctv.dong", "collaborator", "99001", {"9900101"});
  Browser admin, worker;
  ASSERT_EQ(sign_in(admin, "qt.tinh", kPassword).status, 200u);
  ASSERT_EQ(sign_in(worker, "ctv.dong", kPassword).status, 200u);
  const std::string path = "/api/v1/users/" + std::to_string(ctv.id.value);

  const Reply weak = call(&admin, verb::patch, path, {{"password", "matkhau123"}});
  EXPECT_EQ(weak.status, 400u);
  EXPECT_EQ(weak.body["error"]["field"], "password");
  EXPECT_EQ(call(&worker, verb::get, "/api/v1/session").status, 200u);

  ASSERT_EQ(call(&admin, verb::patch, path, {{"password", "Suối-nguồn-trong-48"}}).status, 200u);
  EXPECT_EQ(call(&worker, verb::get, "/api/v1/session").status, 401u);
  EXPECT_EQ(sign_in(worker, "ctv.dong", kPassword).status, 401u);
  ASSERT_EQ(sign_in(worker, "ctv.dong", "Suối-nguồn-trong-48").status, 200u);

  const Reply off = call(&admin, verb::patch, path, {{"disabled", true}});
  ASSERT_EQ(off.status, 200u);
  EXPECT_EQ(off.body["user"]["disabled"], true);
  EXPECT_EQ(call(&worker, verb::get, "/api/v1/session").status, 401u);
  EXPECT_EQ(sign_in(worker, "ctv.dong", "Suối-nguồn-trong-48").status, 401u);
  ASSERT_EQ(call(&admin, verb::patch, path, {{"disabled", false}}).status, 200u);
  EXPECT_EQ(sign_in(worker, "ctv.dong", "Suối-nguồn-trong-48").status, 200u);
}

TEST_F(ApiTest, AdministratorsWithATotpSecretNeedTheCode) {
  add_user("qt.tinh", "administrator", "99");
  auto secret = ctx_->accounts.set_totp_secret(nullptr, "qt.tinh", now_);
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->size(), 32u);  // 160 bits in base32
  const auto key = *accounts::base32_decode(*secret);
  Browser b;
  const Reply missing = sign_in(b, "qt.tinh", kPassword);
  EXPECT_EQ(missing.status, 401u);
  EXPECT_EQ(missing.body["error"]["field"], "totp");
  std::string wrong = accounts::totp_code(key, now_);
  wrong[0] = wrong[0] == '9' ? '0' : char(wrong[0] + 1);
  EXPECT_EQ(sign_in(b, "qt.tinh", kPassword, wrong).status, 401u);
  EXPECT_EQ(sign_in(b, "qt.tinh", "Sai-mat-khau-0", accounts::totp_code(key, now_)).status, 401u);
  const std::string code = accounts::totp_code(key, now_);
  const Reply ok = sign_in(b, "qt.tinh", kPassword, code);
  ASSERT_EQ(ok.status, 200u) << ok.text;
  EXPECT_EQ(ok.body["user"]["totp"], true);
  // A code is good once.
  Browser replay;
  EXPECT_EQ(sign_in(replay, "qt.tinh", kPassword, code).status, 401u);
  now_ += 30;
  EXPECT_EQ(sign_in(replay, "qt.tinh", kPassword, accounts::totp_code(key, now_)).status, 200u);
}

TEST_F(ApiTest, AUserTurnsOnTwoStepVerificationWithPasswordAndACode) {
  add_user("qt.tinh", "administrator", "99");
  Browser b;
  ASSERT_EQ(sign_in(b, "qt.tinh", kPassword).status, 200u);
  Browser other;
  ASSERT_EQ(sign_in(other, "qt.tinh", kPassword).status, 200u);
  // Step 1: a secret and its address; nothing stored.
  const Reply offer = call(&b, verb::post, "/api/v1/session/totp", nlohmann::json::object());
  ASSERT_EQ(offer.status, 200u) << offer.text;
  const std::string secret = offer.body["secret"];
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_EQ(offer.body["otpauth_uri"], "otpauth://totp/DanSo:qt.tinh?secret=" + secret + "&issuer=DanSo&algorithm=SHA1&digits=6&period=30");
  EXPECT_NE(call(&b, verb::post, "/api/v1/session/totp", nlohmann::json::object()).body["secret"], secret);
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").body["user"]["totp"], false);
  EXPECT_EQ(call(&b, verb::post, "/api/v1/session/totp", nlohmann::json::object(), false).status, 403u);  // CSRF

  // Step 2: refused without the password, with a wrong code or a bad secret.
  const auto key = *accounts::base32_decode(secret);
  const std::string code = accounts::totp_code(key, now_);
  std::string wrong = code;
  wrong[0] = wrong[0] == '9' ? '0' : char(wrong[0] + 1);
  const std::vector<std::pair<nlohmann::json, std::string>> refused = {
      {{{"secret", secret}, {"code", code}}, "password"},
      {{{"password", "Sai-mat-khau-0"}, {"secret", secret}, {"code", code}}, "password"},
      {{{"password", kPassword}, {"secret", secret}, {"code", wrong}}, "code"},
      {{{"password", kPassword}, {"secret", "KHONG-PHAI-BASE32"}, {"code", code}}, "secret"},
  };
  for (const auto& [body, field] : refused) {
    const Reply r = call(&b, verb::put, "/api/v1/session/totp", body);
    EXPECT_EQ(r.status, 400u) << body.dump() << r.text;
    EXPECT_EQ(r.body["error"]["field"], field) << body.dump();
  }
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").body["user"]["totp"], false);

  const Reply on = call(&b, verb::put, "/api/v1/session/totp",
                        {{"password", kPassword}, {"secret", secret}, {"code", code}});
  ASSERT_EQ(on.status, 200u) << on.text;
  EXPECT_EQ(on.body["totp"], true);
  EXPECT_NE(on.header("Set-Cookie").find("Max-Age=0"), std::string::npos) << on.header("Set-Cookie");
  // Every session of the user ended; signing in now needs a code, not the one used.
  EXPECT_EQ(call(&b, verb::get, "/api/v1/session").status, 401u);
  EXPECT_EQ(call(&other, verb::get, "/api/v1/session").status, 401u);
  Browser again;
  EXPECT_EQ(sign_in(again, "qt.tinh", kPassword).body["error"]["field"], "totp");
  EXPECT_EQ(sign_in(again, "qt.tinh", kPassword, code).status, 401u);
  now_ += 30;
  const Reply in = sign_in(again, "qt.tinh", kPassword, accounts::totp_code(key, now_));
  ASSERT_EQ(in.status, 200u) << in.text;
  EXPECT_EQ(in.body["user"]["totp"], true);
  // Once on, a password alone does not replace it.
  const Reply offer2 = call(&again, verb::post, "/api/v1/session/totp", nlohmann::json::object());
  ASSERT_EQ(offer2.status, 200u);
  const std::string second = offer2.body["secret"];
  const Reply replace = call(&again, verb::put, "/api/v1/session/totp",
                             {{"password", kPassword}, {"secret", second},
                              {"code", accounts::totp_code(*accounts::base32_decode(second), now_)}});
  EXPECT_EQ(replace.status, 409u) << replace.text;
  EXPECT_EQ(call(&again, verb::get, "/api/v1/session").status, 200u);  // and the session goes on
  bool audited = false;
  store_->for_each_audit([&](const AuditRecord& a) { audited |= a.action == "set_totp" && a.actor_name == "qt.tinh"; });
  EXPECT_TRUE(audited);
}

TEST_F(ApiTest, SignInNeedsAJsonBody) {
  Browser b;
  http::Request req{verb::post, "/api/v1/session", 11};
  req.set(http::bhttp::field::content_type, "application/x-www-form-urlencoded");
  req.body() = "username=a&password=b";
  req.prepare_payload();
  EXPECT_EQ(router_->dispatch(req, "192.0.2.1").result_int(), 415u);
  const Reply bad = call(&b, verb::post, "/api/v1/session", {{"username", "qt.tinh"}}, false);
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.body["error"]["field"], "password");
}

}  // namespace
}  // namespace danso::test
