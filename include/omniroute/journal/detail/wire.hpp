// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Little-endian primitives shared by the command and journal encodings. The reader checks every
// length against the bytes left, so hostile input can neither read out of bounds nor make it
// allocate more than the input's own size. Not public API.
#ifndef OMNIROUTE_JOURNAL_DETAIL_WIRE_HPP
#define OMNIROUTE_JOURNAL_DETAIL_WIRE_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/handle.hpp>
#include <omniroute/core/time.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// Longest string a reader accepts (names are far shorter; this bounds hostile input).
inline constexpr std::uint32_t wire_max_string = 1u << 16;

struct wire_writer {
  std::string& out;

  void u8(std::uint8_t v) { out.push_back(static_cast<char>(v)); }
  void u16(std::uint16_t v) { le(v, 2); }
  void u32(std::uint32_t v) { le(v, 4); }
  void u64(std::uint64_t v) { le(v, 8); }
  void i32(std::int32_t v) { le(static_cast<std::uint32_t>(v), 4); }
  void i64(std::int64_t v) { le(static_cast<std::uint64_t>(v), 8); }
  void flag(bool v) { u8(v ? 1 : 0); }
  void f64(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
  }
  void dur(duration d) { i64(d.count()); }
  void time(time_point t) { i64(t.time_since_epoch().count()); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out.append(s.data(), s.size());
  }

 private:
  void le(std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
};

/// Every read returns false (and consumes nothing more) once the input runs short.
struct wire_reader {
  std::string_view in;
  std::size_t pos = 0;

  std::size_t left() const noexcept { return in.size() - pos; }
  bool at_end() const noexcept { return pos == in.size(); }

  bool u8(std::uint8_t& v) noexcept {
    std::uint64_t x = 0;
    if (!le(x, 1)) return false;
    v = static_cast<std::uint8_t>(x);
    return true;
  }
  bool u16(std::uint16_t& v) noexcept {
    std::uint64_t x = 0;
    if (!le(x, 2)) return false;
    v = static_cast<std::uint16_t>(x);
    return true;
  }
  bool u32(std::uint32_t& v) noexcept {
    std::uint64_t x = 0;
    if (!le(x, 4)) return false;
    v = static_cast<std::uint32_t>(x);
    return true;
  }
  bool u64(std::uint64_t& v) noexcept { return le(v, 8); }
  bool i32(std::int32_t& v) noexcept {
    std::uint32_t x = 0;
    if (!u32(x)) return false;
    v = static_cast<std::int32_t>(x);
    return true;
  }
  bool i64(std::int64_t& v) noexcept {
    std::uint64_t x = 0;
    if (!u64(x)) return false;
    v = static_cast<std::int64_t>(x);
    return true;
  }
  /// Only 0 and 1: any other byte is corruption, not "true".
  bool flag(bool& v) noexcept {
    std::uint8_t x = 0;
    if (!u8(x) || x > 1) return false;
    v = x == 1;
    return true;
  }
  bool f64(double& v) noexcept {
    std::uint64_t bits = 0;
    if (!u64(bits)) return false;
    std::memcpy(&v, &bits, sizeof v);
    return true;
  }
  bool dur(duration& d) noexcept {
    std::int64_t x = 0;
    if (!i64(x)) return false;
    d = duration(x);
    return true;
  }
  bool time(time_point& t) noexcept {
    std::int64_t x = 0;
    if (!i64(x)) return false;
    t = time_point(duration(x));
    return true;
  }
  template <class Tag>
  bool handle(omniroute::handle<Tag>& h) noexcept {
    std::uint64_t x = 0;
    if (!u64(x)) return false;
    h = omniroute::handle<Tag>::from_value(x);
    return true;
  }
  /// An enumeration stored as one byte, valid below `count`.
  template <class Enum>
  bool enumeration(Enum& e, std::uint8_t count) noexcept {
    std::uint8_t x = 0;
    if (!u8(x) || x >= count) return false;
    e = static_cast<Enum>(x);
    return true;
  }
  bool str(std::string& s) {
    std::uint32_t n = 0;
    if (!u32(n) || n > wire_max_string || n > left()) return false;
    s.assign(in.data() + pos, n);
    pos += n;
    return true;
  }
  /// An element count whose elements take at least `min_bytes` each.
  bool count(std::uint32_t& n, std::size_t min_bytes) noexcept {
    if (!u32(n)) return false;
    return static_cast<std::uint64_t>(n) * min_bytes <= left();
  }

 private:
  bool le(std::uint64_t& v, int bytes) noexcept {
    if (left() < static_cast<std::size_t>(bytes)) return false;
    v = 0;
    for (int i = 0; i < bytes; ++i) {
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[pos + i])) << (8 * i);
    }
    pos += static_cast<std::size_t>(bytes);
    return true;
  }
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_JOURNAL_DETAIL_WIRE_HPP
