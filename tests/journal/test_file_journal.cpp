// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The file journal and recovery: a journaled workload recovers to the same state hash; a torn
// tail (cut anywhere in the last record, or zero-filled) is reported and dropped; corruption in
// the middle stops recovery with the damaged record's offset; appends continue after recovery.
#include "journal/temp_dir.hpp"
#include "journal/workload.hpp"

#include <omniroute/journal/file_journal.hpp>

#include "support/catch.hpp"

using namespace omniroute;
using namespace omniroute_journal_test;

namespace {

struct journaled_run {
  std::uint64_t hash = 0;
  std::vector<std::uint64_t> record_offsets;  // where each record starts in the file
  std::uint64_t syncs = 0;
};

journaled_run run_journaled(const std::string& path, std::uint64_t seed, int n,
                            journal_sync_policy policy = journal_sync_policy::every_record()) {
  journaled_run out;
  router r;
  auto journal = file_journal::create(path, policy);
  REQUIRE(journal);
  journaled_router jr(r, **journal);
  workload w(seed);
  for (int i = 0; i < n; ++i) {
    out.record_offsets.push_back((*journal)->size());
    const command_outcome o = jr.execute(w.next(r));
    REQUIRE(o.error != errc::io_error);
  }
  REQUIRE((*journal)->sync());
  out.hash = r.state_hash();
  out.syncs = (*journal)->syncs();
  return out;
}

}  // namespace

TEST_CASE("crc32c matches the published check value", "[journal][file]") {
  CHECK(crc32c("123456789") == 0xE3069283u);
  CHECK(crc32c("") == 0u);
  CHECK(crc32c("56789", crc32c("1234")) == 0xE3069283u);
}

TEST_CASE("a journaled workload recovers to the same state", "[journal][file]") {
  temp_dir dir;
  REQUIRE(dir.ok());
  const std::string path = dir.file("j");
  const journaled_run run = run_journaled(path, 11, 2000);
  CHECK(run.syncs == 2000);  // sync per record

  router recovered;
  const journal_report rep = recover(recovered, path);
  CHECK(rep.ok());
  CHECK(rep.records == 2000);
  CHECK(rep.refused > 0);
  CHECK(rep.dropped_bytes == 0);
  CHECK(rep.valid_bytes == read_bytes(path).size());
  CHECK(recovered.state_hash() == run.hash);
  CHECK(check_invariants(recovered).empty());

  // Recovering an absent file is recovering nothing.
  router empty;
  const journal_report none = recover(empty, dir.file("absent"));
  CHECK(none.ok());
  CHECK(none.records == 0);
}

TEST_CASE("a torn tail is reported and dropped, and appends continue after it", "[journal][file]") {
  temp_dir dir;
  REQUIRE(dir.ok());
  const std::string path = dir.file("j");
  const journaled_run run = run_journaled(path, 12, 300);
  const std::string full = read_bytes(path);
  const std::uint64_t last = run.record_offsets.back();

  // The state after 299 records, for comparison.
  router expected;
  REQUIRE(replay_journal(expected, std::string_view(full).substr(0, last)).records == 299);

  for (std::uint64_t cut = last + 1; cut < full.size(); ++cut) {
    INFO("cut at " << cut);
    router r;
    const journal_report rep = replay_journal(r, std::string_view(full).substr(0, cut));
    CHECK(rep.ok());
    CHECK(rep.records == 299);
    CHECK(rep.valid_bytes == last);
    CHECK(rep.dropped_bytes == cut - last);
    CHECK(r.state_hash() == expected.state_hash());
  }
  // A zero-filled region after the last record (a file system's view of an unwritten extent).
  {
    router r;
    const journal_report rep = replay_journal(r, full + std::string(4096, '\0'));
    CHECK(rep.ok());
    CHECK(rep.records == 300);
    CHECK(rep.dropped_bytes == 4096);
  }
  // The last record with a bad checksum and nothing after it: torn, dropped.
  {
    std::string damaged = full;
    damaged.back() = static_cast<char>(damaged.back() ^ 0x55);
    router r;
    const journal_report rep = replay_journal(r, damaged);
    CHECK(rep.ok());
    CHECK(rep.records == 299);
  }

  // Recover from the torn file, reopen it (cutting the tail), append, recover again.
  write_bytes(path, full.substr(0, last + 5));
  router r;
  journal_report rep = recover(r, path);
  REQUIRE(rep.ok());
  CHECK(rep.dropped_bytes == 5);
  auto journal = file_journal::reopen(path, rep);
  REQUIRE(journal);
  CHECK((*journal)->size() == last);
  journaled_router jr(r, **journal);
  workload w(99, r.now());
  for (int i = 0; i < 50; ++i) (void)jr.execute(w.next(r));
  (*journal).reset();  // closes the file
  router again;
  rep = recover(again, path);
  CHECK(rep.ok());
  CHECK(rep.records == 349);
  CHECK(rep.dropped_bytes == 0);
  CHECK(again.state_hash() == r.state_hash());
}

TEST_CASE("corruption in the middle stops recovery with the record's offset", "[journal][file]") {
  temp_dir dir;
  REQUIRE(dir.ok());
  const std::string path = dir.file("j");
  const journaled_run run = run_journaled(path, 13, 200);
  const std::string full = read_bytes(path);

  for (std::size_t k : {0u, 1u, 57u, 198u}) {
    const std::uint64_t at = run.record_offsets[k];
    INFO("record " << k << " at " << at);
    // A flipped payload byte, a flipped checksum byte, a length field gone wrong.
    for (std::uint64_t byte : {at + 12, at + 4, at + 1}) {
      std::string damaged = full;
      damaged[byte] = static_cast<char>(damaged[byte] ^ 0x20);
      router r;
      const journal_report rep = replay_journal(r, damaged);
      // A damaged length may point past the end of the file; the valid records after it
      // still tell it from a torn tail.
      CHECK(rep.error == errc::corrupt_journal);
      CHECK(rep.error_offset == at);
      CHECK(rep.records == k);
    }
  }
  // The header is checked too.
  std::string bad_header = full;
  bad_header[17] ^= 1;
  router r;
  const journal_report rep = replay_journal(r, bad_header);
  CHECK(rep.error == errc::corrupt_journal);
  CHECK(rep.error_offset == 0);
  // A report with an error is refused by reopen: the host decides, not the journal.
  CHECK(file_journal::reopen(path, rep).error() == errc::corrupt_journal);
}

TEST_CASE("a record whose checksum holds but that does not decode is reported, not skipped", "[journal][file]") {
  temp_dir dir;
  REQUIRE(dir.ok());
  const std::string path = dir.file("j");
  std::uint64_t bad_at = 0;
  {
    auto journal = file_journal::create(path);
    REQUIRE(journal);
    std::string rec;
    encode(command{at_seconds(1), cmd::add_skill{"billing"}}, rec);
    REQUIRE((*journal)->append(rec));
    bad_at = (*journal)->size();
    REQUIRE((*journal)->append("not a command"));
    REQUIRE((*journal)->append(rec));
  }
  router r;
  const journal_report rep = recover(r, path);
  CHECK(rep.error == errc::malformed_data);
  CHECK(rep.error_offset == bad_at);
  CHECK(rep.records == 1);
}

TEST_CASE("batched sync policy syncs every N records", "[journal][file]") {
  temp_dir dir;
  REQUIRE(dir.ok());
  const journaled_run run = run_journaled(dir.file("j"), 14, 1000, journal_sync_policy::batched(100, std::chrono::milliseconds(0)));
  CHECK(run.syncs == 10);
  router recovered;
  CHECK(recover(recovered, dir.file("j")).records == 1000);
  CHECK(recovered.state_hash() == run.hash);
}
