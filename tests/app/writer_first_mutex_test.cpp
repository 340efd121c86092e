// The indicators' snapshot lock: a waiting writer goes before readers who
// come after it, and readers share it otherwise.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <shared_mutex>
#include <thread>

#include "app/writer_first_mutex.h"

using namespace danso;

namespace {

TEST(WriterFirstMutex, ReadersShareItAndAWriterIsAlone) {
  WriterFirstMutex mu;
  std::shared_lock<WriterFirstMutex> a(mu);
  EXPECT_TRUE(mu.try_lock_shared());  // a second reader shares it
  mu.unlock_shared();
  EXPECT_FALSE(mu.try_lock());  // a writer does not, while a reader holds it
  a.unlock();
  std::unique_lock<WriterFirstMutex> w(mu, std::try_to_lock);
  ASSERT_TRUE(w.owns_lock());
  EXPECT_FALSE(mu.try_lock_shared());
}

TEST(WriterFirstMutex, AWaitingWriterGoesBeforeReadersWhoComeAfterIt) {
  WriterFirstMutex mu;
  std::shared_lock<WriterFirstMutex> first_reader(mu);
  std::atomic<bool> written{false};
  std::thread writer([&] {
    std::unique_lock<WriterFirstMutex> alone(mu);
    written = true;
  });
  // Once the writer waits, a new reader is refused, though only a reader holds it.
  bool refused = false;
  for (int i = 0; i < 2000 && !refused; ++i) {
    if (mu.try_lock_shared()) {
      mu.unlock_shared();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    } else {
      refused = true;
    }
  }
  EXPECT_TRUE(refused);
  EXPECT_FALSE(written.load());
  first_reader.unlock();
  writer.join();
  EXPECT_TRUE(written.load());
  EXPECT_TRUE(mu.try_lock_shared());
  mu.unlock_shared();
}

}  // namespace
