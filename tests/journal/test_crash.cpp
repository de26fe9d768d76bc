// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The crash test: a child process runs a random workload through a journaled_router with the
// file journal (sync every record) and reports each acknowledged command — its record number
// and the router's state hash after it — on a pipe once execute() has returned. The parent
// kills it with SIGKILL at a random moment, then recovers the journal into a fresh router and
// checks that:
//  - every acknowledged command is in the journal (at most one more, appended but not yet
//    acknowledged), and replaying up to the last acknowledged one gives the hash the child had;
//  - the recovered router satisfies the invariants of #2 (every live contact accounted for,
//    agents within capacity, never two offers for a contact, offers only to logged-in agents);
//  - it keeps routing: the journal is reopened, more commands run with invariants checked, and
//    a second recovery reproduces the continued state.
// The child also takes checkpoints (snapshot file, journal restart) at random moments, so kills
// land before, inside and after them; recovery restores the snapshot and replays the journal
// records after it.
// 200 kills, each after a random number of acknowledged commands plus a random delay.
#include "journal/temp_dir.hpp"
#include "journal/workload.hpp"

#include <omniroute/journal/file_journal.hpp>
#include <omniroute/journal/snapshot.hpp>

#include <csignal>
#include <cstring>
#include <random>

#include <sys/wait.h>
#include <unistd.h>

#include "support/catch.hpp"

using namespace omniroute;
using namespace omniroute_journal_test;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t most_acks = 20;  // same 200 kills, shorter runs: sanitized code is ~10x slower
#else
constexpr std::uint64_t most_acks = 80;
#endif

struct ack {
  std::uint64_t record = 0;  // 1-based count of records journaled when the command returned
  std::uint64_t hash = 0;
};

[[noreturn]] void run_child(const std::string& path, const std::string& snapshot_path, std::uint64_t seed,
                            int ack_fd) {
  router r;
  auto journal = file_journal::create(path, journal_sync_policy::every_record());
  if (!journal) ::_exit(2);
  journaled_router jr(r, **journal);
  workload w(seed);
  rng chance(seed);
  for (;;) {
    const command_outcome o = jr.execute(w.next(r));
    if (o.error == errc::io_error) ::_exit(3);
    const ack a{(*journal)->next_sequence(), r.state_hash()};
    if (::write(ack_fd, &a, sizeof a) != static_cast<ssize_t>(sizeof a)) ::_exit(4);
    if (chance.below(10) == 0 && !checkpoint(r, **journal, snapshot_path)) ::_exit(5);
  }
}

std::uint64_t journal_first_sequence(const std::string& bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[16 + i])) << (8 * i);
  return v;
}

bool read_ack(int fd, ack& a) {
  std::size_t got = 0;
  char* p = reinterpret_cast<char*>(&a);
  while (got < sizeof a) {
    const ssize_t n = ::read(fd, p + got, sizeof a - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

TEST_CASE("SIGKILL at random moments loses no acknowledged command", "[journal][crash][slow]") {
  // A killed process loses nothing the kernel accepted, whatever the medium, so the test runs
  // on a RAM file system when there is one: the fdatasync per record is still made, but costs
  // microseconds instead of milliseconds. OMNIROUTE_CRASH_DIR picks another place (a disk).
  const char* where = std::getenv("OMNIROUTE_CRASH_DIR");
  temp_dir dir(where && *where ? where : (::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : nullptr));
  REQUIRE(dir.ok());
  constexpr int kills = 200;
  std::mt19937_64 chance(20261123);
  std::uint64_t total_acked = 0;
  std::uint64_t unacknowledged_tail = 0;
  std::uint64_t torn_tails = 0;
  std::uint64_t snapshots_restored = 0;
  std::uint64_t records_skipped = 0;
  for (int k = 0; k < kills; ++k) {
    INFO("kill " << k);
    const std::string path = dir.file("crash.journal");
    const std::string snapshot_path = dir.file("crash.snapshot");
    std::remove(path.c_str());  // a child killed before create() must not leave the last run's files
    std::remove(snapshot_path.c_str());
    const std::uint64_t seed = 1000 + static_cast<std::uint64_t>(k);
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      run_child(path, snapshot_path, seed, fds[1]);
    }
    ::close(fds[1]);

    // Let it acknowledge a random number of commands, wait a random moment more, kill it.
    const std::uint64_t target = chance() % most_acks;
    ack last;
    bool alive = true;
    while (last.record < target && (alive = read_ack(fds[0], last))) {
    }
    REQUIRE(alive);
    const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(chance() % 3000);
    while (std::chrono::steady_clock::now() < spin_until) {
    }
    REQUIRE(::kill(pid, SIGKILL) == 0);
    int wstatus = 0;
    REQUIRE(::waitpid(pid, &wstatus, 0) == pid);
    REQUIRE(WIFSIGNALED(wstatus));
    // Acknowledgements already in the pipe were made before the kill: they count.
    ack a;
    while (read_ack(fds[0], a)) last = a;
    ::close(fds[0]);
    total_acked += last.record;

    // Recover, checking the hash at the last acknowledged record on the way: the snapshot (if
    // a checkpoint was made), then the journal records after it, by sequence number.
    router recovered;
    std::uint64_t sequence = 0;  // records the recovered router holds
    std::uint64_t hash_at_ack = 0;
    const std::string snapshot = read_bytes(snapshot_path);
    if (!snapshot.empty()) {
      auto restored = restore_snapshot(recovered, snapshot);
      REQUIRE(restored);
      sequence = *restored;
      ++snapshots_restored;
    }
    // A checkpoint is taken after an acknowledgement, so the snapshot never runs ahead of it.
    REQUIRE(sequence <= last.record);
    if (sequence == last.record) hash_at_ack = recovered.state_hash();
    const std::string bytes = read_bytes(path);
    std::uint64_t record = 0;
    bool numbered = false;
    const journal_report rep = scan_journal(bytes, [&](std::string_view payload, std::uint64_t) -> std::error_code {
      if (!numbered) {
        record = journal_first_sequence(bytes);
        numbered = true;
        REQUIRE(record <= sequence);  // never a gap after the snapshot
      }
      if (record++ < sequence) {
        ++records_skipped;  // killed between the snapshot and the journal restart
        return {};
      }
      auto c = decode(payload);
      if (!c) return c.error();
      (void)apply(recovered, *c);
      if (++sequence == last.record) hash_at_ack = recovered.state_hash();
      return {};
    });
    REQUIRE(rep.ok());
    REQUIRE(sequence >= last.record);
    REQUIRE(sequence <= last.record + 1);
    if (last.record > 0) REQUIRE(hash_at_ack == last.hash);
    unacknowledged_tail += sequence - last.record;
    if (rep.dropped_bytes > 0) ++torn_tails;
    REQUIRE(check_invariants(recovered) == "");
    // The library's recovery agrees with the one above.
    router library;
    journal_report full = recover(library, snapshot_path, path);
    REQUIRE(full.ok());
    REQUIRE(full.next_sequence() == sequence);
    REQUIRE(library.state_hash() == recovered.state_hash());

    // It keeps routing after recovery, journaling to the same file.
    {
      auto journal = file_journal::reopen(path, full, journal_sync_policy::batched(64, std::chrono::milliseconds(5)));
      REQUIRE(journal);
      journaled_router jr(recovered, **journal);
      workload w(seed ^ 0xabcdef, recovered.now());
      for (int i = 0; i < 40; ++i) {
        (void)jr.execute(w.next(recovered));
        REQUIRE(check_invariants(recovered) == "");
      }
    }
    router again;
    const journal_report second = recover(again, snapshot_path, path);
    REQUIRE(second.ok());
    REQUIRE(second.next_sequence() == sequence + 40);
    REQUIRE(again.state_hash() == recovered.state_hash());
  }
  // The kills landed at different points; report how (visible with -s).
  INFO("acknowledged " << total_acked << ", unacknowledged records found " << unacknowledged_tail
                       << ", torn tails " << torn_tails << ", snapshots restored " << snapshots_restored
                       << ", records skipped " << records_skipped);
  CHECK(total_acked > 0);
  CHECK(snapshots_restored > 50);
}
