// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_MODEL_SKILLS_INL_HPP
#define OMNIROUTE_MODEL_SKILLS_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/model/skills.hpp>
#endif

#include <algorithm>

OMNIROUTE_BEGIN_NAMESPACE

OMNIROUTE_INLINE skill_registry::skill_registry() {
  intern_value("false");
  intern_value("true");
}

OMNIROUTE_INLINE bool skill_registry::is_valid_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > max_name_length) return false;
  const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!is_letter(name.front())) return false;
  for (char c : name) {
    if (!(is_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) return false;
  }
  return true;
}

OMNIROUTE_INLINE result<skill_id> skill_registry::add_skill(std::string_view name) {
  if (!is_valid_name(name)) return errc::invalid_argument;
  if (names_.find(name) != names_.end()) return errc::duplicate_name;
  if (skills_.size() >= max_names) return errc::limit_exceeded;
  const auto id = static_cast<skill_id>(skills_.size());
  skills_.emplace_back(name);
  try {
    names_.emplace(std::string(name), name_entry{true, id});
  } catch (...) {
    skills_.pop_back();
    throw;
  }
  return id;
}

OMNIROUTE_INLINE std::optional<skill_id> skill_registry::find_skill(
    std::string_view name) const noexcept {
  const auto it = names_.find(name);
  if (it == names_.end() || !it->second.is_skill) return std::nullopt;
  return it->second.id;
}

OMNIROUTE_INLINE std::string_view skill_registry::skill_name(skill_id id) const noexcept {
  OMNIROUTE_ASSERT(id < skills_.size(), "skill_registry::skill_name: unknown skill id");
  return skills_[id];
}

OMNIROUTE_INLINE result<attribute_id> skill_registry::add_attribute(std::string_view name,
                                                                    attribute_kind kind) {
  if (!is_valid_name(name)) return errc::invalid_argument;
  if (kind != attribute_kind::boolean && kind != attribute_kind::enumeration) {
    return errc::invalid_argument;
  }
  if (names_.find(name) != names_.end()) return errc::duplicate_name;
  if (attributes_.size() >= max_names) return errc::limit_exceeded;
  const auto id = static_cast<attribute_id>(attributes_.size());
  attributes_.push_back(attribute_entry{std::string(name), kind});
  try {
    names_.emplace(std::string(name), name_entry{false, id});
  } catch (...) {
    attributes_.pop_back();
    throw;
  }
  return id;
}

OMNIROUTE_INLINE std::optional<attribute_id> skill_registry::find_attribute(
    std::string_view name) const noexcept {
  const auto it = names_.find(name);
  if (it == names_.end() || it->second.is_skill) return std::nullopt;
  return it->second.id;
}

OMNIROUTE_INLINE attribute_kind skill_registry::kind(attribute_id id) const noexcept {
  OMNIROUTE_ASSERT(id < attributes_.size(), "skill_registry::kind: unknown attribute id");
  return attributes_[id].kind;
}

OMNIROUTE_INLINE std::string_view skill_registry::attribute_name(attribute_id id) const noexcept {
  OMNIROUTE_ASSERT(id < attributes_.size(), "skill_registry::attribute_name: unknown attribute id");
  return attributes_[id].name;
}

OMNIROUTE_INLINE value_id skill_registry::intern_value(std::string_view value) {
  const auto it = value_ids_.find(value);
  if (it != value_ids_.end()) return it->second;
  OMNIROUTE_ASSERT(values_.size() < max_interned_value, "skill_registry: too many values");
  const auto id = static_cast<value_id>(values_.size());
  values_.emplace_back(value);
  try {
    value_ids_.emplace(std::string(value), id);
  } catch (...) {
    values_.pop_back();
    throw;
  }
  return id;
}

OMNIROUTE_INLINE std::optional<value_id> skill_registry::find_value(
    std::string_view value) const noexcept {
  const auto it = value_ids_.find(value);
  if (it == value_ids_.end()) return std::nullopt;
  return it->second;
}

OMNIROUTE_INLINE std::string_view skill_registry::value_name(value_id id) const noexcept {
  OMNIROUTE_ASSERT(id < values_.size(), "skill_registry::value_name: unknown value id");
  return values_[id];
}

OMNIROUTE_INLINE std::optional<value_id> agent_profile::attribute(attribute_id a) const noexcept {
  const auto it = std::lower_bound(
      attributes.begin(), attributes.end(), a,
      [](const std::pair<attribute_id, value_id>& e, attribute_id key) { return e.first < key; });
  if (it == attributes.end() || it->first != a) return std::nullopt;
  return it->second;
}

OMNIROUTE_INLINE status agent_profile::set_level(skill_id s, std::uint8_t level) {
  if (level > max_skill_level) return errc::invalid_argument;
  if (s >= levels.size()) {
    if (level == 0) return {};
    levels.resize(std::size_t{s} + 1, 0);
  }
  levels[s] = level;
  return {};
}

OMNIROUTE_INLINE void agent_profile::set_attribute(attribute_id a, value_id v) {
  const auto it = std::lower_bound(
      attributes.begin(), attributes.end(), a,
      [](const std::pair<attribute_id, value_id>& e, attribute_id key) { return e.first < key; });
  if (it != attributes.end() && it->first == a) {
    it->second = v;
  } else {
    attributes.insert(it, {a, v});
  }
}

OMNIROUTE_INLINE bool agent_profile::clear_attribute(attribute_id a) noexcept {
  const auto it = std::lower_bound(
      attributes.begin(), attributes.end(), a,
      [](const std::pair<attribute_id, value_id>& e, attribute_id key) { return e.first < key; });
  if (it == attributes.end() || it->first != a) return false;
  attributes.erase(it);
  return true;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_SKILLS_INL_HPP
