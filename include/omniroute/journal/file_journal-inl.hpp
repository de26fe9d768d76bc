// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_JOURNAL_FILE_JOURNAL_INL_HPP
#define OMNIROUTE_JOURNAL_FILE_JOURNAL_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/journal/file_journal.hpp>
#endif

#include <omniroute/journal/detail/wire.hpp>
#include <omniroute/journal/snapshot.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

inline constexpr char journal_magic[8] = {'O', 'M', 'N', 'I', 'R', 'J', 'N', 'L'};
inline constexpr std::uint32_t journal_format_version = 1;

inline std::uint32_t read_u32(std::string_view b, std::size_t at) noexcept {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
  return v;
}

inline bool all_zero(std::string_view b) noexcept {
  for (char c : b) {
    if (c != 0) return false;
  }
  return true;
}

// Whether a whole, checksum-valid record starts anywhere in `bytes` at or after `from`. A torn
// write damages only the final record, so damage with a valid record after it is corruption.
// Complexity: O(remaining bytes x record length); only reached on a damaged file.
inline bool valid_record_after(std::string_view bytes, std::size_t from) noexcept {
  for (std::size_t p = from; p + journal_record_overhead < bytes.size(); ++p) {
    const std::uint32_t length = read_u32(bytes, p);
    if (length == 0 || length > journal_max_record || bytes.size() - p - journal_record_overhead < length) continue;
    if (crc32c(bytes.substr(p + journal_record_overhead, length)) == read_u32(bytes, p + 4)) return true;
  }
  return false;
}

inline std::string journal_header(std::uint64_t first_sequence) {
  std::string h(journal_magic, sizeof journal_magic);
  wire_writer w{h};
  w.u32(journal_format_version);
  w.u32(0);
  w.u64(first_sequence);
  w.u32(crc32c(h));
  return h;
}

// Writes all of `bytes`, retrying after signals and short writes.
inline bool write_all(int fd, std::string_view bytes) noexcept {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Makes a new directory entry durable (best effort: some file systems refuse to sync
// directories).
inline void sync_parent_directory(const std::string& path) noexcept {
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? std::string(".") : path.substr(0, slash + 1);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

// Reads the whole file at `path` into `out`; `found` says whether it exists.
inline std::error_code read_whole_file(const std::string& path, std::string& out, bool& found) {
  found = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? std::error_code() : make_error_code(errc::io_error);
  found = true;
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return make_error_code(errc::io_error);
    }
    if (n == 0) break;
    out.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return {};
}

// Creates `path` afresh holding `bytes`, synced. Returns the open descriptor or -1.
inline int write_synced_file(const std::string& path, std::string_view bytes) noexcept {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  if (!write_all(fd, bytes) || ::fdatasync(fd) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace detail

OMNIROUTE_INLINE std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc) noexcept {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (char ch : bytes) crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

OMNIROUTE_INLINE journal_report scan_journal(
    std::string_view bytes, const std::function<std::error_code(std::string_view, std::uint64_t)>& on_record) {
  journal_report r;
  const std::size_t size = bytes.size();
  if (size < journal_header_size) {
    // Only a crash while the header was being written leaves a short file: nothing to replay.
    const bool header_prefix = std::memcmp(bytes.data(), detail::journal_magic, std::min(size, sizeof detail::journal_magic)) == 0;
    if (header_prefix || detail::all_zero(bytes)) {
      r.dropped_bytes = size;
      return r;
    }
    r.error = make_error_code(errc::corrupt_journal);
    return r;
  }
  if (std::memcmp(bytes.data(), detail::journal_magic, sizeof detail::journal_magic) != 0 ||
      detail::read_u32(bytes, 24) != crc32c(bytes.substr(0, 24))) {
    r.error = make_error_code(errc::corrupt_journal);
    return r;
  }
  if (detail::read_u32(bytes, 8) != detail::journal_format_version) {
    r.error = make_error_code(errc::malformed_data);
    return r;
  }
  detail::wire_reader header{bytes.substr(16, 8)};
  (void)header.u64(r.first_sequence);

  std::size_t pos = journal_header_size;
  r.valid_bytes = pos;
  auto corrupt = [&](errc e) {
    r.error = make_error_code(e);
    r.error_offset = pos;
  };
  auto torn = [&] {
    if (detail::valid_record_after(bytes, pos + 1)) {
      corrupt(errc::corrupt_journal);  // e.g. a damaged length field in the middle
    } else {
      r.dropped_bytes = size - pos;
    }
  };
  while (pos < size) {
    const std::size_t left = size - pos;
    if (left < journal_record_overhead) {
      torn();
      break;
    }
    const std::uint32_t length = detail::read_u32(bytes, pos);
    const std::uint32_t crc = detail::read_u32(bytes, pos + 4);
    const std::string_view rest = bytes.substr(pos);
    if (length == 0 || length > journal_max_record) {
      // A file system can leave zeros past the last write after a crash; anything else here
      // is damage.
      if (detail::all_zero(rest)) {
        r.dropped_bytes = size - pos;
      } else {
        corrupt(errc::corrupt_journal);
      }
      break;
    }
    if (left - journal_record_overhead < length) {
      torn();  // the final record was cut short
      break;
    }
    const std::string_view payload = bytes.substr(pos + journal_record_overhead, length);
    if (crc32c(payload) != crc) {
      const std::string_view after = bytes.substr(pos + journal_record_overhead + length);
      if (detail::all_zero(after)) {
        r.dropped_bytes = size - pos;  // the final record, partly written
      } else {
        corrupt(errc::corrupt_journal);
      }
      break;
    }
    if (const std::error_code e = on_record(payload, pos); e) {
      r.error = e;
      r.error_offset = pos;
      break;
    }
    ++r.records;
    pos += journal_record_overhead + length;
    r.valid_bytes = pos;
  }
  return r;
}

OMNIROUTE_INLINE journal_report replay_journal(router& r, std::string_view bytes) {
  std::uint64_t refused = 0;
  journal_report report = scan_journal(bytes, [&](std::string_view payload, std::uint64_t) -> std::error_code {
    auto c = decode(payload);
    if (!c) return c.error();
    if (!apply(r, *c).ok()) ++refused;
    return {};
  });
  report.refused = refused;
  return report;
}

OMNIROUTE_INLINE journal_report recover(router& r, const std::string& path) {
  journal_report report;
  std::string bytes;
  bool found = false;
  report.error = detail::read_whole_file(path, bytes, found);
  if (report.error || !found) return report;  // no file: nothing was ever journaled
  return replay_journal(r, bytes);
}

OMNIROUTE_INLINE journal_report recover(router& r, const std::string& snapshot_path, const std::string& journal_path) {
  journal_report report;
  std::string bytes;
  bool found = false;
  if ((report.error = detail::read_whole_file(snapshot_path, bytes, found))) return report;
  if (found) {
    auto sequence = restore_snapshot(r, bytes);
    if (!sequence) {
      report.error = sequence.error();
      return report;
    }
    report.snapshot_sequence = *sequence;
  }
  bytes.clear();
  if ((report.error = detail::read_whole_file(journal_path, bytes, found))) return report;
  if (bytes.size() >= journal_header_size) {
    // The header's checksum is checked by the scan below, before any record is applied.
    detail::wire_reader header{std::string_view(bytes).substr(16, 8)};
    std::uint64_t first = 0;
    (void)header.u64(first);
    if (first > report.snapshot_sequence && detail::read_u32(bytes, 24) == crc32c(std::string_view(bytes).substr(0, 24))) {
      report.first_sequence = first;
      report.error = make_error_code(errc::corrupt_journal);  // records are missing in between
      return report;
    }
  }
  std::uint64_t sequence = 0;
  bool started = false;
  std::uint64_t refused = 0;
  std::uint64_t skipped = 0;
  const std::uint64_t from = report.snapshot_sequence;
  journal_report scanned = scan_journal(bytes, [&](std::string_view payload, std::uint64_t) -> std::error_code {
    if (!started) {
      detail::wire_reader header{std::string_view(bytes).substr(16, 8)};
      (void)header.u64(sequence);
      started = true;
    }
    if (sequence++ < from) {
      ++skipped;  // already in the snapshot
      return {};
    }
    auto c = decode(payload);
    if (!c) return c.error();
    if (!apply(r, *c).ok()) ++refused;
    return {};
  });
  scanned.snapshot_sequence = from;
  scanned.skipped = skipped;
  scanned.refused = refused;
  return scanned;
}

OMNIROUTE_INLINE status write_file_atomically(const std::string& path, std::string_view bytes) {
  const std::string temporary = path + ".tmp";
  const int fd = detail::write_synced_file(temporary, bytes);
  if (fd < 0) {
    (void)::unlink(temporary.c_str());
    return errc::io_error;
  }
  ::close(fd);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    (void)::unlink(temporary.c_str());
    return errc::io_error;
  }
  detail::sync_parent_directory(path);
  return {};
}

OMNIROUTE_INLINE status checkpoint(const router& r, file_journal& journal, const std::string& snapshot_path) {
  if (status s = journal.sync(); !s) return s;
  std::string snapshot;
  save_snapshot(r, snapshot, journal.next_sequence());
  if (status s = write_file_atomically(snapshot_path, snapshot); !s) return s;
  return journal.restart(journal.next_sequence());
}

OMNIROUTE_INLINE std::string journal_file_header(std::uint64_t first_sequence) {
  return detail::journal_header(first_sequence);
}

OMNIROUTE_INLINE void append_journal_record(std::string& image, std::string_view payload) {
  detail::wire_writer w{image};
  w.u32(static_cast<std::uint32_t>(payload.size()));
  w.u32(crc32c(payload));
  image.append(payload.data(), payload.size());
}

// ---- file_journal --------------------------------------------------------------------------

OMNIROUTE_INLINE result<std::unique_ptr<file_journal>> file_journal::create(const std::string& path,
                                                                            journal_sync_policy policy,
                                                                            std::uint64_t first_sequence) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errc::io_error;
  const std::string header = detail::journal_header(first_sequence);
  if (!detail::write_all(fd, header) || ::fdatasync(fd) != 0) {
    ::close(fd);
    return errc::io_error;
  }
  detail::sync_parent_directory(path);
  return std::unique_ptr<file_journal>(new file_journal(fd, path, policy, header.size(), first_sequence));
}

OMNIROUTE_INLINE result<std::unique_ptr<file_journal>> file_journal::reopen(const std::string& path,
                                                                            const journal_report& report,
                                                                            journal_sync_policy policy) {
  if (report.error) return report.error;
  // No usable header, or a journal that ends before the snapshot recovery started from (its
  // records are all in the snapshot): start a fresh journal where the snapshot ends.
  if (report.valid_bytes < journal_header_size || report.first_sequence + report.records < report.snapshot_sequence) {
    return create(path, policy, report.next_sequence());
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errc::io_error;
  // Cut the torn tail for good: records appended after it must follow the last valid one.
  if (::ftruncate(fd, static_cast<off_t>(report.valid_bytes)) != 0 ||
      ::lseek(fd, static_cast<off_t>(report.valid_bytes), SEEK_SET) < 0 || ::fdatasync(fd) != 0) {
    ::close(fd);
    return errc::io_error;
  }
  return std::unique_ptr<file_journal>(
      new file_journal(fd, path, policy, report.valid_bytes, report.first_sequence + report.records));
}

OMNIROUTE_INLINE file_journal::~file_journal() {
  if (fd_ < 0) return;
  (void)do_sync();
  ::close(fd_);
}

OMNIROUTE_INLINE status file_journal::do_append(std::string_view record) {
  if (fd_ < 0) return errc::io_error;
  if (record.empty() || record.size() > journal_max_record) return errc::invalid_argument;
  frame_.clear();
  append_journal_record(frame_, record);
  // One write per record, so a crash can only tear the last one.
  if (!detail::write_all(fd_, frame_)) {
    // Take back a partial record so that later appends do not follow a torn one (which
    // recovery would have to call corruption); if even that fails, refuse every later append.
    if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0 || ::lseek(fd_, static_cast<off_t>(size_), SEEK_SET) < 0) {
      ::close(fd_);
      fd_ = -1;
    }
    return errc::io_error;
  }
  size_ += frame_.size();
  ++appended_;
  ++next_sequence_;
  const auto now = std::chrono::steady_clock::now();
  if (unsynced_++ == 0) oldest_unsynced_ = now;
  if (policy_.every_records != 0 && unsynced_ >= policy_.every_records) return do_sync();
  if (policy_.max_delay.count() > 0 && now - oldest_unsynced_ >= policy_.max_delay) return do_sync();
  return {};
}

OMNIROUTE_INLINE status file_journal::do_sync() {
  if (fd_ < 0) return errc::io_error;
  if (unsynced_ == 0) return {};
  if (::fdatasync(fd_) != 0) return errc::io_error;
  ++syncs_;
  unsynced_ = 0;
  return {};
}

OMNIROUTE_INLINE status file_journal::restart(std::uint64_t first_sequence) {
  const std::string temporary = path_ + ".tmp";
  const int fd = detail::write_synced_file(temporary, detail::journal_header(first_sequence));
  if (fd < 0 || std::rename(temporary.c_str(), path_.c_str()) != 0) {
    if (fd >= 0) ::close(fd);
    (void)::unlink(temporary.c_str());
    return errc::io_error;
  }
  detail::sync_parent_directory(path_);
  // Records still unsynced in the old file are in the snapshot the caller made durable first.
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  size_ = journal_header_size;
  unsynced_ = 0;
  next_sequence_ = first_sequence;
  return {};
}

OMNIROUTE_INLINE status file_journal::sync_if_due() {
  if (unsynced_ == 0 || policy_.max_delay.count() <= 0) return {};
  if (std::chrono::steady_clock::now() - oldest_unsynced_ < policy_.max_delay) return {};
  return do_sync();
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_JOURNAL_FILE_JOURNAL_INL_HPP
