// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// How much memory the routers hold outside malloc, for hosts that watch malloc's statistics.
#ifndef OMNIROUTE_CORE_MAPPED_MEMORY_HPP
#define OMNIROUTE_CORE_MAPPED_MEMORY_HPP

#include <omniroute/core/base.hpp>

#include <atomic>
#include <cstddef>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {
/// Kept by detail::chunk_source as it carves chunks and unmaps its regions.
inline std::atomic<std::size_t> mapped_record_bytes_total{0};
}  // namespace detail

/// Bytes of record chunks the process's routers hold in their own huge-page regions
/// (router_options::huge_pages). malloc's statistics (mallinfo2, malloc_stats) do not count
/// them: add this to see the routers' whole heap. Thread-safe.
inline std::size_t mapped_record_bytes() noexcept {
  return detail::mapped_record_bytes_total.load(std::memory_order_relaxed);
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_MAPPED_MEMORY_HPP
