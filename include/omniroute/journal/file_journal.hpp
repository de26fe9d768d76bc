// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The embedded journal: an append-only local file, and the recovery that replays it.
//
// File format (little-endian; see docs/reliability.md):
//   header, 28 bytes: magic "OMNIRJNL", u32 format version (1), u32 reserved (0),
//                     u64 sequence number of the first record, u32 CRC-32C of the 24 bytes before
//   records:          u32 payload length, u32 CRC-32C of the payload, payload (an encoded command)
//
// Recovery reads records in order. A file can only be damaged at its end by a crash (records
// are appended, one write each), so a damaged final record — cut short, or failing its checksum
// with nothing after it, or followed only by zero bytes — is a torn tail: reported and dropped.
// A record failing its checksum with valid-looking data after it is corruption in the middle:
// recovery stops there with errc::corrupt_journal and the record's file offset, and never skips
// it silently.
//
// Checkpoints bound recovery time: checkpoint() writes a snapshot of the router (see
// snapshot.hpp) to its own file, then restarts the journal at the next sequence number, in an
// order where a crash at any point loses nothing; recover(router&, snapshot, journal) restores
// the snapshot and replays only the records after it.
//
// This component does I/O (POSIX open/write/fdatasync/rename); the router core never does.
#ifndef OMNIROUTE_JOURNAL_FILE_JOURNAL_HPP
#define OMNIROUTE_JOURNAL_FILE_JOURNAL_HPP

#include <omniroute/journal/journal.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

OMNIROUTE_BEGIN_NAMESPACE

/// CRC-32C (Castagnoli), as used by iSCSI, ext4 and LevelDB; `crc` chains calls.
OMNIROUTE_API std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc = 0) noexcept;

inline constexpr std::size_t journal_header_size = 28;
inline constexpr std::size_t journal_record_overhead = 8;
/// Longest payload a reader accepts; a longer length field is damage, not a record.
inline constexpr std::uint32_t journal_max_record = 1u << 24;

/// The 28-byte header of a journal whose first record has sequence number `first_sequence`.
OMNIROUTE_API std::string journal_file_header(std::uint64_t first_sequence = 0);
/// Appends one framed record ([length][CRC-32C][payload]) to a journal image. With
/// journal_file_header, this builds in memory exactly what file_journal writes (for hosts with
/// their own storage, and for tests and benchmarks).
OMNIROUTE_API void append_journal_record(std::string& image, std::string_view payload);

/// When appended records reach stable storage.
struct journal_sync_policy {
  /// fdatasync after this many records (1: every record, before append() returns; 0: only
  /// when the host calls sync() or the delay below passes).
  std::uint32_t every_records = 1;
  /// With batching, also sync at the first append at least this long after the oldest unsynced
  /// record (0: no time limit). The journal reads std::chrono::steady_clock for this; a host
  /// that wants the bound without further appends calls sync_if_due() from its own timer.
  std::chrono::milliseconds max_delay{0};

  static journal_sync_policy every_record() noexcept { return {}; }
  static journal_sync_policy batched(std::uint32_t records, std::chrono::milliseconds delay) noexcept {
    return {records, delay};
  }
};

/// What a scan or a recovery found.
struct journal_report {
  std::uint64_t first_sequence = 0;  ///< From the header.
  std::uint64_t records = 0;         ///< Valid records read (for recovery: applied or skipped).
  std::uint64_t snapshot_sequence = 0;  ///< Recovery from a snapshot: the first record it does not hold.
  std::uint64_t skipped = 0;         ///< Recovery from a snapshot: records already in it, not applied.
  std::uint64_t refused = 0;         ///< Recovery: records whose command the router refused (as it did live).
  std::uint64_t valid_bytes = 0;     ///< Header plus every valid record: where appends continue.
  std::uint64_t dropped_bytes = 0;   ///< A torn tail, dropped.
  std::error_code error;             ///< corrupt_journal, malformed_data, io_error; empty when fine.
  std::uint64_t error_offset = 0;    ///< File offset of the damaged record (with error).

  bool ok() const noexcept { return !error; }
  /// The sequence number the next journaled command gets.
  std::uint64_t next_sequence() const noexcept {
    return first_sequence + records > snapshot_sequence ? first_sequence + records : snapshot_sequence;
  }
};

/// Reads a journal image. Calls `on_record(payload, offset)` for each valid record in order;
/// an error it returns stops the scan and is reported at that offset. Never reads outside
/// `bytes`; never allocates more than the callback does.
OMNIROUTE_API journal_report scan_journal(
    std::string_view bytes, const std::function<std::error_code(std::string_view, std::uint64_t)>& on_record);

/// Replays a journal image into `r` (normally a fresh router built with the options the
/// journaled one had). A record whose checksum holds but whose bytes do not decode is
/// corruption (malformed_data at its offset): recovery stops there.
OMNIROUTE_API journal_report replay_journal(router& r, std::string_view bytes);

/// Reads the file at `path` and replays it into `r`. A missing file is an empty journal.
OMNIROUTE_API journal_report recover(router& r, const std::string& path);

/// Recovery with checkpoints: restores the snapshot at `snapshot_path` into `r` (a fresh
/// router), then replays the journal records from the snapshot's sequence on, skipping the
/// ones the snapshot already holds (a crash between writing the snapshot and restarting the
/// journal leaves them there). A missing snapshot file means no checkpoint was ever made: the
/// whole journal is replayed.
///
/// Errors (report.error), after which `r` must be discarded: those of restore_snapshot
/// (corrupt_journal for a damaged snapshot, malformed_data for a foreign one) at offset 0 with
/// nothing replayed; corrupt_journal at offset 0 when the journal starts after the snapshot's
/// sequence (records in between are missing: a snapshot older than the journal, or another
/// router's files); and every error of journal recovery.
OMNIROUTE_API journal_report recover(router& r, const std::string& snapshot_path, const std::string& journal_path);

/// Writes `bytes` to `path` atomically and durably: to `path` + ".tmp", fdatasync, rename over
/// `path`, sync of the directory. A crash leaves either the old file or the new one (and
/// perhaps a stray temporary). Errors: io_error.
OMNIROUTE_API status write_file_atomically(const std::string& path, std::string_view bytes);

/// An append-only journal file. Not thread-safe (one writer; the router is single-threaded).
class file_journal final : public journal_port {
 public:
  /// Creates (or truncates) `path` with a fresh header. Errors: io_error.
  OMNIROUTE_API static result<std::unique_ptr<file_journal>> create(const std::string& path,
                                                                    journal_sync_policy policy = {},
                                                                    std::uint64_t first_sequence = 0);
  /// Opens an existing journal after recovery to append to it: the file is cut to
  /// `report.valid_bytes` (dropping a torn tail for good). Refuses a report with an error
  /// (corrupt_journal: the host must decide, not the journal). A missing or header-less file is
  /// created afresh.
  OMNIROUTE_API static result<std::unique_ptr<file_journal>> reopen(const std::string& path,
                                                                    const journal_report& report,
                                                                    journal_sync_policy policy = {});
  ~file_journal() override;

  file_journal(const file_journal&) = delete;
  file_journal& operator=(const file_journal&) = delete;

  /// Syncs when the batching delay has passed since the oldest unsynced record.
  OMNIROUTE_API status sync_if_due();
  /// Replaces the file with an empty journal whose first record will have sequence
  /// `first_sequence` (checkpoint() calls it once the snapshot holding every earlier record is
  /// durable). The new file is written beside the old one, synced and renamed over it, so a
  /// crash leaves one journal or the other, never none. On error (io_error) the old journal
  /// stays in use.
  OMNIROUTE_API status restart(std::uint64_t first_sequence);
  /// The sequence number of the next record appended (the header's first sequence plus the
  /// records in the file).
  std::uint64_t next_sequence() const noexcept { return next_sequence_; }
  /// Bytes in the file (header included).
  std::uint64_t size() const noexcept { return size_; }
  /// Records appended since the file was created or reopened.
  std::uint64_t appended() const noexcept { return appended_; }
  /// fdatasync calls made (for tests and tuning).
  std::uint64_t syncs() const noexcept { return syncs_; }

 protected:
  OMNIROUTE_API status do_append(std::string_view record) override;
  OMNIROUTE_API status do_sync() override;

 private:
  file_journal(int fd, std::string path, journal_sync_policy policy, std::uint64_t size,
               std::uint64_t next_sequence) noexcept
      : fd_(fd), path_(std::move(path)), policy_(policy), size_(size), next_sequence_(next_sequence) {}

  int fd_ = -1;
  std::string path_;
  journal_sync_policy policy_;
  std::uint64_t size_ = 0;
  std::uint64_t appended_ = 0;
  std::uint64_t syncs_ = 0;
  std::uint64_t next_sequence_ = 0;
  std::uint32_t unsynced_ = 0;
  std::chrono::steady_clock::time_point oldest_unsynced_{};
  std::string frame_;  // reused record buffer
};

/// A checkpoint: writes a snapshot of `r` holding every record journaled so far
/// (journal.next_sequence()) to `snapshot_path` (write_file_atomically), then restarts the
/// journal at that sequence. Call between commands. Order and why a crash anywhere loses
/// nothing (docs/reliability.md, "Checkpoints"):
///  1. sync the journal (every record before the snapshot is durable either way);
///  2. write the snapshot to a temporary file, fdatasync, rename over the old snapshot, sync
///     the directory: until the rename, the old snapshot and the full journal recover;
///  3. restart the journal (new file, fdatasync, rename over the old one): until this rename,
///     the new snapshot and the old journal recover (recovery skips the records the snapshot
///     holds); after it, the new snapshot and the empty journal.
/// Errors: io_error; the journal keeps appending to whichever file is in place.
OMNIROUTE_API status checkpoint(const router& r, file_journal& journal, const std::string& snapshot_path);

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/journal/file_journal-inl.hpp>
#endif

#endif  // OMNIROUTE_JOURNAL_FILE_JOURNAL_HPP
