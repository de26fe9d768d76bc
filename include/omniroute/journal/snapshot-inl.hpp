// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_JOURNAL_SNAPSHOT_INL_HPP
#define OMNIROUTE_JOURNAL_SNAPSHOT_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/journal/snapshot.hpp>
#endif

#include <omniroute/journal/detail/router_snapshot.hpp>
#include <omniroute/journal/file_journal.hpp>

#include <cstring>
#include <memory>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

inline constexpr char snapshot_magic[8] = {'O', 'M', 'N', 'I', 'S', 'N', 'A', 'P'};

// A snapshot of format N opens with a state hash of format N: the loader checks it as such.
static_assert(snapshot_format_version == state_hash_format && snapshot_format_oldest == state_hash_format_oldest,
              "snapshot formats follow the state-hash formats");

/// router's friend: the snapshot functions reach the implementation through it.
struct snapshot_access {
  static const router_impl& impl(const router& r) noexcept { return *r.impl_; }
  static std::unique_ptr<router_impl>& impl(router& r) noexcept { return r.impl_; }
};

}  // namespace detail

OMNIROUTE_INLINE void save_snapshot(const router& r, std::string& out, std::uint64_t journal_sequence) {
  std::string payload;
  detail::wire_writer body{payload};
  detail::router_snapshot::save(detail::snapshot_access::impl(r), body);
  const std::size_t start = out.size();
  out.append(detail::snapshot_magic, sizeof detail::snapshot_magic);
  detail::wire_writer w{out};
  w.u32(snapshot_format_version);
  w.u32(0);
  w.u64(journal_sequence);
  w.u64(payload.size());
  w.u32(crc32c(payload));
  w.u32(crc32c(std::string_view(out).substr(start, snapshot_header_size - 4)));
  out += payload;
}

OMNIROUTE_INLINE result<std::uint64_t> restore_snapshot(router& r, std::string_view bytes) {
  std::unique_ptr<detail::router_impl>& target = detail::snapshot_access::impl(r);
  if (!detail::router_snapshot::is_fresh(*target)) return errc::illegal_transition;
  const std::size_t magic_seen = std::min(bytes.size(), sizeof detail::snapshot_magic);
  if (std::memcmp(bytes.data(), detail::snapshot_magic, magic_seen) != 0) return errc::malformed_data;
  if (bytes.size() < snapshot_header_size) return errc::corrupt_journal;  // cut short
  detail::wire_reader header{bytes.substr(8, snapshot_header_size - 8)};
  std::uint32_t version = 0;
  std::uint32_t reserved = 0;
  std::uint64_t sequence = 0;
  std::uint64_t length = 0;
  std::uint32_t crc = 0;
  std::uint32_t header_crc = 0;
  (void)(header.u32(version) && header.u32(reserved) && header.u64(sequence) && header.u64(length) &&
         header.u32(crc) && header.u32(header_crc));
  if (header_crc != crc32c(bytes.substr(0, snapshot_header_size - 4))) return errc::corrupt_journal;
  if (version < snapshot_format_oldest || version > snapshot_format_version) return errc::malformed_data;
  if (length != bytes.size() - snapshot_header_size) return errc::corrupt_journal;
  const std::string_view payload = bytes.substr(snapshot_header_size);
  if (crc32c(payload) != crc) return errc::corrupt_journal;

  // Build into a scratch router and swap it in only when complete: a refused snapshot leaves
  // the target as it was.
  router_options scratch_options;
  scratch_options.expected_agents = 0;
  scratch_options.expected_contacts = 0;
  auto restored = std::make_unique<detail::router_impl>(scratch_options);
  detail::wire_reader in{payload};
  if (const std::error_code e = detail::router_snapshot::load(*restored, in, version); e) return e;
  detail::router_snapshot::adopt_ports(*target, *restored);
  target = std::move(restored);
  return sequence;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_JOURNAL_SNAPSHOT_INL_HPP
