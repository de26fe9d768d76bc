// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Skills and agent attributes: the vocabulary that requirements (model/requirement.hpp) are
// written in. A skill has a proficiency level 0..10 per agent; an attribute is a boolean flag
// (`trainee`) or an enumeration (`site` = sofia). Names live in one registry with one namespace,
// so a name in a requirement expression always means one thing.
#ifndef OMNIROUTE_MODEL_SKILLS_HPP
#define OMNIROUTE_MODEL_SKILLS_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/result.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

/// A registered skill: a dense number from 0, in registration order.
using skill_id = std::uint16_t;
/// A registered agent attribute: a dense number from 0, in registration order.
using attribute_id = std::uint16_t;
/// An interned attribute value. Booleans use 0 = false and 1 = true; enumeration values are
/// interned from 2 up.
using value_id = std::uint32_t;

/// Proficiency is 0..10; an agent without a skill has level 0.
inline constexpr std::uint8_t max_skill_level = 10;

/// The interned ids of the two boolean values.
inline constexpr value_id false_value = 0;
inline constexpr value_id true_value = 1;

/// Interned value ids stay below this bound; ids from here up are reserved (requirement uses
/// them for values it could not resolve, which never match).
inline constexpr value_id max_interned_value = 0xEFFFFFFFu;

/// A boolean attribute is true or false (absent = false); an enumeration holds one interned value
/// (or is absent).
enum class attribute_kind : std::uint8_t { boolean, enumeration };

/// The skills, attributes and enumeration values a router knows by name.
///
/// Names (of skills and attributes) are 1..64 characters from [A-Za-z0-9_.-] and start with a
/// letter; they are case-sensitive. Skills and attributes share one namespace. Values are any
/// byte strings; "false" and "true" are pre-interned as 0 and 1.
///
/// Ids are never reused or removed. Lookups by name are O(log n) and never allocate. Views
/// returned by skill_name, attribute_name and value_name stay valid for the registry's lifetime
/// (adding names does not invalidate them).
class skill_registry {
 public:
  /// Most skills (and, separately, most attributes) one registry holds.
  static constexpr std::size_t max_names = 65535;
  /// Longest skill or attribute name, in bytes.
  static constexpr std::size_t max_name_length = 64;

  OMNIROUTE_API skill_registry();

  /// Whether `name` is a well-formed skill or attribute name (see the class comment).
  OMNIROUTE_API static bool is_valid_name(std::string_view name) noexcept;

  /// Effects: registers a skill; its id is skill_count() before the call.
  /// Errors: invalid_argument (malformed name), duplicate_name (a skill or attribute has that
  /// name), limit_exceeded (max_names skills). On error nothing changes.
  /// Complexity: O(log(skills + attributes)).
  OMNIROUTE_API result<skill_id> add_skill(std::string_view name);
  /// The skill of that name, if any (an attribute of that name gives nullopt).
  OMNIROUTE_API std::optional<skill_id> find_skill(std::string_view name) const noexcept;
  /// Precondition: id < skill_count().
  OMNIROUTE_API std::string_view skill_name(skill_id id) const noexcept;
  std::size_t skill_count() const noexcept { return skills_.size(); }

  /// Effects: registers an attribute; its id is attribute_count() before the call.
  /// Errors: as add_skill; duplicate_name also when a skill has that name.
  /// Complexity: O(log(skills + attributes)).
  OMNIROUTE_API result<attribute_id> add_attribute(std::string_view name, attribute_kind kind);
  /// The attribute of that name, if any (a skill of that name gives nullopt).
  OMNIROUTE_API std::optional<attribute_id> find_attribute(std::string_view name) const noexcept;
  /// Precondition: id < attribute_count().
  OMNIROUTE_API attribute_kind kind(attribute_id id) const noexcept;
  /// Precondition: id < attribute_count().
  OMNIROUTE_API std::string_view attribute_name(attribute_id id) const noexcept;
  std::size_t attribute_count() const noexcept { return attributes_.size(); }

  /// Effects: returns the id of `value`, interning it on first use (ids 2, 3, ... in order of
  /// first use; "false" and "true" are 0 and 1). Precondition: fewer than max_interned_value
  /// values interned. Complexity: O(log values). Throws std::bad_alloc only.
  OMNIROUTE_API value_id intern_value(std::string_view value);
  /// The id of `value` if it was interned; never interns.
  OMNIROUTE_API std::optional<value_id> find_value(std::string_view value) const noexcept;
  /// Precondition: id < value_count().
  OMNIROUTE_API std::string_view value_name(value_id id) const noexcept;
  /// Values interned so far, including "false" and "true".
  std::size_t value_count() const noexcept { return values_.size(); }

 private:
  struct attribute_entry {
    std::string name;
    attribute_kind kind;
  };
  // What a name denotes in the shared namespace.
  struct name_entry {
    bool is_skill;
    std::uint16_t id;
  };
  // Deques, so that views returned by the *_name functions stay valid while names are added.
  std::deque<std::string> skills_;
  std::deque<attribute_entry> attributes_;
  std::map<std::string, name_entry, std::less<>> names_;
  std::deque<std::string> values_;
  std::map<std::string, value_id, std::less<>> value_ids_;
};

/// What requirements are evaluated against: one agent's skills and attributes.
struct agent_profile {
  /// Indexed by skill_id; skills beyond the end are missing (level 0).
  std::vector<std::uint8_t> levels;
  /// Sorted by attribute_id, unique. A boolean attribute that is absent is false.
  std::vector<std::pair<attribute_id, value_id>> attributes;

  /// The agent's level in skill s (0 when missing). Complexity: O(1).
  std::uint8_t level(skill_id s) const noexcept { return s < levels.size() ? levels[s] : 0; }

  /// The value of attribute a, or nullopt when absent. Complexity: O(log attributes).
  OMNIROUTE_API std::optional<value_id> attribute(attribute_id a) const noexcept;

  /// Effects: sets the level of skill s, growing `levels` as needed (0 removes the skill in
  /// effect). Errors: invalid_argument if level > max_skill_level (nothing changes).
  OMNIROUTE_API status set_level(skill_id s, std::uint8_t level);

  /// Effects: sets attribute a to v, keeping `attributes` sorted. Complexity: O(attributes).
  OMNIROUTE_API void set_attribute(attribute_id a, value_id v);

  /// Effects: removes attribute a if present; returns whether it was.
  OMNIROUTE_API bool clear_attribute(attribute_id a) noexcept;

  /// Equal when every field is: the same levels vector (trailing zeros included) and attributes.
  friend bool operator==(const agent_profile& a, const agent_profile& b) noexcept {
    return a.levels == b.levels && a.attributes == b.attributes;
  }
  friend bool operator!=(const agent_profile& a, const agent_profile& b) noexcept { return !(a == b); }
};

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/model/skills-inl.hpp>
#endif

#endif  // OMNIROUTE_MODEL_SKILLS_HPP
