// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The host's attributes on a contact (customer id, CRM key, language...), delivered with every
// offer for screen pop. Stored inline in a fixed buffer so that contacts never allocate.
#ifndef OMNIROUTE_MODEL_ATTRIBUTES_HPP
#define OMNIROUTE_MODEL_ATTRIBUTES_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/result.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

OMNIROUTE_BEGIN_NAMESPACE

/// A small ordered map of string keys to string values with fixed inline storage:
/// at most OMNIROUTE_MAX_ATTRIBUTES entries and OMNIROUTE_ATTRIBUTE_BYTES bytes of text.
/// Keys are unique and non-empty; entries keep insertion order.
class attribute_map {
 public:
  static constexpr std::size_t max_entries = OMNIROUTE_MAX_ATTRIBUTES;
  static constexpr std::size_t max_bytes = OMNIROUTE_ATTRIBUTE_BYTES;

  struct entry {
    std::string_view key;
    std::string_view value;
  };

  attribute_map() noexcept = default;

  /// Effects: sets key to value, replacing an existing value (which compacts the buffer).
  /// Errors: invalid_argument for an empty key; limit_exceeded when entries or bytes run out.
  /// On error the map is unchanged. Complexity: O(size() + max_bytes).
  status set(std::string_view key, std::string_view value) noexcept {
    if (key.empty()) return errc::invalid_argument;
    const int existing = index_of(key);
    const std::size_t freed = existing >= 0 ? slots_[existing].key_len + slots_[existing].value_len : 0;
    if (existing < 0 && count_ >= max_entries) return errc::limit_exceeded;
    if (used_ - freed + key.size() + value.size() > max_bytes) return errc::limit_exceeded;
    if (existing >= 0) erase_at(static_cast<std::size_t>(existing));
    slot& s = slots_[count_++];
    s.offset = static_cast<std::uint16_t>(used_);
    s.key_len = static_cast<std::uint16_t>(key.size());
    s.value_len = static_cast<std::uint16_t>(value.size());
    std::memcpy(bytes_.data() + used_, key.data(), key.size());
    std::memcpy(bytes_.data() + used_ + key.size(), value.data(), value.size());
    used_ += key.size() + value.size();
    return {};
  }

  /// The value for key, or an empty view with found == false.
  bool get(std::string_view key, std::string_view& value) const noexcept {
    const int i = index_of(key);
    if (i < 0) return false;
    value = value_at(static_cast<std::size_t>(i));
    return true;
  }
  bool contains(std::string_view key) const noexcept { return index_of(key) >= 0; }

  /// Removes key if present; returns whether it was.
  bool erase(std::string_view key) noexcept {
    const int i = index_of(key);
    if (i < 0) return false;
    erase_at(static_cast<std::size_t>(i));
    return true;
  }

  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  std::size_t bytes_used() const noexcept { return used_; }
  /// Precondition: i < size().
  entry operator[](std::size_t i) const noexcept { return {key_at(i), value_at(i)}; }

  friend bool operator==(const attribute_map& a, const attribute_map& b) noexcept {
    if (a.count_ != b.count_) return false;
    for (std::size_t i = 0; i < a.count_; ++i) {
      if (a.key_at(i) != b.key_at(i) || a.value_at(i) != b.value_at(i)) return false;
    }
    return true;
  }
  friend bool operator!=(const attribute_map& a, const attribute_map& b) noexcept {
    return !(a == b);
  }

 private:
  struct slot {
    std::uint16_t offset = 0;
    std::uint16_t key_len = 0;
    std::uint16_t value_len = 0;
  };

  std::string_view key_at(std::size_t i) const noexcept {
    return {bytes_.data() + slots_[i].offset, slots_[i].key_len};
  }
  std::string_view value_at(std::size_t i) const noexcept {
    return {bytes_.data() + slots_[i].offset + slots_[i].key_len, slots_[i].value_len};
  }
  int index_of(std::string_view key) const noexcept {
    for (std::size_t i = 0; i < count_; ++i) {
      if (key_at(i) == key) return static_cast<int>(i);
    }
    return -1;
  }
  void erase_at(std::size_t i) noexcept {
    const std::size_t start = slots_[i].offset;
    const std::size_t len = std::size_t{slots_[i].key_len} + slots_[i].value_len;
    std::memmove(bytes_.data() + start, bytes_.data() + start + len, used_ - start - len);
    used_ -= len;
    for (std::size_t j = i + 1; j < count_; ++j) {
      slots_[j - 1] = slots_[j];
      slots_[j - 1].offset = static_cast<std::uint16_t>(slots_[j - 1].offset - len);
    }
    --count_;
  }

  std::array<slot, max_entries> slots_{};
  std::array<char, max_bytes> bytes_{};
  std::uint16_t count_ = 0;
  std::uint16_t used_ = 0;
};

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_ATTRIBUTES_HPP
