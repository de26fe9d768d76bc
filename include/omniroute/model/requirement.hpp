// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Requirements: which agents may take a contact (a boolean expression over skill levels and
// agent attributes) and which of them fit best (preferred skills, scored). The text form and its
// grammar are in docs/requirements.md; the parser is model/requirement_parser.hpp.
#ifndef OMNIROUTE_MODEL_REQUIREMENT_HPP
#define OMNIROUTE_MODEL_REQUIREMENT_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/result.hpp>
#include <omniroute/model/skills.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE

class requirement;
namespace detail {
struct requirement_access;
}

/// How a skill level is compared: `skill op level`.
enum class compare_op : std::uint8_t { ge, gt, le, lt, eq, ne };

/// How requirement::score ranks the agents that match; see requirement::score.
enum class score_mode : std::uint8_t { sum, weighted };

/// An immutable, value-semantic requirement: a boolean expression over an agent's skills and
/// attributes, plus a list of preferred skills with weights.
///
/// The expression is stored flat, in prefix order, in one vector of nodes (no allocation per
/// node); matching walks it without allocating. Every way of building a requirement (the static
/// builders, the operators, the parser) yields the same canonical shape, so two requirements
/// that print the same with to_string compare equal, and the parser reads to_string's output
/// back into an equal requirement:
///  - nested conjunctions and disjunctions are flattened: `(a & b) & c` is one `&` of three;
///  - `skill >= 1` and a bare `skill` are the same node;
///  - all{..}, any{..} and none{..} are sugar: `all{a, b}` is `a & b`, `any{a, b}` is `a | b`,
///    `none{a, b}` is `!a & !b`;
///  - operands keep the order they were written in (`a & b` and `b & a` are different, equivalent
///    requirements).
///
/// Semantics for one agent (agent_profile):
///  - `skill op n` compares the agent's level (0 when missing) with n;
///  - a boolean attribute is true when set to 1 (absent = false);
///  - `attr == v` is true when the attribute is set to v; `attr != v` is its negation (so true
///    when the attribute is absent); `attr in {v1, v2}` when it is set to one of them;
///  - a value that the registry did not know when the requirement was parsed never matches;
///  - the empty expression (requirement::any()) matches every agent.
///
/// Builders do not check levels or contradictions: validate() does, and the parser always does.
class requirement {
 public:
  /// What a node is. Leaves: skill_compare, boolean_attribute, attribute_equals,
  /// attribute_not_equals, attribute_in (followed by its value nodes). Inner: conjunction,
  /// disjunction (two or more operands each), negation (one operand).
  enum class node_kind : std::uint8_t {
    conjunction,
    disjunction,
    negation,
    skill_compare,
    boolean_attribute,
    attribute_equals,
    attribute_not_equals,
    attribute_in,
    value,  ///< One value of the attribute_in node before it.
  };

  /// One node of the prefix-order expression. The operands of a node start right after it; each
  /// operand is followed by the next (`i + nodes[i].size`). Unused fields are zero.
  struct node {
    node_kind kind = node_kind::conjunction;
    compare_op op = compare_op::ge;  ///< skill_compare only.
    std::uint16_t id = 0;            ///< skill_id or attribute_id of a leaf.
    std::uint32_t size = 1;          ///< Nodes in this subtree, this one included.
    std::int32_t level = 0;          ///< skill_compare only.
    value_id value = 0;              ///< attribute_equals, attribute_not_equals, value.

    friend bool operator==(const node& a, const node& b) noexcept {
      return a.kind == b.kind && a.op == b.op && a.id == b.id && a.size == b.size &&
             a.level == b.level && a.value == b.value;
    }
    friend bool operator!=(const node& a, const node& b) noexcept { return !(a == b); }
  };

  /// Values from here up are values the registry did not know at parse time; they never match
  /// and print as unknown_values()[v - unknown_value_base].
  static constexpr value_id unknown_value_base = max_interned_value + 1;
  /// Deepest nesting of `(` and `!` the parser accepts ("expression nested too deeply").
  static constexpr std::size_t max_parse_depth = 64;
  /// Deepest nesting of operator nodes validate() accepts (matches() recurses this deep). Every
  /// parsed requirement is well inside it.
  static constexpr std::size_t max_depth = 4 * max_parse_depth;

  /// The requirement every agent meets: empty expression, no preferred skills.
  requirement() = default;
  static requirement any() { return requirement(); }

  // -- Builders. None of them validate; see validate(). ------------------------------------

  /// `s op level`.
  OMNIROUTE_API static requirement skill_compare(skill_id s, compare_op op, int level);
  /// `s >= level`.
  static requirement skill_at_least(skill_id s, int level) {
    return skill_compare(s, compare_op::ge, level);
  }
  /// `s <= level`.
  static requirement skill_at_most(skill_id s, int level) {
    return skill_compare(s, compare_op::le, level);
  }
  /// `s` (level at least 1).
  static requirement has_skill(skill_id s) { return skill_compare(s, compare_op::ge, 1); }
  /// A boolean attribute is true (set to true_value).
  OMNIROUTE_API static requirement is_true(attribute_id a);
  /// `a == v`.
  OMNIROUTE_API static requirement attribute_is(attribute_id a, value_id v);
  /// `a != v`.
  OMNIROUTE_API static requirement attribute_is_not(attribute_id a, value_id v);
  /// `a in {v...}`. Precondition: at least one value.
  OMNIROUTE_API static requirement attribute_in(attribute_id a, std::initializer_list<value_id> vs);
  OMNIROUTE_API static requirement attribute_in(attribute_id a, const std::vector<value_id>& vs);
  /// all{s...}: every skill present. all_of({}) is any().
  OMNIROUTE_API static requirement all_of(std::initializer_list<skill_id> skills);
  /// any{s...}: at least one present. Precondition: at least one skill.
  OMNIROUTE_API static requirement any_of(std::initializer_list<skill_id> skills);
  /// none{s...}: none present (`!a & !b`). none_of({}) is any().
  OMNIROUTE_API static requirement none_of(std::initializer_list<skill_id> skills);

  /// Both: the expressions joined with `&` (flattened; any() is the identity), preferred skills
  /// merged (this one's first, then the other's new ones; a skill preferred by both keeps the
  /// larger weight).
  OMNIROUTE_API requirement operator&&(const requirement& other) const;
  /// Either: the expressions joined with `|` (flattened; any() absorbs: any() || r matches every
  /// agent), preferred skills merged as for &&.
  OMNIROUTE_API requirement operator||(const requirement& other) const;
  /// Not: `!expr`, preferred skills kept. Precondition: !is_any() (there is no "nobody").
  OMNIROUTE_API requirement operator!() const;

  /// Effects: prefers skill s with `weight` (a skill already preferred gets the new weight and
  /// keeps its place). Returns *this. The weight should be finite and >= 0 (validate checks).
  OMNIROUTE_API requirement& prefer(skill_id s, double weight = 1.0);

  // -- Checks. -----------------------------------------------------------------------------

  /// Returns r if it is well-formed, or the error:
  ///  - invalid_argument: a skill level outside 0..max_skill_level, or a preferred weight that
  ///    is negative, infinite or NaN;
  ///  - contradictory_requirement: a single comparison no level satisfies (`x > 10`, `x < 0`),
  ///    or one conjunction (the operands of one `&`, wherever it appears) that bounds a skill
  ///    with a minimum above its maximum (`x >= 5 & x <= 3`, `x > 4 & x < 5`,
  ///    `x == 3 & x == 4`), excludes the only level it allows (`x == 3 & x != 3`), or asks one
  ///    attribute for two different values (`site == a & site == b`);
  ///  - limit_exceeded: operators nested deeper than max_depth.
  /// Complexity: O(nodes^2) in the worst case, O(nodes) for the usual few leaves per skill.
  OMNIROUTE_API static result<requirement> validate(requirement r);

  // -- Use. ----------------------------------------------------------------------------------

  /// Whether the agent meets the expression. Preferred skills do not matter here.
  /// Complexity: O(nodes); never allocates. Recursion depth = nesting depth.
  OMNIROUTE_API bool matches(const agent_profile& p) const noexcept;

  /// How well a (matching) agent fits, higher is better:
  ///  - sum:      sum of level(s) over required_skills() + sum of level(s) over preferred();
  ///  - weighted: sum of level(s) over required_skills() + sum of weight * level(s) over
  ///              preferred().
  /// A skill both required and preferred counts in both sums. Complexity: O(required +
  /// preferred); never allocates.
  OMNIROUTE_API double score(const agent_profile& p, score_mode m) const noexcept;

  // -- Derived requirements. ---------------------------------------------------------------

  /// The same expression with no preferred skills.
  OMNIROUTE_API requirement without_preferred() const;
  /// The expression with every minimum level lowered by `levels` (for escalation): `s >= n`
  /// becomes `s >= max(n - levels, 1)` (a minimum of 0 stays 0), `s > n` becomes
  /// `s > max(n - levels, 0)`. Only comparisons that are not under a `!` are minimums;
  /// maximums (`<=`, `<`), exact levels (`==`, `!=`) and attributes are unchanged. Relaxing
  /// never turns a valid requirement invalid. levels <= 0 returns an equal copy.
  OMNIROUTE_API requirement relaxed(int levels) const;

  // -- Inspection. -------------------------------------------------------------------------

  /// Whether the expression is empty (matches every agent).
  bool is_any() const noexcept { return nodes_.empty(); }
  const std::vector<node>& nodes() const noexcept { return nodes_; }
  /// Preferred skills and weights, in the order they were first preferred.
  const std::vector<std::pair<skill_id, double>>& preferred() const noexcept { return preferred_; }
  /// The skills the expression requires positively: skills of comparisons `>=`, `>`, `==` (and
  /// bare presence) that are not under a `!` (none{..} is `!`). Sorted, unique.
  const std::vector<skill_id>& required_skills() const noexcept { return required_; }
  /// Text of values that were unknown to the registry at parse time (see unknown_value_base).
  const std::vector<std::string>& unknown_values() const noexcept { return unknown_values_; }

  /// The canonical text form (docs/requirements.md), which parse_requirement reads back into an
  /// equal requirement. The empty expression prints as `*`. Precondition: every id in the
  /// requirement is registered in `registry`.
  OMNIROUTE_API std::string to_string(const skill_registry& registry) const;

  /// Structural equality: same nodes, same unknown values, same preferred skills in the same
  /// order with the same weights.
  friend bool operator==(const requirement& a, const requirement& b) noexcept {
    return a.nodes_ == b.nodes_ && a.unknown_values_ == b.unknown_values_ &&
           a.preferred_ == b.preferred_;
  }
  friend bool operator!=(const requirement& a, const requirement& b) noexcept { return !(a == b); }

 private:
  friend struct detail::requirement_access;

  // Appends the subtree of `from` rooted at `at` to nodes_, remapping unknown values.
  void append_subtree(const requirement& from, std::size_t at);
  // Appends from's top-level operands when its root is `kind`, else from's whole expression.
  void append_operands(const requirement& from, node_kind kind);
  void merge_preferred(const std::vector<std::pair<skill_id, double>>& other);
  static requirement join(const requirement& a, const requirement& b, node_kind kind);
  // Recomputes required_ from nodes_; every builder ends with it.
  void finish();

  std::vector<node> nodes_;
  std::vector<std::string> unknown_values_;
  std::vector<std::pair<skill_id, double>> preferred_;
  std::vector<skill_id> required_;  // derived from nodes_, not part of equality
};

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/model/requirement-inl.hpp>
#endif

#endif  // OMNIROUTE_MODEL_REQUIREMENT_HPP
