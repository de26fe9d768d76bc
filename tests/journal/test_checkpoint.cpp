// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Checkpoints: a snapshot file plus a journal restarted after it recover to the state of a
// router that ran every command; a crash between writing the snapshot and restarting the
// journal loses nothing (recovery skips the records the snapshot holds); a journal that does
// not follow its snapshot is refused.
#include "journal/temp_dir.hpp"
#include "journal/workload.hpp"

#include <omniroute/journal/file_journal.hpp>
#include <omniroute/journal/snapshot.hpp>

#include "support/catch.hpp"

using namespace omniroute;
using namespace omniroute_journal_test;

TEST_CASE("recovery from checkpoints reproduces the router that ran every command", "[journal][checkpoint]") {
  temp_dir dir;
  REQUIRE(dir.ok());
  const std::string journal_path = dir.file("j");
  const std::string snapshot_path = dir.file("s");
  router r;
  auto journal = file_journal::create(journal_path, journal_sync_policy::batched(32, std::chrono::milliseconds(0)));
  REQUIRE(journal);
  journaled_router jr(r, **journal);
  workload w(5, at_seconds(1), workload_options{true});
  std::uint64_t checkpoints = 0;
  for (int i = 1; i <= 1500; ++i) {
    (void)jr.execute(w.next(r));
    if (i % 400 == 0) {
      REQUIRE(checkpoint(r, **journal, snapshot_path));
      ++checkpoints;
      // The journal restarted: it holds only a header, numbered after the snapshot.
      CHECK((*journal)->size() == journal_header_size);
      CHECK((*journal)->next_sequence() == static_cast<std::uint64_t>(i));
    }
  }
  REQUIRE((*journal)->sync());
  CHECK(checkpoints == 3);

  router recovered;
  const journal_report rep = recover(recovered, snapshot_path, journal_path);
  REQUIRE(rep.ok());
  CHECK(rep.snapshot_sequence == 1200);
  CHECK(rep.first_sequence == 1200);
  CHECK(rep.records == 300);
  CHECK(rep.skipped == 0);
  CHECK(rep.next_sequence() == 1500);
  CHECK(recovered.state_hash() == r.state_hash());

  // Appends continue after the recovered records, and the next recovery sees them.
  {
    auto reopened = file_journal::reopen(journal_path, rep);
    REQUIRE(reopened);
    CHECK((*reopened)->next_sequence() == 1500);
    journaled_router more(recovered, **reopened);
    for (int i = 0; i < 50; ++i) (void)more.execute(w.next(recovered));
  }
  router again;
  const journal_report second = recover(again, snapshot_path, journal_path);
  REQUIRE(second.ok());
  CHECK(second.next_sequence() == 1550);
  CHECK(again.state_hash() == recovered.state_hash());
}

TEST_CASE("a crash between the snapshot and the journal restart loses nothing", "[journal][checkpoint]") {
  temp_dir dir;
  REQUIRE(dir.ok());
  const std::string journal_path = dir.file("j");
  const std::string snapshot_path = dir.file("s");
  router r;
  auto journal = file_journal::create(journal_path);
  REQUIRE(journal);
  journaled_router jr(r, **journal);
  workload w(9);
  for (int i = 0; i < 300; ++i) (void)jr.execute(w.next(r));
  // Step 2 of checkpoint() done, step 3 (the journal restart) never happened.
  std::string snapshot;
  save_snapshot(r, snapshot, (*journal)->next_sequence());
  REQUIRE(write_file_atomically(snapshot_path, snapshot));
  for (int i = 0; i < 20; ++i) (void)jr.execute(w.next(r));

  router recovered;
  const journal_report rep = recover(recovered, snapshot_path, journal_path);
  REQUIRE(rep.ok());
  CHECK(rep.snapshot_sequence == 300);
  CHECK(rep.skipped == 300);
  CHECK(rep.records == 320);
  CHECK(recovered.state_hash() == r.state_hash());

  // Killed after the snapshot but before a single record of the old journal reached it (a
  // batched journal that lost its tail to a power cut): the snapshot holds everything, and the
  // journal reopened for appends starts after the snapshot, not inside it.
  write_bytes(journal_path, journal_file_header(0));
  router from_snapshot;
  const journal_report short_rep = recover(from_snapshot, snapshot_path, journal_path);
  REQUIRE(short_rep.ok());
  CHECK(short_rep.records == 0);
  CHECK(short_rep.next_sequence() == 300);
  auto reopened = file_journal::reopen(journal_path, short_rep);
  REQUIRE(reopened);
  CHECK((*reopened)->next_sequence() == 300);
  CHECK(read_bytes(journal_path) == journal_file_header(300));
}

TEST_CASE("a journal that does not follow its snapshot is refused", "[journal][checkpoint]") {
  temp_dir dir;
  REQUIRE(dir.ok());
  const std::string journal_path = dir.file("j");
  const std::string snapshot_path = dir.file("s");
  router r;
  workload w(3);
  for (int i = 0; i < 100; ++i) (void)apply(r, w.next(r));
  std::string snapshot;
  save_snapshot(r, snapshot, 100);
  REQUIRE(write_file_atomically(snapshot_path, snapshot));

  // Records 100..119 are missing: the journal starts at 120.
  write_bytes(journal_path, journal_file_header(120));
  router gap;
  const journal_report rep = recover(gap, snapshot_path, journal_path);
  CHECK(rep.error == errc::corrupt_journal);
  CHECK(rep.error_offset == 0);
  CHECK(!file_journal::reopen(journal_path, rep));

  // The snapshot is gone, the journal starts after one.
  router lost;
  CHECK(recover(lost, dir.file("missing"), journal_path).error == errc::corrupt_journal);

  // A damaged snapshot stops recovery before any record is applied.
  std::string damaged = snapshot;
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x40);
  write_bytes(snapshot_path, damaged);
  write_bytes(journal_path, journal_file_header(100));
  router broken;
  CHECK(recover(broken, snapshot_path, journal_path).error == errc::corrupt_journal);
}
