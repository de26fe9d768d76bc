// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The journal port and the journaling facade. The router core does no I/O: a host that wants
// crash recovery runs its commands through a journaled_router, which writes each command to a
// journal_port before applying it (write-ahead). The embedded default port is file_journal
// (omniroute/journal/file_journal.hpp); hosts can plug their own (a replicated log, a database).
#ifndef OMNIROUTE_JOURNAL_JOURNAL_HPP
#define OMNIROUTE_JOURNAL_JOURNAL_HPP

#include <omniroute/journal/command.hpp>

#include <string>
#include <string_view>

OMNIROUTE_BEGIN_NAMESPACE

/// Where journal records go. One record is one encoded command (see command.hpp); the port adds
/// its own framing. Modelled on the observer port: a public non-virtual entry point and
/// protected virtual hooks.
class journal_port {
 public:
  virtual ~journal_port() = default;

  /// Appends one record. When it returns success the record is as durable as the port's sync
  /// policy promises (file_journal with sync every record: on stable storage).
  status append(std::string_view record) { return do_append(record); }
  /// Makes every appended record durable.
  status sync() { return do_sync(); }

 protected:
  virtual status do_append(std::string_view record) = 0;
  virtual status do_sync() = 0;
};

/// Runs commands on a router with write-ahead journaling.
///
/// Every command is journaled, refused ones included: a refused command still brings the
/// router up to its `now` (firing due timers), so replay needs it to reproduce the state. A
/// command whose append fails is not applied (errc::io_error), so the journal never lags the
/// router. The command's effects (events, transport calls) happen during execute(), after the
/// append: a host that acknowledges a command only after execute() returns never acknowledges
/// something recovery would not replay.
class journaled_router {
 public:
  journaled_router(router& r, journal_port& journal) noexcept : router_(r), journal_(journal) {}

  /// Journals, then applies `c`. Returns the command's outcome, or io_error when the journal
  /// refused the record (the router is then unchanged).
  command_outcome execute(const command& c) {
    buffer_.clear();
    encode(c, buffer_);
    const status written = journal_.append(buffer_);
    if (!written) return {written.error(), 0};
    ++records_;
    return apply(router_, c);
  }

  /// Records appended through this facade.
  std::uint64_t records() const noexcept { return records_; }
  router& target() noexcept { return router_; }
  journal_port& journal() noexcept { return journal_; }

 private:
  router& router_;
  journal_port& journal_;
  std::string buffer_;  // reused: steady state encodes without allocating
  std::uint64_t records_ = 0;
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_JOURNAL_JOURNAL_HPP
