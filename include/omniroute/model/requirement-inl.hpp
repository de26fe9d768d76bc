// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_MODEL_REQUIREMENT_INL_HPP
#define OMNIROUTE_MODEL_REQUIREMENT_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/model/requirement.hpp>
#endif

#include <omniroute/model/detail/requirement_access.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>

OMNIROUTE_BEGIN_NAMESPACE

namespace detail {

inline bool compare_level(int level, compare_op op, int bound) noexcept {
  switch (op) {
    case compare_op::ge: return level >= bound;
    case compare_op::gt: return level > bound;
    case compare_op::le: return level <= bound;
    case compare_op::lt: return level < bound;
    case compare_op::eq: return level == bound;
    case compare_op::ne: return level != bound;
  }
  return false;
}

inline bool attribute_has(const agent_profile& p, attribute_id a, value_id v) noexcept {
  if (v >= requirement::unknown_value_base) return false;
  const std::optional<value_id> actual = p.attribute(a);
  return actual && *actual == v;
}

// Evaluates the subtree at n. Recursion depth is the nesting depth of operators.
inline bool evaluate(const requirement::node* n, const agent_profile& p) noexcept {
  using kind = requirement::node_kind;
  switch (n->kind) {
    case kind::conjunction: {
      const requirement::node* end = n + n->size;
      for (const requirement::node* c = n + 1; c < end; c += c->size) {
        if (!evaluate(c, p)) return false;
      }
      return true;
    }
    case kind::disjunction: {
      const requirement::node* end = n + n->size;
      for (const requirement::node* c = n + 1; c < end; c += c->size) {
        if (evaluate(c, p)) return true;
      }
      return false;
    }
    case kind::negation: return !evaluate(n + 1, p);
    case kind::skill_compare: return compare_level(p.level(n->id), n->op, n->level);
    case kind::boolean_attribute: return attribute_has(p, n->id, true_value);
    case kind::attribute_equals: return attribute_has(p, n->id, n->value);
    case kind::attribute_not_equals: return !attribute_has(p, n->id, n->value);
    case kind::attribute_in: {
      const std::optional<value_id> actual = p.attribute(n->id);
      if (!actual) return false;
      const requirement::node* end = n + n->size;
      for (const requirement::node* c = n + 1; c < end; ++c) {
        if (c->value == *actual && c->value < requirement::unknown_value_base) return true;
      }
      return false;
    }
    case kind::value: return false;
  }
  return false;
}

inline bool is_plain_value(std::string_view v) noexcept {
  if (v.empty()) return false;
  for (char c : v) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

inline void append_value_text(std::string& out, std::string_view v) {
  if (is_plain_value(v)) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

inline const char* compare_op_text(compare_op op) noexcept {
  switch (op) {
    case compare_op::ge: return ">=";
    case compare_op::gt: return ">";
    case compare_op::le: return "<=";
    case compare_op::lt: return "<";
    case compare_op::eq: return "==";
    case compare_op::ne: return "!=";
  }
  return "?";
}

// The shortest text that reads back as exactly `weight`.
inline void append_weight(std::string& out, double weight) {
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, weight);
  out.append(buffer, r.ptr);
}

}  // namespace detail

OMNIROUTE_INLINE requirement requirement::skill_compare(skill_id s, compare_op op, int level) {
  requirement r;
  node n;
  n.kind = node_kind::skill_compare;
  n.op = op;
  n.id = s;
  n.level = level;
  r.nodes_.push_back(n);
  r.finish();
  return r;
}

OMNIROUTE_INLINE requirement requirement::is_true(attribute_id a) {
  requirement r;
  node n;
  n.kind = node_kind::boolean_attribute;
  n.id = a;
  r.nodes_.push_back(n);
  return r;
}

OMNIROUTE_INLINE requirement requirement::attribute_is(attribute_id a, value_id v) {
  OMNIROUTE_ASSERT(v <= max_interned_value, "requirement::attribute_is: reserved value id");
  requirement r;
  node n;
  n.kind = node_kind::attribute_equals;
  n.id = a;
  n.value = v;
  r.nodes_.push_back(n);
  return r;
}

OMNIROUTE_INLINE requirement requirement::attribute_is_not(attribute_id a, value_id v) {
  requirement r = attribute_is(a, v);
  r.nodes_[0].kind = node_kind::attribute_not_equals;
  return r;
}

OMNIROUTE_INLINE requirement requirement::attribute_in(attribute_id a,
                                                       const std::vector<value_id>& vs) {
  OMNIROUTE_ASSERT(!vs.empty(), "requirement::attribute_in: no values");
  requirement r;
  r.nodes_.reserve(vs.size() + 1);
  node head;
  head.kind = node_kind::attribute_in;
  head.id = a;
  head.size = static_cast<std::uint32_t>(vs.size() + 1);
  r.nodes_.push_back(head);
  for (value_id v : vs) {
    OMNIROUTE_ASSERT(v <= max_interned_value, "requirement::attribute_in: reserved value id");
    node n;
    n.kind = node_kind::value;
    n.value = v;
    r.nodes_.push_back(n);
  }
  return r;
}

OMNIROUTE_INLINE requirement requirement::attribute_in(attribute_id a,
                                                       std::initializer_list<value_id> vs) {
  return attribute_in(a, std::vector<value_id>(vs));
}

OMNIROUTE_INLINE requirement requirement::all_of(std::initializer_list<skill_id> skills) {
  requirement r;
  for (skill_id s : skills) r = r && has_skill(s);
  return r;
}

OMNIROUTE_INLINE requirement requirement::any_of(std::initializer_list<skill_id> skills) {
  OMNIROUTE_ASSERT(skills.size() > 0, "requirement::any_of: no skills");
  requirement r = has_skill(*skills.begin());
  for (auto it = skills.begin() + 1; it != skills.end(); ++it) r = r || has_skill(*it);
  return r;
}

OMNIROUTE_INLINE requirement requirement::none_of(std::initializer_list<skill_id> skills) {
  requirement r;
  for (skill_id s : skills) r = r && !has_skill(s);
  return r;
}

OMNIROUTE_INLINE void requirement::append_subtree(const requirement& from, std::size_t at) {
  const std::size_t end = at + from.nodes_[at].size;
  for (std::size_t i = at; i < end; ++i) {
    node n = from.nodes_[i];
    const bool has_value = n.kind == node_kind::attribute_equals ||
                           n.kind == node_kind::attribute_not_equals ||
                           n.kind == node_kind::value;
    if (has_value && n.value >= unknown_value_base) {
      const std::string& text = from.unknown_values_[n.value - unknown_value_base];
      auto it = std::find(unknown_values_.begin(), unknown_values_.end(), text);
      if (it == unknown_values_.end()) it = unknown_values_.insert(unknown_values_.end(), text);
      n.value = unknown_value_base + static_cast<value_id>(it - unknown_values_.begin());
    }
    nodes_.push_back(n);
  }
}

OMNIROUTE_INLINE void requirement::append_operands(const requirement& from, node_kind kind) {
  if (from.nodes_[0].kind != kind) {
    append_subtree(from, 0);
    return;
  }
  for (std::size_t i = 1; i < from.nodes_.size(); i += from.nodes_[i].size) {
    append_subtree(from, i);
  }
}

OMNIROUTE_INLINE void requirement::merge_preferred(
    const std::vector<std::pair<skill_id, double>>& other) {
  for (const std::pair<skill_id, double>& entry : other) {
    const skill_id skill = entry.first;  // not a structured binding: clang 14 cannot capture one
    auto it = std::find_if(preferred_.begin(), preferred_.end(),
                           [&](const std::pair<skill_id, double>& e) { return e.first == skill; });
    if (it == preferred_.end()) {
      preferred_.push_back(entry);
    } else {
      it->second = std::max(it->second, entry.second);
    }
  }
}

OMNIROUTE_INLINE requirement requirement::join(const requirement& a, const requirement& b,
                                               node_kind kind) {
  requirement r;
  if (a.is_any() || b.is_any()) {
    if (kind == node_kind::conjunction) {
      const requirement& other = a.is_any() ? b : a;
      r.nodes_ = other.nodes_;
      r.unknown_values_ = other.unknown_values_;
    }
  } else {
    node head;
    head.kind = kind;
    r.nodes_.reserve(a.nodes_.size() + b.nodes_.size() + 1);
    r.nodes_.push_back(head);
    r.append_operands(a, kind);
    r.append_operands(b, kind);
    r.nodes_[0].size = static_cast<std::uint32_t>(r.nodes_.size());
  }
  r.preferred_ = a.preferred_;
  r.merge_preferred(b.preferred_);
  r.finish();
  return r;
}

OMNIROUTE_INLINE requirement requirement::operator&&(const requirement& other) const {
  return join(*this, other, node_kind::conjunction);
}

OMNIROUTE_INLINE requirement requirement::operator||(const requirement& other) const {
  return join(*this, other, node_kind::disjunction);
}

OMNIROUTE_INLINE requirement requirement::operator!() const {
  OMNIROUTE_ASSERT(!is_any(), "requirement: negation of any() (no agent) is not representable");
  requirement r;
  node head;
  head.kind = node_kind::negation;
  head.size = static_cast<std::uint32_t>(nodes_.size() + 1);
  r.nodes_.reserve(nodes_.size() + 1);
  r.nodes_.push_back(head);
  r.nodes_.insert(r.nodes_.end(), nodes_.begin(), nodes_.end());
  r.unknown_values_ = unknown_values_;
  r.preferred_ = preferred_;
  r.finish();
  return r;
}

OMNIROUTE_INLINE requirement& requirement::prefer(skill_id s, double weight) {
  auto it = std::find_if(preferred_.begin(), preferred_.end(),
                         [&](const std::pair<skill_id, double>& e) { return e.first == s; });
  if (it == preferred_.end()) {
    preferred_.emplace_back(s, weight);
  } else {
    it->second = weight;
  }
  return *this;
}

OMNIROUTE_INLINE void requirement::finish() {
  required_.clear();
  std::size_t negated_until = 0;  // nodes before this index are under a `!`
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const node& n = nodes_[i];
    if (i < negated_until) continue;
    if (n.kind == node_kind::negation) {
      negated_until = i + n.size;
    } else if (n.kind == node_kind::skill_compare &&
               (n.op == compare_op::ge || n.op == compare_op::gt || n.op == compare_op::eq)) {
      required_.push_back(n.id);
    }
  }
  std::sort(required_.begin(), required_.end());
  required_.erase(std::unique(required_.begin(), required_.end()), required_.end());
}

OMNIROUTE_INLINE result<requirement> requirement::validate(requirement r) {
  const detail::requirement_access::problem p = detail::requirement_access::find_problem(r, nullptr);
  if (p.code != errc{}) return p.code;
  return r;
}

OMNIROUTE_INLINE bool requirement::matches(const agent_profile& p) const noexcept {
  return nodes_.empty() || detail::evaluate(nodes_.data(), p);
}

OMNIROUTE_INLINE double requirement::score(const agent_profile& p, score_mode m) const noexcept {
  double total = 0;
  for (skill_id s : required_) total += p.level(s);
  for (const auto& [skill, weight] : preferred_) {
    total += m == score_mode::weighted ? weight * p.level(skill) : static_cast<double>(p.level(skill));
  }
  return total;
}

OMNIROUTE_INLINE requirement requirement::without_preferred() const {
  requirement r = *this;
  r.preferred_.clear();
  return r;
}

OMNIROUTE_INLINE requirement requirement::relaxed(int levels) const {
  requirement r = *this;
  if (levels <= 0) return r;
  std::size_t negated_until = 0;
  for (std::size_t i = 0; i < r.nodes_.size(); ++i) {
    node& n = r.nodes_[i];
    if (i < negated_until) continue;
    if (n.kind == node_kind::negation) {
      negated_until = i + n.size;
      continue;
    }
    if (n.kind != node_kind::skill_compare) continue;
    const std::int64_t lowered = std::int64_t{n.level} - levels;
    if (n.op == compare_op::ge && n.level >= 1) {
      n.level = static_cast<std::int32_t>(std::max<std::int64_t>(lowered, 1));
    } else if (n.op == compare_op::gt && n.level >= 0) {
      n.level = static_cast<std::int32_t>(std::max<std::int64_t>(lowered, 0));
    }
  }
  r.finish();
  return r;
}

namespace detail {

inline void print_node(std::string& out, const requirement& r, std::size_t i,
                       const skill_registry& names) {
  using kind = requirement::node_kind;
  const auto& ns = r.nodes();
  const requirement::node& n = ns[i];
  const auto print_value = [&](value_id v) {
    if (v >= requirement::unknown_value_base) {
      append_value_text(out, r.unknown_values()[v - requirement::unknown_value_base]);
    } else {
      append_value_text(out, names.value_name(v));
    }
  };
  switch (n.kind) {
    case kind::conjunction:
    case kind::disjunction: {
      const kind other = n.kind == kind::conjunction ? kind::disjunction : kind::conjunction;
      const char* separator = n.kind == kind::conjunction ? " & " : " | ";
      const std::size_t end = i + n.size;
      for (std::size_t c = i + 1; c < end; c += ns[c].size) {
        if (c != i + 1) out += separator;
        // `&` binds tighter than `|`, so `(a & b) | c` needs no parentheses; they are printed
        // anyway, for the reader.
        const bool parenthesize = ns[c].kind == other;
        if (parenthesize) out += '(';
        print_node(out, r, c, names);
        if (parenthesize) out += ')';
      }
      return;
    }
    case kind::negation: {
      out += '!';
      // `!sales >= 3` would parse the same, but reads like `(!sales) >= 3`: only a bare name
      // or another `!` goes without parentheses.
      const requirement::node& operand = ns[i + 1];
      const bool bare = operand.kind == kind::negation ||
                        operand.kind == kind::boolean_attribute ||
                        (operand.kind == kind::skill_compare && operand.op == compare_op::ge &&
                         operand.level == 1);
      const bool parenthesize = !bare;
      if (parenthesize) out += '(';
      print_node(out, r, i + 1, names);
      if (parenthesize) out += ')';
      return;
    }
    case kind::skill_compare:
      out += names.skill_name(n.id);
      if (n.op != compare_op::ge || n.level != 1) {
        out += ' ';
        out += compare_op_text(n.op);
        out += ' ';
        out += std::to_string(n.level);
      }
      return;
    case kind::boolean_attribute: out += names.attribute_name(n.id); return;
    case kind::attribute_equals:
    case kind::attribute_not_equals:
      out += names.attribute_name(n.id);
      out += n.kind == kind::attribute_equals ? " == " : " != ";
      print_value(n.value);
      return;
    case kind::attribute_in: {
      out += names.attribute_name(n.id);
      out += " in {";
      for (std::size_t c = i + 1; c < i + n.size; ++c) {
        if (c != i + 1) out += ", ";
        print_value(ns[c].value);
      }
      out += '}';
      return;
    }
    case kind::value: print_value(n.value); return;
  }
}

}  // namespace detail

OMNIROUTE_INLINE std::string requirement::to_string(const skill_registry& registry) const {
  std::string out;
  if (nodes_.empty()) {
    out = "*";
  } else {
    detail::print_node(out, *this, 0, registry);
  }
  if (!preferred_.empty()) {
    out += "; prefer ";
    for (std::size_t i = 0; i < preferred_.size(); ++i) {
      if (i != 0) out += ", ";
      out += registry.skill_name(preferred_[i].first);
      if (preferred_[i].second != 1.0) {
        out += ':';
        detail::append_weight(out, preferred_[i].second);
      }
    }
  }
  return out;
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_REQUIREMENT_INL_HPP
