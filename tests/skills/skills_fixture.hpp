// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The registry and agents the skills tests share.
#ifndef OMNIROUTE_TESTS_SKILLS_FIXTURE_HPP
#define OMNIROUTE_TESTS_SKILLS_FIXTURE_HPP

#include <omniroute/model/requirement.hpp>
#include <omniroute/model/skills.hpp>

#include <initializer_list>
#include <utility>

namespace skills_test {

using namespace omniroute;

// Skills: language.es 0, billing 1, sales 2, support 3. Attributes: trainee 0 (boolean),
// site 1 (enumeration). Values: sofia 2, tashkent 3, varna 4.
struct names {
  skill_registry reg;
  skill_id es = *reg.add_skill("language.es");
  skill_id billing = *reg.add_skill("billing");
  skill_id sales = *reg.add_skill("sales");
  skill_id support = *reg.add_skill("support");
  attribute_id trainee = *reg.add_attribute("trainee", attribute_kind::boolean);
  attribute_id site = *reg.add_attribute("site", attribute_kind::enumeration);
  value_id sofia = reg.intern_value("sofia");
  value_id tashkent = reg.intern_value("tashkent");
  value_id varna = reg.intern_value("varna");
};

// An agent with the given (skill, level) pairs and (attribute, value) pairs.
inline agent_profile agent(std::initializer_list<std::pair<skill_id, int>> levels,
                           std::initializer_list<std::pair<attribute_id, value_id>> attrs = {}) {
  agent_profile p;
  for (const auto& [s, l] : levels) (void)p.set_level(s, static_cast<std::uint8_t>(l));
  for (const auto& [a, v] : attrs) p.set_attribute(a, v);
  return p;
}

}  // namespace skills_test

#endif  // OMNIROUTE_TESTS_SKILLS_FIXTURE_HPP
