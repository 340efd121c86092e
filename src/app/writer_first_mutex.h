// A read-write lock that lets a waiting writer in before readers who come
// after it. std::shared_mutex (glibc's default read-write lock) lets new
// readers share the lock while a writer waits, so a steady stream of
// overlapping readers (dashboards computed one after another) can hold the
// writer off for as long as it lasts.
//
// Not recursive for readers: a thread holding it shared must not take it
// shared again (with a writer waiting between the two, it would wait for
// itself). Meets the SharedMutex requirements, for std::shared_lock and
// std::unique_lock:
//
//   WriterFirstMutex mu;
//   { std::shared_lock<WriterFirstMutex> reading(mu); ... }
//   { std::unique_lock<WriterFirstMutex> alone(mu); ... }   // new readers wait from here
#pragma once

#include <pthread.h>

#include <system_error>

namespace danso {

class WriterFirstMutex {
 public:
  WriterFirstMutex() {
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    const int rc = pthread_rwlock_init(&lock_, &attr);
    pthread_rwlockattr_destroy(&attr);
    if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_rwlock_init");
  }
  ~WriterFirstMutex() { pthread_rwlock_destroy(&lock_); }
  WriterFirstMutex(const WriterFirstMutex&) = delete;
  WriterFirstMutex& operator=(const WriterFirstMutex&) = delete;

  void lock() { check(pthread_rwlock_wrlock(&lock_)); }
  bool try_lock() { return pthread_rwlock_trywrlock(&lock_) == 0; }
  void unlock() { pthread_rwlock_unlock(&lock_); }
  void lock_shared() { check(pthread_rwlock_rdlock(&lock_)); }
  bool try_lock_shared() { return pthread_rwlock_tryrdlock(&lock_) == 0; }
  void unlock_shared() { pthread_rwlock_unlock(&lock_); }

 private:
  static void check(int rc) {
    if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_rwlock");
  }
  pthread_rwlock_t lock_;
};

}  // namespace danso
