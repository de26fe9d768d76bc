// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The model-based test's own, independent view of skills routing: agent profiles (four skills
// s0..s3, a boolean `trainee`, an enumeration `site`), a fixed catalogue of requirements the
// model evaluates and scores itself (never through the router's requirement code), and the
// escalation steps it applies when the router reports them.
#pragma once

#include <omniroute/omniroute.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace omniroute_model {

using namespace omniroute;

constexpr std::size_t model_skills = 4;
inline const char* const model_sites[] = {"sofia", "tashkent", "lima"};

/// What an agent is, as far as requirements can tell.
struct m_profile {
  std::array<std::uint8_t, model_skills> level{};  ///< 0 when missing.
  bool trainee = false;
  std::string site;  ///< Empty: no site attribute.
};

/// One test of a requirement, evaluated against an m_profile.
struct m_atom {
  enum kind_t : std::uint8_t { skill_at_least, is_trainee, not_trainee, site_is, site_is_not, site_in_first_two } kind;
  std::uint8_t skill = 0;
  std::uint8_t level = 0;
  const char* site = "";

  bool holds(const m_profile& p) const {
    switch (kind) {
      case skill_at_least: return p.level[skill] >= level;
      case is_trainee: return p.trainee;
      case not_trainee: return !p.trainee;
      case site_is: return p.site == site;
      case site_is_not: return p.site != site;
      case site_in_first_two: return p.site == model_sites[0] || p.site == model_sites[1];
    }
    return false;
  }
};

/// A requirement in disjunctive normal form (empty: every agent), with preferred skills.
struct m_requirement {
  std::string text;        ///< Parsed by the router (add_requirement).
  std::string plain_text;  ///< The same without preferred skills (drop_preferred).
  std::vector<std::vector<m_atom>> any_of_all;
  std::vector<std::pair<std::uint8_t, double>> preferred;

  bool matches(const m_profile& p) const {
    if (any_of_all.empty()) return true;
    for (const auto& all : any_of_all) {
      bool ok = true;
      for (const m_atom& a : all) ok = ok && a.holds(p);
      if (ok) return true;
    }
    return false;
  }

  /// docs/requirements.md: levels of the required skills (those compared with >= outside a
  /// negation; each counted once) plus levels (sum) or weight x level (weighted) of the
  /// preferred ones; scaled by 1000 and rounded as the router ranks.
  std::int64_t score(const m_profile& p, score_mode mode) const {
    std::array<bool, model_skills> required{};
    for (const auto& all : any_of_all) {
      for (const m_atom& a : all) {
        if (a.kind == m_atom::skill_at_least) required[a.skill] = true;
      }
    }
    double s = 0;
    for (std::size_t k = 0; k < model_skills; ++k) {
      if (required[k]) s += p.level[k];
    }
    for (const auto& [skill, weight] : preferred) s += (mode == score_mode::sum ? 1.0 : weight) * p.level[skill];
    return static_cast<std::int64_t>(std::llround(s * 1000.0));
  }
};

inline m_atom at_least(std::uint8_t skill, std::uint8_t level) { return {m_atom::skill_at_least, skill, level, ""}; }

/// The requirements the generator draws from. Texts name skills s0..s3 and `trainee`, `site`;
/// none is contradictory, so every one interns.
inline std::vector<m_requirement> requirement_catalogue() {
  std::vector<m_requirement> c;
  auto add = [&](std::string text, std::string plain, std::vector<std::vector<m_atom>> dnf,
                 std::vector<std::pair<std::uint8_t, double>> preferred = {}) {
    c.push_back({std::move(text), std::move(plain), std::move(dnf), std::move(preferred)});
  };
  add("s0 >= 3", "s0 >= 3", {{at_least(0, 3)}});
  add("s0 & s1 >= 4", "s0 & s1 >= 4", {{at_least(0, 1), at_least(1, 4)}});
  add("s1 >= 2 | s2 >= 5", "s1 >= 2 | s2 >= 5", {{at_least(1, 2)}, {at_least(2, 5)}});
  add("s2 & !trainee", "s2 & !trainee", {{at_least(2, 1), {m_atom::not_trainee}}});
  add("site in {sofia, tashkent} & s3 >= 2", "site in {sofia, tashkent} & s3 >= 2",
      {{{m_atom::site_in_first_two}, at_least(3, 2)}});
  add("(s0 >= 6 & site == sofia) | s3 >= 7", "(s0 >= 6 & site == sofia) | s3 >= 7",
      {{at_least(0, 6), {m_atom::site_is, 0, 0, "sofia"}}, {at_least(3, 7)}});
  add("!trainee & site != tashkent", "!trainee & site != tashkent",
      {{{m_atom::not_trainee}, {m_atom::site_is_not, 0, 0, "tashkent"}}});
  add("trainee | s1 >= 6", "trainee | s1 >= 6", {{{m_atom::is_trainee}}, {at_least(1, 6)}});
  add("s1; prefer s2:2, s3", "s1", {{at_least(1, 1)}}, {{2, 2.0}, {3, 1.0}});
  add("*; prefer s0, s1:0.5", "*", {}, {{0, 1.0}, {1, 0.5}});
  add("s0 >= 2 & s2 >= 2; prefer s3:3", "s0 >= 2 & s2 >= 2", {{at_least(0, 2), at_least(2, 2)}}, {{3, 3.0}});
  add("*", "*", {});
  return c;
}

/// An escalation plan as the model knows it (the router's copy is what runs).
struct m_plan {
  plan_id id;
  escalation_plan plan;
};

}  // namespace omniroute_model
