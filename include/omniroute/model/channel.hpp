// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Channels: the medium of a contact (voice, chat, email...). Built-ins are registered by every
// router; hosts add their own. A channel is real-time or deferred.
#ifndef OMNIROUTE_MODEL_CHANNEL_HPP
#define OMNIROUTE_MODEL_CHANNEL_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/result.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

static_assert(OMNIROUTE_MAX_CHANNELS >= 8 && OMNIROUTE_MAX_CHANNELS <= 32,
              "OMNIROUTE_MAX_CHANNELS must be between 8 and 32 (channel sets are 32-bit masks)");

inline constexpr std::size_t max_channels = OMNIROUTE_MAX_CHANNELS;

/// A registered channel: a small dense number, stable for the router's lifetime.
class channel_id {
 public:
  constexpr channel_id() noexcept = default;
  constexpr explicit channel_id(std::uint8_t value) noexcept : value_(value) {}
  constexpr std::uint8_t value() const noexcept { return value_; }
  constexpr bool is_valid() const noexcept { return value_ < max_channels; }
  friend constexpr bool operator==(channel_id a, channel_id b) noexcept {
    return a.value_ == b.value_;
  }
  friend constexpr bool operator!=(channel_id a, channel_id b) noexcept { return !(a == b); }

 private:
  std::uint8_t value_ = 0xFF;
};

/// The built-in channels, registered in this order by every router.
namespace channels {
inline constexpr channel_id voice{0};
inline constexpr channel_id callback{1};
inline constexpr channel_id chat{2};
inline constexpr channel_id email{3};
inline constexpr channel_id sms{4};
inline constexpr channel_id social{5};
inline constexpr channel_id video{6};
inline constexpr std::uint8_t builtin_count = 7;
}  // namespace channels

/// Real-time contacts (a call, a chat) hold the customer on the line; deferred ones (an email, a
/// callback request) can wait hours and may be interrupted by real-time work.
enum class channel_kind : std::uint8_t { real_time, deferred };

/// A set of channels as a bit mask. Iteration visits members in ascending id order.
class channel_set {
 public:
  constexpr channel_set() noexcept = default;
  constexpr channel_set(std::initializer_list<channel_id> ids) noexcept {
    for (channel_id id : ids) add(id);
  }
  static constexpr channel_set from_bits(std::uint32_t bits) noexcept {
    channel_set s;
    s.bits_ = bits;
    return s;
  }
  static constexpr channel_set all() noexcept { return from_bits(~std::uint32_t{0}); }

  constexpr channel_set& add(channel_id id) noexcept {
    bits_ |= bit(id);
    return *this;
  }
  constexpr channel_set& remove(channel_id id) noexcept {
    bits_ &= ~bit(id);
    return *this;
  }
  constexpr bool contains(channel_id id) const noexcept { return (bits_ & bit(id)) != 0; }
  constexpr bool empty() const noexcept { return bits_ == 0; }
  constexpr std::uint32_t bits() const noexcept { return bits_; }
  constexpr channel_set operator&(channel_set o) const noexcept { return from_bits(bits_ & o.bits_); }
  constexpr channel_set operator|(channel_set o) const noexcept { return from_bits(bits_ | o.bits_); }
  friend constexpr bool operator==(channel_set a, channel_set b) noexcept {
    return a.bits_ == b.bits_;
  }
  friend constexpr bool operator!=(channel_set a, channel_set b) noexcept { return !(a == b); }

  /// Calls f(channel_id) for each member, lowest id first.
  template <class F>
  constexpr void for_each(F&& f) const {
    for (std::uint32_t rest = bits_; rest != 0; rest &= rest - 1) {
      f(channel_id(static_cast<std::uint8_t>(__builtin_ctz(rest))));
    }
  }

 private:
  static constexpr std::uint32_t bit(channel_id id) noexcept {
    return id.is_valid() ? (std::uint32_t{1} << id.value()) : 0;
  }
  std::uint32_t bits_ = 0;
};

/// What the router knows about a channel.
struct channel_info {
  std::string name;
  channel_kind kind = channel_kind::real_time;
  /// Capacity units one contact of this channel takes from an agent by default (an agent's
  /// total is 100 by default: one call = 100, one chat = 25).
  std::uint16_t default_cost = 100;
  /// Channels an agent cannot be offered while holding work of this channel, by default.
  channel_set default_blocks;
};

/// The channels of one router: the seven built-ins plus host registrations.
class channel_registry {
 public:
  /// Registers the built-in channels with their default costs and blocking rules:
  /// voice, callback and video cost 100 and block every channel; chat, sms and social cost 25;
  /// email costs 0 (it is background work) and blocks only more email.
  OMNIROUTE_API channel_registry();

  /// Effects: adds a channel. Errors: duplicate_name, limit_exceeded (more than max_channels),
  /// invalid_argument (empty name or longer than 64 bytes). Complexity: O(channels).
  OMNIROUTE_API result<channel_id> add(std::string_view name, channel_kind kind,
                                       std::uint16_t default_cost, channel_set default_blocks = {});

  /// The channel of that name, if registered.
  OMNIROUTE_API std::optional<channel_id> find(std::string_view name) const noexcept;

  bool contains(channel_id id) const noexcept { return id.value() < infos_.size(); }
  /// Precondition: contains(id).
  const channel_info& info(channel_id id) const noexcept { return infos_[id.value()]; }
  std::size_t size() const noexcept { return infos_.size(); }
  channel_set all() const noexcept {
    return channel_set::from_bits(infos_.size() >= 32 ? ~0u : ((1u << infos_.size()) - 1));
  }

 private:
  std::vector<channel_info> infos_;
};

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/model/channel-inl.hpp>
#endif

#endif  // OMNIROUTE_MODEL_CHANNEL_HPP
