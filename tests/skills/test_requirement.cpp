// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// requirement built in code: matching, the canonical shape, scores, relaxing, merging and
// validation. Expected values are worked out by hand in the comments.
#include <omniroute/model/requirement.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "skills/skills_fixture.hpp"
#include "support/catch.hpp"

using namespace omniroute;
using skills_test::agent;
using kind = requirement::node_kind;
using R = requirement;

TEST_CASE("any() matches every agent and is the empty expression", "[skills]") {
  skills_test::names n;
  const R r = R::any();
  CHECK(r.is_any());
  CHECK(r.nodes().empty());
  CHECK(r.matches(agent({})));
  CHECK(r.matches(agent({{n.billing, 10}}, {{n.trainee, true_value}})));
  CHECK(r == R());
  CHECK(r.to_string(n.reg) == "*");
  CHECK(r.required_skills().empty());
}

TEST_CASE("skill comparisons read the level, missing skills as 0", "[skills]") {
  skills_test::names n;
  const agent_profile a = agent({{n.billing, 5}});
  CHECK(R::skill_compare(n.billing, compare_op::ge, 5).matches(a));
  CHECK_FALSE(R::skill_compare(n.billing, compare_op::ge, 6).matches(a));
  CHECK(R::skill_compare(n.billing, compare_op::gt, 4).matches(a));
  CHECK_FALSE(R::skill_compare(n.billing, compare_op::gt, 5).matches(a));
  CHECK(R::skill_compare(n.billing, compare_op::le, 5).matches(a));
  CHECK_FALSE(R::skill_compare(n.billing, compare_op::le, 4).matches(a));
  CHECK(R::skill_compare(n.billing, compare_op::lt, 6).matches(a));
  CHECK_FALSE(R::skill_compare(n.billing, compare_op::lt, 5).matches(a));
  CHECK(R::skill_compare(n.billing, compare_op::eq, 5).matches(a));
  CHECK_FALSE(R::skill_compare(n.billing, compare_op::ne, 5).matches(a));
  // sales is missing: level 0.
  CHECK_FALSE(R::has_skill(n.sales).matches(a));
  CHECK(R::skill_at_most(n.sales, 0).matches(a));
  CHECK(R::skill_compare(n.sales, compare_op::eq, 0).matches(a));
  CHECK(R::skill_at_least(n.sales, 0).matches(a));
  CHECK(R::has_skill(n.billing).matches(a));
}

TEST_CASE("has_skill is skill >= 1", "[skills]") {
  skills_test::names n;
  CHECK(R::has_skill(n.sales) == R::skill_at_least(n.sales, 1));
  CHECK(R::has_skill(n.sales).to_string(n.reg) == "sales");
  CHECK(R::skill_at_least(n.sales, 2).to_string(n.reg) == "sales >= 2");
}

TEST_CASE("boolean attributes are true when set to 1, absent is false", "[skills]") {
  skills_test::names n;
  const R r = R::is_true(n.trainee);
  CHECK(r.matches(agent({}, {{n.trainee, true_value}})));
  CHECK_FALSE(r.matches(agent({}, {{n.trainee, false_value}})));
  CHECK_FALSE(r.matches(agent({})));
  CHECK((!r).matches(agent({})));
  CHECK(r.to_string(n.reg) == "trainee");
  CHECK((!r).to_string(n.reg) == "!trainee");
}

TEST_CASE("enumeration attributes: ==, != (true when absent) and in", "[skills]") {
  skills_test::names n;
  const agent_profile in_sofia = agent({}, {{n.site, n.sofia}});
  const agent_profile in_varna = agent({}, {{n.site, n.varna}});
  const agent_profile nowhere = agent({});
  const R eq = R::attribute_is(n.site, n.sofia);
  const R ne = R::attribute_is_not(n.site, n.sofia);
  const R in = R::attribute_in(n.site, {n.sofia, n.tashkent});
  CHECK(eq.matches(in_sofia));
  CHECK_FALSE(eq.matches(in_varna));
  CHECK_FALSE(eq.matches(nowhere));
  CHECK_FALSE(ne.matches(in_sofia));
  CHECK(ne.matches(in_varna));
  CHECK(ne.matches(nowhere));
  CHECK(in.matches(in_sofia));
  CHECK(in.matches(agent({}, {{n.site, n.tashkent}})));
  CHECK_FALSE(in.matches(in_varna));
  CHECK_FALSE(in.matches(nowhere));
  CHECK(in.to_string(n.reg) == "site in {sofia, tashkent}");
  CHECK(ne.to_string(n.reg) == "site != sofia");
  CHECK(R::attribute_in(n.site, std::vector<value_id>{n.varna}) == R::attribute_in(n.site, {n.varna}));
  // The in node is followed by its value nodes.
  REQUIRE(in.nodes().size() == 3);
  CHECK(in.nodes()[0].kind == kind::attribute_in);
  CHECK(in.nodes()[0].size == 3);
  CHECK(in.nodes()[2].kind == kind::value);
  CHECK(in.nodes()[2].value == n.tashkent);
}

TEST_CASE("and, or and not combine as expected", "[skills]") {
  skills_test::names n;
  // language.es >= 3 & (billing | sales >= 5) & !trainee
  const R r = R::skill_at_least(n.es, 3) &&
              (R::has_skill(n.billing) || R::skill_at_least(n.sales, 5)) && !R::is_true(n.trainee);
  CHECK(r.matches(agent({{n.es, 3}, {n.billing, 1}})));
  CHECK(r.matches(agent({{n.es, 9}, {n.sales, 5}})));
  CHECK_FALSE(r.matches(agent({{n.es, 2}, {n.billing, 1}})));
  CHECK_FALSE(r.matches(agent({{n.es, 3}, {n.sales, 4}})));
  CHECK_FALSE(r.matches(agent({{n.es, 3}, {n.billing, 1}}, {{n.trainee, true_value}})));
  CHECK(r.to_string(n.reg) == "language.es >= 3 & (billing | sales >= 5) & !trainee");
}

TEST_CASE("nested conjunctions and disjunctions are flattened", "[skills]") {
  skills_test::names n;
  const R a = R::has_skill(n.es);
  const R b = R::has_skill(n.billing);
  const R c = R::has_skill(n.sales);
  const R left = (a && b) && c;
  const R right = a && (b && c);
  CHECK(left == right);
  REQUIRE(left.nodes().size() == 4);
  CHECK(left.nodes()[0].kind == kind::conjunction);
  CHECK(left.nodes()[0].size == 4);
  CHECK(((a || b) || c) == (a || (b || c)));
  // Different operators are not merged, and order is kept.
  CHECK(((a && b) || c).nodes().size() == 5);
  CHECK((a && b) != (b && a));
  CHECK(((a && b) || c).to_string(n.reg) == "(language.es & billing) | sales");
  CHECK((a && (b || c)).to_string(n.reg) == "language.es & (billing | sales)");
  CHECK((!(a && b)).to_string(n.reg) == "!(language.es & billing)");
  CHECK((!!a).to_string(n.reg) == "!!language.es");
}

TEST_CASE("all_of, any_of and none_of are sugar over presence", "[skills]") {
  skills_test::names n;
  const R a = R::has_skill(n.billing);
  const R b = R::has_skill(n.sales);
  CHECK(R::all_of({n.billing, n.sales}) == (a && b));
  CHECK(R::any_of({n.billing, n.sales}) == (a || b));
  CHECK(R::none_of({n.billing, n.sales}) == (!a && !b));
  CHECK(R::all_of({n.billing}) == a);
  CHECK(R::any_of({n.billing}) == a);
  CHECK(R::none_of({n.billing}) == !a);
  CHECK(R::all_of({}).is_any());
  CHECK(R::none_of({}).is_any());
  CHECK(R::none_of({n.billing, n.sales}).matches(agent({{n.es, 3}})));
  CHECK_FALSE(R::none_of({n.billing, n.sales}).matches(agent({{n.sales, 1}})));
}

TEST_CASE("any() is the identity of && and absorbs ||", "[skills]") {
  skills_test::names n;
  const R a = R::has_skill(n.billing);
  CHECK((R::any() && a) == a);
  CHECK((a && R::any()) == a);
  CHECK((R::any() || a).is_any());
  CHECK((a || R::any()).is_any());
}

TEST_CASE("preferred skills: prefer replaces a weight in place, merging keeps the larger",
          "[skills]") {
  skills_test::names n;
  R r = R::has_skill(n.es);
  r.prefer(n.billing, 2.0).prefer(n.sales).prefer(n.billing, 3.0);
  using pref = std::vector<std::pair<skill_id, double>>;
  CHECK(r.preferred() == pref{{n.billing, 3.0}, {n.sales, 1.0}});
  R other = R::has_skill(n.support);
  other.prefer(n.support, 0.5).prefer(n.billing, 1.5).prefer(n.sales, 4.0);
  const R both = r && other;
  CHECK(both.preferred() == pref{{n.billing, 3.0}, {n.sales, 4.0}, {n.support, 0.5}});
  CHECK((r || other).preferred() == both.preferred());
  CHECK((!r).preferred() == r.preferred());
  CHECK(r.without_preferred().preferred().empty());
  CHECK(r.without_preferred().nodes() == r.nodes());
  CHECK(r.without_preferred() != r);
  // && with itself changes nothing about preferences.
  CHECK((r && r).preferred() == r.preferred());
}

TEST_CASE("required skills: >=, >, == and presence not under a negation", "[skills]") {
  skills_test::names n;
  // es >= 3 & (billing | sales > 2) & !support & es <= 8 & !(sales == 2)
  const R r = R::skill_at_least(n.es, 3) &&
              (R::has_skill(n.billing) || R::skill_compare(n.sales, compare_op::gt, 2)) &&
              !R::has_skill(n.support) && R::skill_at_most(n.es, 8) &&
              !R::skill_compare(n.sales, compare_op::eq, 2);
  CHECK(r.required_skills() == std::vector<skill_id>{n.es, n.billing, n.sales});
  const R only_max = R::skill_at_most(n.billing, 3) && R::none_of({n.sales, n.support});
  CHECK(only_max.required_skills().empty());
  CHECK(R::skill_compare(n.support, compare_op::eq, 4).required_skills() ==
        std::vector<skill_id>{n.support});
  CHECK(R::skill_compare(n.support, compare_op::ne, 4).required_skills().empty());
}

TEST_CASE("score: sum and weighted, computed by hand", "[skills]") {
  skills_test::names n;
  // language.es >= 3 & (billing | sales >= 5) & !trainee; prefer billing:2, support:0.5
  R r = R::skill_at_least(n.es, 3) &&
        (R::has_skill(n.billing) || R::skill_at_least(n.sales, 5)) && !R::is_true(n.trainee);
  r.prefer(n.billing, 2.0).prefer(n.support, 0.5);
  const agent_profile a = agent({{n.es, 4}, {n.billing, 2}, {n.sales, 6}, {n.support, 3}});
  // Required {es, billing, sales}: 4 + 2 + 6 = 12. Preferred: billing 2, support 3.
  CHECK(r.score(a, score_mode::sum) == 12.0 + 2 + 3);
  CHECK(r.score(a, score_mode::weighted) == 12.0 + 2 * 2 + 0.5 * 3);
  // A required skill counted once even if compared twice; missing skills add 0.
  const R twice = R::skill_at_least(n.es, 2) && R::skill_at_most(n.es, 9);
  CHECK(twice.score(a, score_mode::sum) == 4.0);
  CHECK(twice.score(agent({}), score_mode::weighted) == 0.0);
  // Negated skills do not count; preferred ones do even with an empty expression.
  R ranked = R::any();
  ranked.prefer(n.sales, 0.25);
  CHECK(ranked.score(a, score_mode::sum) == 6.0);
  CHECK(ranked.score(a, score_mode::weighted) == 1.5);
  CHECK((!R::has_skill(n.sales)).score(a, score_mode::sum) == 0.0);
}

TEST_CASE("relaxed lowers minimums, not below 1, and leaves the rest", "[skills]") {
  skills_test::names n;
  const R r = R::skill_at_least(n.es, 5) && R::skill_compare(n.billing, compare_op::gt, 3) &&
              R::skill_at_most(n.sales, 4) && R::skill_compare(n.support, compare_op::eq, 7) &&
              !R::skill_at_least(n.sales, 3) && R::attribute_is(n.site, n.sofia);
  CHECK(r.relaxed(2).to_string(n.reg) ==
        "language.es >= 3 & billing > 1 & sales <= 4 & support == 7 & !(sales >= 3) & "
        "site == sofia");
  CHECK(r.relaxed(0) == r);
  CHECK(r.relaxed(-3) == r);
  CHECK(r.relaxed(100).to_string(n.reg) ==
        "language.es & billing > 0 & sales <= 4 & support == 7 & !(sales >= 3) & site == sofia");
  CHECK(R::skill_at_least(n.es, 0).relaxed(1) == R::skill_at_least(n.es, 0));
  CHECK(R::has_skill(n.es).relaxed(std::numeric_limits<int>::max()) == R::has_skill(n.es));
  // Preferences survive.
  R p = R::skill_at_least(n.es, 4);
  p.prefer(n.billing, 2);
  CHECK(p.relaxed(1).preferred() == p.preferred());
  CHECK(R::validate(r.relaxed(10)));
}

TEST_CASE("validate rejects levels outside 0..10", "[skills]") {
  skills_test::names n;
  CHECK(R::validate(R::skill_at_least(n.es, 11)).error() == errc::invalid_argument);
  CHECK(R::validate(R::skill_at_most(n.es, -1)).error() == errc::invalid_argument);
  CHECK(R::validate(R::skill_at_least(n.es, 10)));
  CHECK(R::validate(R::skill_at_most(n.es, 0)));
  CHECK(R::validate(R::any()));
}

TEST_CASE("validate rejects contradictions within one conjunction", "[skills]") {
  skills_test::names n;
  const auto code = [](const R& r) { return R::validate(r).error(); };
  const errc contradictory = errc::contradictory_requirement;
  CHECK(code(R::skill_at_least(n.billing, 5) && R::skill_at_most(n.billing, 3)) == contradictory);
  CHECK(code(R::skill_compare(n.billing, compare_op::gt, 4) &&
             R::skill_compare(n.billing, compare_op::lt, 5)) == contradictory);
  CHECK(code(R::skill_compare(n.billing, compare_op::eq, 3) &&
             R::skill_compare(n.billing, compare_op::eq, 4)) == contradictory);
  CHECK(code(R::skill_compare(n.billing, compare_op::eq, 3) &&
             R::skill_compare(n.billing, compare_op::ne, 3)) == contradictory);
  CHECK(code(R::skill_compare(n.billing, compare_op::gt, 10)) == contradictory);
  CHECK(code(R::skill_compare(n.billing, compare_op::lt, 0)) == contradictory);
  CHECK(code(R::attribute_is(n.site, n.sofia) && R::attribute_is(n.site, n.varna)) ==
        contradictory);
  CHECK(code(R::attribute_is(n.site, n.sofia) && R::attribute_is_not(n.site, n.sofia)) ==
        contradictory);
  // Inside an or, a negation or deeper: still a conjunction.
  CHECK(code(R::has_skill(n.es) || (R::skill_at_least(n.billing, 5) &&
                                    R::has_skill(n.sales) && R::skill_at_most(n.billing, 3))) ==
        contradictory);
  // Not contradictions.
  CHECK(R::validate(R::skill_at_least(n.billing, 3) && R::skill_at_most(n.billing, 3)));
  CHECK(R::validate(R::skill_compare(n.billing, compare_op::gt, 4) &&
                    R::skill_compare(n.billing, compare_op::lt, 6)));
  CHECK(R::validate(R::skill_at_least(n.billing, 5) || R::skill_at_most(n.billing, 3)));
  CHECK(R::validate(R::skill_at_least(n.billing, 5) && R::skill_at_most(n.sales, 3)));
  CHECK(R::validate(R::skill_compare(n.billing, compare_op::ne, 3) &&
                    R::skill_compare(n.billing, compare_op::ne, 4)));
  CHECK(R::validate(R::attribute_is(n.site, n.sofia) && R::attribute_is_not(n.site, n.varna)));
  CHECK(R::validate(R::skill_compare(n.billing, compare_op::gt, 9)));
  CHECK(R::validate(R::skill_compare(n.billing, compare_op::lt, 1)));
}

TEST_CASE("validate rejects bad weights and too deep nesting", "[skills]") {
  skills_test::names n;
  R r = R::has_skill(n.es);
  CHECK(R::validate(R(r).prefer(n.billing, 0.0)));
  CHECK(R::validate(R(r).prefer(n.billing, -1.0)).error() == errc::invalid_argument);
  CHECK(R::validate(R(r).prefer(n.billing, std::numeric_limits<double>::infinity())).error() ==
        errc::invalid_argument);
  CHECK(R::validate(R(r).prefer(n.billing, std::nan(""))).error() == errc::invalid_argument);
  R deep = r;
  for (std::size_t i = 0; i < R::max_depth; ++i) deep = !deep;
  CHECK(R::validate(deep));
  CHECK(R::validate(!deep).error() == errc::limit_exceeded);
}

TEST_CASE("copies and moves match like the original", "[skills]") {
  skills_test::names n;
  const R r = R::attribute_in(n.site, {n.sofia, n.varna}) && R::skill_at_least(n.sales, 2);
  const R copy = r;  // NOLINT: value semantics
  R moved = R(r);
  const agent_profile a = agent({{n.sales, 2}}, {{n.site, n.varna}});
  CHECK(r.matches(a));
  CHECK(copy.matches(a));
  CHECK(moved.matches(a));
  CHECK(copy == r);
}
