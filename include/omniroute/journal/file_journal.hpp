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
// This component does I/O (POSIX open/write/fdatasync); the router core never does.
#ifndef OMNIROUTE_JOURNAL_FILE_JOURNAL_HPP
#define OMNIROUTE_JOURNAL_FILE_JOURNAL_HPP

#include <omniroute/journal/journal.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

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
  std::uint64_t records = 0;         ///< Valid records read (and, for recovery, applied).
  std::uint64_t refused = 0;         ///< Recovery: records whose command the router refused (as it did live).
  std::uint64_t valid_bytes = 0;     ///< Header plus every valid record: where appends continue.
  std::uint64_t dropped_bytes = 0;   ///< A torn tail, dropped.
  std::error_code error;             ///< corrupt_journal, malformed_data, io_error; empty when fine.
  std::uint64_t error_offset = 0;    ///< File offset of the damaged record (with error).

  bool ok() const noexcept { return !error; }
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
  file_journal(int fd, journal_sync_policy policy, std::uint64_t size) noexcept
      : fd_(fd), policy_(policy), size_(size) {}

  int fd_ = -1;
  journal_sync_policy policy_;
  std::uint64_t size_ = 0;
  std::uint64_t appended_ = 0;
  std::uint64_t syncs_ = 0;
  std::uint32_t unsynced_ = 0;
  std::chrono::steady_clock::time_point oldest_unsynced_{};
  std::string frame_;  // reused record buffer
};

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/journal/file_journal-inl.hpp>
#endif

#endif  // OMNIROUTE_JOURNAL_FILE_JOURNAL_HPP
