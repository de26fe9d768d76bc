// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The examples of docs/requirements.md and docs/skills-routing.md: a requirement parsed and
// built in code, skills and attributes on agents, a contact that needs them. Exits non-zero on
// any surprise.
#include "doc_support.hpp"

using doc::expect;
using doc::must;

namespace {

void requirement_language() {
  // [snippet:requirements-intro]
  omniroute::skill_registry reg;
  auto spanish = *reg.add_skill("language.es");
  auto billing = *reg.add_skill("billing");
  auto sales = *reg.add_skill("sales");
  auto trainee = *reg.add_attribute("trainee", omniroute::attribute_kind::boolean);
  auto site = *reg.add_attribute("site", omniroute::attribute_kind::enumeration);
  auto sofia = reg.intern_value("sofia");
  auto tashkent = reg.intern_value("tashkent");

  omniroute::parse_diagnostic why;
  auto r = omniroute::parse_requirement(
      "language.es >= 3 & (billing | sales >= 5) & !trainee & site in {sofia, tashkent}"
      "; prefer billing:2", reg, &why);
  // The same requirement, built in code:
  using omniroute::requirement;
  auto same = (requirement::skill_at_least(spanish, 3) &&
               (requirement::has_skill(billing) || requirement::skill_at_least(sales, 5)) &&
               !requirement::is_true(trainee) && requirement::attribute_in(site, {sofia, tashkent}))
                  .prefer(billing, 2);
  // *r == same, and r->to_string(reg) prints the text back (canonically).
  // [/snippet]
  expect(r.has_value() && *r == same, "parsed == built");
  auto again = omniroute::parse_requirement(r->to_string(reg), reg);
  expect(again.has_value() && *again == same, "to_string reads back");
}

void skills_on_agents() {
  using namespace omniroute;
  const time_point now = at_seconds(0);
  // [snippet:skills-agents]
  router r;
  must(r.add_skill("language.es"));
  must(r.add_skill("billing"));
  must(r.add_skill("sales"));
  must(r.add_attribute("trainee", attribute_kind::boolean));
  must(r.add_attribute("site", attribute_kind::enumeration));

  agent_config ana;
  ana.name = "ana";
  ana.skills = {{"language.es", 3}, {"billing", 1}};  // proficiency 0..10; missing = 0
  ana.attributes = {{"trainee", "false"}, {"site", "sofia"}};
  const agent_id a = must(r.add_agent(now, ana));
  // [/snippet]
  queue_config sales_config;
  sales_config.name = "sales";
  const queue_id sales_queue = must(r.add_queue(now, sales_config));
  must(r.add_member(now, sales_queue, a));
  must(r.login(now, a, true));
  doc::recorder log;
  r.set_observer(&log);
  // [snippet:skills-contact]
  parse_diagnostic why;
  auto es = r.add_requirement(
      "language.es >= 3 & (billing | sales >= 5) & !trainee & site in {sofia, tashkent}", &why);
  contact_spec c;
  c.queue = sales_queue;
  c.requirement = *es;
  const contact_id id = must(r.arrive(now, c));
  // [/snippet]
  expect(log.last_offer().contact == id && log.last_offer().agent == a, "ana matches");

  agent_config bad = ana;
  bad.name = "bad";
  bad.skills = {{"language.es", 11}};
  expect(r.add_agent(now, bad).error() == errc::invalid_argument, "level 11 refused");
  bad.skills = {{"cooking", 1}};
  expect(r.add_agent(now, bad).error() == errc::unknown_skill, "unregistered skill refused");
  expect(r.add_requirement("billing >= 5 & billing <= 3").error() == errc::contradictory_requirement,
         "contradiction refused");
}

}  // namespace

int main() {
  requirement_language();
  skills_on_agents();
  return doc::finish("skills");
}
