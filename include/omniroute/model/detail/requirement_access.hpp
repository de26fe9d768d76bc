// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// requirement's friend for building one from raw parts (the parser, snapshots) and checking
// one. In its own header, with every function defined in the class (so inline), because
// translation units of other components include it too. Not public API.
// Outside the guard: in header-only mode requirement.hpp includes requirement-inl.hpp, which
// needs this struct complete, so the class must come first and this file's body after it.
#include <omniroute/model/requirement.hpp>

#ifndef OMNIROUTE_MODEL_DETAIL_REQUIREMENT_ACCESS_HPP
#define OMNIROUTE_MODEL_DETAIL_REQUIREMENT_ACCESS_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

// The parser's (and validate's) way in: builds a requirement from raw parts and finds what is
// wrong with one, naming the offending node so the parser can point at its line and column.
struct requirement_access {
  using node = requirement::node;

  static requirement make(std::vector<node> nodes, std::vector<std::string> unknown_values,
                          std::vector<std::pair<skill_id, double>> preferred) {
    requirement r;
    r.nodes_ = std::move(nodes);
    r.unknown_values_ = std::move(unknown_values);
    r.preferred_ = std::move(preferred);
    r.finish();
    return r;
  }

  struct problem {
    errc code{};
    std::size_t node = static_cast<std::size_t>(-1);  // npos: not about one node
    std::string message;                              // filled only when names are given
  };

  static std::string skill_text(const skill_registry* names, skill_id s) {
    if (names != nullptr && s < names->skill_count()) {
      return "'" + std::string(names->skill_name(s)) + "'";
    }
    return "skill #" + std::to_string(s);
  }
  static std::string attribute_text(const skill_registry* names, attribute_id a) {
    if (names != nullptr && a < names->attribute_count()) {
      return "'" + std::string(names->attribute_name(a)) + "'";
    }
    return "attribute #" + std::to_string(a);
  }

  static bool is_inner(requirement::node_kind k) noexcept {
    return k == requirement::node_kind::conjunction || k == requirement::node_kind::disjunction ||
           k == requirement::node_kind::negation;
  }

  // The first problem of r (see requirement::validate), or code == errc{}.
  static problem find_problem(const requirement& r, const skill_registry* names) {
    using kind = requirement::node_kind;
    problem p;
    const std::vector<node>& ns = r.nodes_;
    const bool describe = names != nullptr;

    for (const auto& [skill, weight] : r.preferred_) {
      if (!std::isfinite(weight) || weight < 0) {
        p.code = errc::invalid_argument;
        if (describe) p.message = "weight of preferred skill " + skill_text(names, skill) +
                                  " must be a finite number >= 0";
        return p;
      }
    }

    // Depth: a stack of the ends of the enclosing operator nodes.
    std::vector<std::size_t> ends;
    for (std::size_t i = 0; i < ns.size(); ++i) {
      while (!ends.empty() && ends.back() <= i) ends.pop_back();
      if (is_inner(ns[i].kind)) {
        ends.push_back(i + ns[i].size);
        if (ends.size() > requirement::max_depth) {
          p.code = errc::limit_exceeded;
          p.node = i;
          if (describe) p.message = "expression nested too deeply";
          return p;
        }
      }
    }

    // Single comparisons.
    for (std::size_t i = 0; i < ns.size(); ++i) {
      const node& n = ns[i];
      if (n.kind != kind::skill_compare) continue;
      if (n.level < 0 || n.level > max_skill_level) {
        p.code = errc::invalid_argument;
        p.node = i;
        if (describe) {
          p.message = "skill level " + std::to_string(n.level) + " for " +
                      skill_text(names, n.id) + " is out of range (0..10)";
        }
        return p;
      }
      if ((n.op == compare_op::gt && n.level >= max_skill_level) ||
          (n.op == compare_op::lt && n.level <= 0)) {
        p.code = errc::contradictory_requirement;
        p.node = i;
        if (describe) {
          p.message = "no level (0..10) of " + skill_text(names, n.id) + " is " +
                      (n.op == compare_op::gt ? "above " : "below ") + std::to_string(n.level);
        }
        return p;
      }
    }

    // Conjunctions: bounds per skill, one value per attribute.
    struct bounds {
      skill_id skill;
      int low;
      int high;
    };
    std::vector<bounds> skills;
    for (std::size_t i = 0; i < ns.size(); ++i) {
      if (ns[i].kind != kind::conjunction) continue;
      skills.clear();
      const std::size_t end = i + ns[i].size;
      for (std::size_t c = i + 1; c < end; c += ns[c].size) {
        const node& n = ns[c];
        if (n.kind != kind::skill_compare || n.op == compare_op::ne) continue;
        auto it = std::find_if(skills.begin(), skills.end(),
                               [&](const bounds& b) { return b.skill == n.id; });
        if (it == skills.end()) {
          skills.push_back({n.id, 0, max_skill_level});
          it = skills.end() - 1;
        }
        switch (n.op) {
          case compare_op::ge: it->low = std::max(it->low, n.level); break;
          case compare_op::gt: it->low = std::max(it->low, n.level + 1); break;
          case compare_op::le: it->high = std::min(it->high, n.level); break;
          case compare_op::lt: it->high = std::min(it->high, n.level - 1); break;
          case compare_op::eq:
            it->low = std::max(it->low, n.level);
            it->high = std::min(it->high, n.level);
            break;
          case compare_op::ne: break;
        }
        if (it->low > it->high) {
          p.code = errc::contradictory_requirement;
          p.node = c;
          if (describe) {
            p.message = "skill " + skill_text(names, n.id) + " needs a level of at least " +
                        std::to_string(it->low) + " and at most " + std::to_string(it->high) +
                        " in the same conjunction";
          }
          return p;
        }
      }
      for (std::size_t c = i + 1; c < end; c += ns[c].size) {
        const node& n = ns[c];
        if (n.kind == kind::skill_compare && n.op == compare_op::ne) {
          const auto it = std::find_if(skills.begin(), skills.end(),
                                       [&](const bounds& b) { return b.skill == n.id; });
          if (it != skills.end() && it->low == it->high && it->low == n.level) {
            p.code = errc::contradictory_requirement;
            p.node = c;
            if (describe) {
              p.message = "skill " + skill_text(names, n.id) + " must be " +
                          std::to_string(n.level) + " and not " + std::to_string(n.level) +
                          " in the same conjunction";
            }
            return p;
          }
        }
        if (n.kind != kind::attribute_equals) continue;
        for (std::size_t d = i + 1; d < end; d += ns[d].size) {
          const node& o = ns[d];
          if (o.id != n.id) continue;
          const bool clash = (o.kind == kind::attribute_equals && o.value != n.value) ||
                             (o.kind == kind::attribute_not_equals && o.value == n.value);
          if (clash) {
            p.code = errc::contradictory_requirement;
            p.node = std::max(c, d);
            if (describe) {
              p.message = "attribute " + attribute_text(names, n.id) +
                          (o.kind == kind::attribute_equals
                               ? " cannot have two different values in the same conjunction"
                               : " cannot both equal and differ from one value in the same "
                                 "conjunction");
            }
            return p;
          }
        }
      }
    }
    return p;
  }
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_MODEL_DETAIL_REQUIREMENT_ACCESS_HPP
