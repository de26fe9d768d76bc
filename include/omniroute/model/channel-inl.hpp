// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_MODEL_CHANNEL_INL_HPP
#define OMNIROUTE_MODEL_CHANNEL_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/model/channel.hpp>
#endif

OMNIROUTE_BEGIN_NAMESPACE

OMNIROUTE_INLINE channel_registry::channel_registry() {
  infos_.reserve(max_channels);
  const channel_set everything = channel_set::all();
  infos_.push_back({"voice", channel_kind::real_time, 100, everything});
  infos_.push_back({"callback", channel_kind::deferred, 100, everything});
  infos_.push_back({"chat", channel_kind::real_time, 25, {}});
  infos_.push_back({"email", channel_kind::deferred, 0, {channels::email}});
  infos_.push_back({"sms", channel_kind::deferred, 25, {}});
  infos_.push_back({"social", channel_kind::deferred, 25, {}});
  infos_.push_back({"video", channel_kind::real_time, 100, everything});
}

OMNIROUTE_INLINE result<channel_id> channel_registry::add(std::string_view name, channel_kind kind,
                                                          std::uint16_t default_cost,
                                                          channel_set default_blocks) {
  if (name.empty() || name.size() > 64) return errc::invalid_argument;
  if (find(name)) return errc::duplicate_name;
  if (infos_.size() >= max_channels) return errc::limit_exceeded;
  infos_.push_back({std::string(name), kind, default_cost, default_blocks});
  return channel_id(static_cast<std::uint8_t>(infos_.size() - 1));
}

OMNIROUTE_INLINE std::optional<channel_id> channel_registry::find(
    std::string_view name) const noexcept {
  for (std::size_t i = 0; i < infos_.size(); ++i) {
    if (infos_[i].name == name) return channel_id(static_cast<std::uint8_t>(i));
  }
  return std::nullopt;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_CHANNEL_INL_HPP
