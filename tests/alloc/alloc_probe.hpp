// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The allocation probe of the no-allocation tests: while a window is open on this thread,
// every global operator new is counted and the first stacks are recorded, and so is growth of
// the routers' huge-page record chunks, which bypass operator new (mapped_record_bytes). The replaced
// operators themselves are defined once, in test_no_allocation.cpp (one definition per
// binary); every test of the binary shares them and this probe.
#ifndef OMNIROUTE_TESTS_ALLOC_PROBE_HPP
#define OMNIROUTE_TESTS_ALLOC_PROBE_HPP

#include <omniroute/core/mapped_memory.hpp>

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

#if defined(__GLIBC__) || defined(__linux__)
#include <execinfo.h>
#define OMNIROUTE_ALLOC_BACKTRACE 1
#else
#define OMNIROUTE_ALLOC_BACKTRACE 0
#endif

namespace alloc_probe {

inline thread_local bool counting = false;
inline thread_local bool inside = false;  // the probe's own work (backtrace) is not counted
inline std::atomic<std::size_t> count{0};
inline std::atomic<std::size_t> bytes{0};
/// Bytes of record chunks the routers carved from their huge-page regions in the window.
inline std::atomic<std::size_t> mapped{0};

constexpr int max_traces = 6;
constexpr int max_frames = 24;
struct trace {
  std::size_t size = 0;
  int frames = 0;
  void* pc[max_frames] = {};
};
inline trace traces[max_traces];
inline std::atomic<int> traced{0};

inline void note(std::size_t n) noexcept {
  if (!counting || inside) return;
  inside = true;
  count.fetch_add(1, std::memory_order_relaxed);
  bytes.fetch_add(n, std::memory_order_relaxed);
#if OMNIROUTE_ALLOC_BACKTRACE
  const int k = traced.load(std::memory_order_relaxed);
  if (k < max_traces) {
    traces[k].size = n;
    traces[k].frames = backtrace(traces[k].pc, max_frames);
    traced.store(k + 1, std::memory_order_relaxed);
  }
#endif
  inside = false;
}

inline void* plain(std::size_t n) noexcept {
  note(n);
  return std::malloc(n == 0 ? 1 : n);
}
inline void* aligned(std::size_t n, std::align_val_t al) noexcept {
  note(n);
  std::size_t a = static_cast<std::size_t>(al);
  if (a < sizeof(void*)) a = sizeof(void*);
  void* p = nullptr;
  if (posix_memalign(&p, a, n == 0 ? a : n) != 0) return nullptr;
  return p;
}

/// Counts allocations made while alive (on this thread).
class window {
 public:
  window() : mapped_at_open_(omniroute::mapped_record_bytes()) {
    count = 0;
    bytes = 0;
    mapped = 0;
    traced = 0;
    counting = true;
  }
  ~window() { close(); }
  window(const window&) = delete;
  window& operator=(const window&) = delete;
  /// Stops counting; record chunks carved meanwhile count as one allocation of their bytes.
  void close() {
    if (!counting) return;
    counting = false;
    const std::size_t now = omniroute::mapped_record_bytes();
    if (now > mapped_at_open_) {
      mapped = now - mapped_at_open_;
      count.fetch_add(1);
      bytes.fetch_add(mapped.load());
    }
  }

 private:
  std::size_t mapped_at_open_ = 0;
};

/// Readable stacks of the recorded allocations (symbolised with addr2line when available).
inline std::string report() {
  std::string out;
  if (mapped.load() != 0) {
    out += "record pools grew by " + std::to_string(mapped.load()) +
           " bytes of huge-page chunks (router_options::huge_pages; no stack recorded)\n";
  }
#if OMNIROUTE_ALLOC_BACKTRACE
  for (int i = 0; i < traced.load(); ++i) {
    out += "allocation of " + std::to_string(traces[i].size) + " bytes:\n";
    char** names = backtrace_symbols(traces[i].pc, traces[i].frames);
    for (int f = 1; f < traces[i].frames; ++f) {
      std::string line = names ? names[f] : "?";
      // glibc prints "binary(+0xOFFSET) [0xADDR]" for PIE code without dynamic symbols:
      // ask addr2line for the function and line of the offset.
      const std::size_t open = line.find("(+0x");
      const std::size_t close = line.find(')', open);
      if (open != std::string::npos && close != std::string::npos) {
        const std::string binary = line.substr(0, open);
        const std::string offset = line.substr(open + 2, close - open - 2);
        const std::string cmd = "addr2line -f -C -i -e '" + binary + "' " + offset + " 2>/dev/null";
        if (FILE* p = popen(cmd.c_str(), "r")) {
          char buf[512];
          std::string resolved;
          while (std::fgets(buf, sizeof buf, p)) {
            std::string s(buf);
            if (!s.empty() && s.back() == '\n') s.pop_back();
            resolved += (resolved.empty() ? "" : " | ") + s;
          }
          pclose(p);
          if (!resolved.empty()) line += "  " + resolved;
        }
      }
      out += "    " + line + "\n";
    }
    std::free(names);
  }
#else
  out = "(no backtrace support on this platform)\n";
#endif
  return out;
}

}  // namespace alloc_probe

#endif  // OMNIROUTE_TESTS_ALLOC_PROBE_HPP
