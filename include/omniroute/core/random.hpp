// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A small, fast, seedable generator whose sequence is the same on every platform (unlike the
// distributions of <random>), so seeded decisions reproduce everywhere.
#ifndef OMNIROUTE_CORE_RANDOM_HPP
#define OMNIROUTE_CORE_RANDOM_HPP

#include <omniroute/core/base.hpp>

#include <array>
#include <cstdint>

OMNIROUTE_BEGIN_NAMESPACE

/// xoshiro256** seeded through splitmix64.
class rng {
  __extension__ typedef unsigned __int128 u128;

 public:
  explicit rng(std::uint64_t seed = 0) noexcept { this->seed(seed); }

  void seed(std::uint64_t seed) noexcept {
    for (auto& word : s_) {
      seed += 0x9e3779b97f4a7c15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      word = z ^ (z >> 31);
    }
  }

  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, bound) without modulo bias (Lemire). Precondition: bound > 0.
  std::uint64_t below(std::uint64_t bound) noexcept {
    u128 m = static_cast<u128>(next()) * bound;
    std::uint64_t low = static_cast<std::uint64_t>(m);
    if (low < bound) {
      const std::uint64_t threshold = (0 - bound) % bound;
      while (low < threshold) {
        m = static_cast<u128>(next()) * bound;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  /// Uniform in [0, 1).
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// The generator's four state words, for snapshots: a generator given them with
  /// set_state() continues the same sequence.
  std::array<std::uint64_t, 4> state() const noexcept { return {s_[0], s_[1], s_[2], s_[3]}; }
  void set_state(const std::array<std::uint64_t, 4>& words) noexcept {
    for (std::size_t i = 0; i < 4; ++i) s_[i] = words[i];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_RANDOM_HPP
