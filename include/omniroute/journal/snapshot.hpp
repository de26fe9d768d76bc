// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Snapshots of a router's full state, so that recovery need not replay a journal from the
// beginning (see docs/reliability.md, "Snapshots").
//
// A snapshot holds the router's primary state — what router::state_hash() visits — with every
// slot index and generation, so handles the host holds (agents, queues, contacts, offers) stay
// valid after a restore and the router issues the same handles next; the timer set's arming
// counter and every armed timer's deadline and sequence (so timers fire in the same order); the
// clock, the generator's state, the sequence counters, the service-level windows. Derived
// indexes are rebuilt on restore, never saved. A restored router makes the same decisions,
// events and explanations as the original would have, command for command.
//
// Format (little-endian):
//   header, 40 bytes: magic "OMNISNAP", u32 format version (2), u32 reserved (0),
//                     u64 journal sequence (the first journal record NOT in the snapshot),
//                     u64 payload length, u32 CRC-32C of the payload,
//                     u32 CRC-32C of the 36 header bytes before it
//   payload:          the state; its first field is the state hash, which restore checks
//                     against the rebuilt router.
// Format 1 had the same payload with a hash that missed some decision-relevant state (the
// queue-selection policies, service-level settings and windows, reserve flags, the host's
// configuration echo). restore_snapshot reads both; save_snapshot writes format 2, so a format-1
// snapshot restored and saved again comes back as format 2.
#ifndef OMNIROUTE_JOURNAL_SNAPSHOT_HPP
#define OMNIROUTE_JOURNAL_SNAPSHOT_HPP

#include <omniroute/router/router.hpp>

#include <cstdint>
#include <string>
#include <string_view>

OMNIROUTE_BEGIN_NAMESPACE

inline constexpr std::size_t snapshot_header_size = 40;
inline constexpr std::uint32_t snapshot_format_version = 2;
/// The oldest format restore_snapshot reads.
inline constexpr std::uint32_t snapshot_format_oldest = 1;

/// Appends a snapshot of `r` to `out`. `journal_sequence` is recorded in the header: the
/// sequence number of the first journal record the snapshot does not contain (see
/// file_journal checkpoints). Call between commands (never from an observer or transport
/// callback). Complexity: O(state); allocates (the output, scratch for free lists). Throws
/// only what allocation throws.
OMNIROUTE_API void save_snapshot(const router& r, std::string& out, std::uint64_t journal_sequence = 0);

/// Replaces the state of `r` — a fresh router: no command run, nothing registered — with the
/// snapshot in `bytes`, and returns the snapshot's journal sequence. The router keeps its
/// observer, transports, error handler and explanation setting; its options' seed and default
/// queue-selection policy are replaced by the snapshot's (they are state).
///
/// Errors, all leaving `r` unchanged:
///  - illegal_transition: `r` is not fresh;
///  - corrupt_journal: the header or payload fails its checksum, or the bytes are cut short
///    or run on past the payload (a damaged or partly written snapshot);
///  - malformed_data: not a snapshot (magic), an unknown format version, or a payload that
///    passes its checksum but does not rebuild a consistent router whose state hash is the
///    saved one (a writer bug or a snapshot of an incompatible build, e.g. another
///    OMNIROUTE_MAX_CHANNELS).
/// Complexity: O(state) plus the index rebuild, O(memberships x channels x log members).
OMNIROUTE_API result<std::uint64_t> restore_snapshot(router& r, std::string_view bytes);

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/journal/snapshot-inl.hpp>
#endif

#endif  // OMNIROUTE_JOURNAL_SNAPSHOT_HPP
