// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// parse_requirement: the grammar, diagnostics with line and column, errors, and the round trip
// with requirement::to_string (by hand and randomized). Random tests print their seed.
#include <omniroute/model/requirement.hpp>
#include <omniroute/model/requirement_parser.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "skills/skills_fixture.hpp"
#include "support/catch.hpp"

using namespace omniroute;
using skills_test::agent;
using R = requirement;

namespace {

struct parsed {
  result<requirement> r;
  parse_diagnostic d;
};

parsed parse(std::string_view text, const skill_registry& reg) {
  parse_diagnostic d;
  result<requirement> r = parse_requirement(text, reg, &d);
  return {std::move(r), std::move(d)};
}

// parse(text) succeeds, equals `expected`, prints as `canonical` and reads back equal.
void check_parses(const skills_test::names& n, std::string_view text, const R& expected,
                  std::string_view canonical) {
  INFO("text: " << text);
  const parsed p = parse(text, n.reg);
  INFO("diagnostic: " << p.d.message);
  REQUIRE(p.r);
  CHECK(*p.r == expected);
  const std::string printed = p.r->to_string(n.reg);
  CHECK(printed == canonical);
  const parsed again = parse(printed, n.reg);
  REQUIRE(again.r);
  CHECK(*again.r == *p.r);
}

// parse(text) fails with `code` at line:column and a message that contains `part`.
void check_fails(const skill_registry& reg, std::string_view text, errc code, std::uint32_t line,
                 std::uint32_t column, std::string_view part) {
  INFO("text: " << text);
  const parsed p = parse(text, reg);
  INFO("diagnostic: " << p.d.message);
  REQUIRE_FALSE(p.r);
  CHECK(p.r.error() == code);
  CHECK(p.d.line == line);
  CHECK(p.d.column == column);
  CHECK(p.d.message.rfind("line " + std::to_string(line) + ", column " + std::to_string(column) +
                              ": ",
                          0) == 0);
  CHECK(p.d.message.find(part) != std::string::npos);
  CHECK_FALSE(p.d.expected.empty());
}

}  // namespace

TEST_CASE("the issue's example parses, matches and prints back", "[skills]") {
  skills_test::names n;
  const R expected = R::skill_at_least(n.es, 3) &&
                     (R::has_skill(n.billing) || R::skill_at_least(n.sales, 5)) &&
                     !R::is_true(n.trainee) && R::attribute_in(n.site, {n.sofia, n.tashkent});
  check_parses(n,
               "language.es >= 3 & (billing | sales >= 5) & !trainee & site in {sofia, tashkent}",
               expected,
               "language.es >= 3 & (billing | sales >= 5) & !trainee & site in {sofia, tashkent}");
  const R r = *parse_requirement(
      "language.es >= 3 & (billing | sales >= 5) & !trainee & site in {sofia, tashkent}", n.reg);
  CHECK(r.matches(agent({{n.es, 3}, {n.sales, 5}}, {{n.site, n.tashkent}})));
  CHECK_FALSE(r.matches(agent({{n.es, 3}, {n.sales, 5}}, {{n.site, n.varna}})));
}

TEST_CASE("every form of the grammar", "[skills]") {
  skills_test::names n;
  check_parses(n, "billing", R::has_skill(n.billing), "billing");
  check_parses(n, "billing >= 1", R::has_skill(n.billing), "billing");
  check_parses(n, "billing>0", R::skill_compare(n.billing, compare_op::gt, 0), "billing > 0");
  check_parses(n, "billing <= 07", R::skill_at_most(n.billing, 7), "billing <= 7");
  check_parses(n, "billing < 10", R::skill_compare(n.billing, compare_op::lt, 10), "billing < 10");
  check_parses(n, "billing == 0", R::skill_compare(n.billing, compare_op::eq, 0), "billing == 0");
  check_parses(n, "billing != 4", R::skill_compare(n.billing, compare_op::ne, 4), "billing != 4");
  check_parses(n, "trainee", R::is_true(n.trainee), "trainee");
  check_parses(n, "!!trainee", !!R::is_true(n.trainee), "!!trainee");
  check_parses(n, "site == varna", R::attribute_is(n.site, n.varna), "site == varna");
  check_parses(n, "site!=varna", R::attribute_is_not(n.site, n.varna), "site != varna");
  check_parses(n, "site in{varna}", R::attribute_in(n.site, {n.varna}), "site in {varna}");
  check_parses(n, "all{billing,sales}", R::all_of({n.billing, n.sales}), "billing & sales");
  check_parses(n, "any{billing, sales, support}", R::any_of({n.billing, n.sales, n.support}),
               "billing | sales | support");
  check_parses(n, "none{billing, sales}", R::none_of({n.billing, n.sales}),
               "!billing & !sales");
  check_parses(n, "none{billing}", !R::has_skill(n.billing), "!billing");
  check_parses(n, "!(sales >= 3)", !R::skill_at_least(n.sales, 3), "!(sales >= 3)");
  check_parses(n, "!sales >= 3", !R::skill_at_least(n.sales, 3), "!(sales >= 3)");
  check_parses(n, "!(site == sofia)", !R::attribute_is(n.site, n.sofia), "!(site == sofia)");
  check_parses(n, "((billing))", R::has_skill(n.billing), "billing");
}

TEST_CASE("precedence: ! before & before |, parentheses and sugar are flattened", "[skills]") {
  skills_test::names n;
  const R a = R::has_skill(n.es);
  const R b = R::has_skill(n.billing);
  const R c = R::has_skill(n.sales);
  const R d = R::has_skill(n.support);
  check_parses(n, "language.es | billing & !sales", a || (b && !c),
               "language.es | (billing & !sales)");
  check_parses(n, "(language.es | billing) & sales", (a || b) && c,
               "(language.es | billing) & sales");
  check_parses(n, "(language.es & billing) & (sales & support)", a && b && c && d,
               "language.es & billing & sales & support");
  check_parses(n, "language.es & all{billing, sales} & support", a && b && c && d,
               "language.es & billing & sales & support");
  check_parses(n, "any{language.es, billing} | (sales | support)", a || b || c || d,
               "language.es | billing | sales | support");
  check_parses(n, "language.es & none{billing, sales}", a && !b && !c,
               "language.es & !billing & !sales");
  check_parses(n, "!(language.es | billing)", !(a || b), "!(language.es | billing)");
}

TEST_CASE("whitespace, newlines and comments go anywhere between tokens", "[skills]") {
  skills_test::names n;
  const std::string text =
      "# agents for Spanish billing\n"
      "  language.es>=\t3   # at least conversational\n"
      "\r\n& (\n billing\n |\n sales >= 5 )# or strong sales\n"
      "; prefer\n billing : 2 , sales # end\n";
  R expected = R::skill_at_least(n.es, 3) &&
               (R::has_skill(n.billing) || R::skill_at_least(n.sales, 5));
  expected.prefer(n.billing, 2).prefer(n.sales);
  check_parses(n, text, expected,
               "language.es >= 3 & (billing | sales >= 5); prefer billing:2, sales");
}

TEST_CASE("empty text and * match everyone, prefer may stand alone", "[skills]") {
  skills_test::names n;
  check_parses(n, "", R::any(), "*");
  check_parses(n, "  \n # nothing here\n", R::any(), "*");
  check_parses(n, "*", R::any(), "*");
  R ranked;
  ranked.prefer(n.sales, 0.5);
  check_parses(n, "; prefer sales:0.5", ranked, "*; prefer sales:0.5");
  check_parses(n, "* ; prefer sales:.5", ranked, "*; prefer sales:0.5");
}

TEST_CASE("preferred weights print in the shortest form that reads back", "[skills]") {
  skills_test::names n;
  for (double w : {0.0, 0.1, 1.0 / 3, 2.5, 1e-7, 1e25, 123456789.125}) {
    R r = R::has_skill(n.es);
    r.prefer(n.billing, w);
    const std::string text = r.to_string(n.reg);
    INFO(text);
    const result<R> back = parse_requirement(text, n.reg);
    REQUIRE(back);
    CHECK(*back == r);
  }
  R repeated;
  repeated.prefer(n.billing, 3).prefer(n.sales);
  check_parses(n, "; prefer billing, sales, billing:3", repeated, "*; prefer billing:3, sales");
}

TEST_CASE("values: quoted when not plain words, unknown ones kept by text, never matching",
          "[skills]") {
  skills_test::names n;
  const value_id sao_paulo = n.reg.intern_value("S\xC3\xA3o Paulo");
  const value_id odd = n.reg.intern_value("a\"b\\c");
  const value_id empty = n.reg.intern_value("");
  check_parses(n, "site in {\"S\xC3\xA3o Paulo\", \"a\\\"b\\\\c\", \"\", \"sofia\", 2-x}",
               R::attribute_in(n.site, {sao_paulo, odd, empty, n.sofia, n.reg.intern_value("2-x")}),
               "site in {\"S\xC3\xA3o Paulo\", \"a\\\"b\\\\c\", \"\", sofia, 2-x}");

  skills_test::names m;  // without "nowhere" or "atlantis"
  const result<R> r = parse_requirement("site in {sofia, nowhere} | site == atlantis | "
                                        "site != nowhere",
                                        m.reg);
  REQUIRE(r);
  CHECK(r->unknown_values() == std::vector<std::string>{"nowhere", "atlantis"});
  CHECK(r->to_string(m.reg) == "site in {sofia, nowhere} | site == atlantis | site != nowhere");
  CHECK_FALSE(m.reg.find_value("nowhere"));  // parsing does not intern
  CHECK(r->matches(agent({}, {{m.site, m.sofia}})));
  CHECK(r->matches(agent({}, {{m.site, m.varna}})));  // through `site != nowhere`
  CHECK_FALSE(parse_requirement("site in {nowhere, atlantis}", m.reg)
                  ->matches(agent({}, {{m.site, R::unknown_value_base}})));
  const result<R> never = parse_requirement("site == nowhere", m.reg);
  REQUIRE(never);
  CHECK_FALSE(never->matches(agent({}, {{m.site, m.sofia}})));
  CHECK(parse_requirement("site != nowhere", m.reg)->matches(agent({})));
  // Once interned, parsing again resolves the value.
  const value_id nowhere = m.reg.intern_value("nowhere");
  const result<R> resolved = parse_requirement("site == nowhere", m.reg);
  REQUIRE(resolved);
  CHECK(resolved->unknown_values().empty());
  CHECK(resolved->matches(agent({}, {{m.site, nowhere}})));
}

TEST_CASE("combining parsed requirements keeps unknown values by text", "[skills]") {
  skills_test::names n;
  const R a = *parse_requirement("site == x", n.reg);
  const R b = *parse_requirement("site == y | site == x", n.reg);
  const R both = a && b;
  CHECK(both.unknown_values() == std::vector<std::string>{"x", "y"});
  CHECK(both.to_string(n.reg) == "site == x & (site == y | site == x)");
  CHECK(*parse_requirement(both.to_string(n.reg), n.reg) == both);
  CHECK((b && a).unknown_values() == std::vector<std::string>{"y", "x"});
}

TEST_CASE("keywords are names where the grammar allows a name", "[skills]") {
  skill_registry reg;
  const skill_id all = *reg.add_skill("all");
  const skill_id in = *reg.add_skill("in");
  const skill_id prefer = *reg.add_skill("prefer");
  const skill_id none = *reg.add_skill("none");
  R expected = R::has_skill(all) && R::skill_at_least(in, 2) && R::has_skill(prefer) &&
               R::has_skill(none);
  expected.prefer(prefer);
  const result<R> r = parse_requirement("all & in >= 2 & prefer & none{all, in} | none; prefer prefer", reg);
  REQUIRE(r);
  CHECK(r->to_string(reg) == "(all & in >= 2 & prefer & !all & !in) | none; prefer prefer");
  const result<R> simple = parse_requirement("all & in >= 2 & prefer & none; prefer prefer", reg);
  REQUIRE(simple);
  CHECK(*simple == expected);
  CHECK(*parse_requirement(simple->to_string(reg), reg) == expected);
}

TEST_CASE("diagnostics name line and column of what was expected", "[skills]") {
  skills_test::names n;
  check_fails(n.reg, "language.es >= 3 & billing >= x", errc::parse_error, 1, 31,
              "expected a skill level (0..10) after '>=', found 'x'");
  check_fails(n.reg, "billing >=", errc::parse_error, 1, 11,
              "expected a skill level (0..10) after '>=', found the end of the requirement");
  check_fails(n.reg, "billing &\n  # comment\n  nosuch >= 3", errc::unknown_skill, 3, 3,
              "unknown skill 'nosuch'");
  check_fails(n.reg, "billing & ", errc::parse_error, 1, 11, "expected a skill or attribute name");
  check_fails(n.reg, "billing & & sales", errc::parse_error, 1, 11, "found '&'");
  check_fails(n.reg, "(billing | sales", errc::parse_error, 1, 17,
              "closing the '(' at line 1, column 1");
  check_fails(n.reg, "billing)", errc::parse_error, 1, 8,
              "expected '&', '|', ';' or the end of the requirement, found ')'");
  check_fails(n.reg, "billing = 3", errc::parse_error, 1, 9, "'=' is not an operator");
  check_fails(n.reg, "billing @ sales", errc::parse_error, 1, 9, "unexpected character '@'");
  check_fails(n.reg, "billing &\n\xff", errc::parse_error, 2, 1, "(byte 0xFF)");
  check_fails(n.reg, "site == \"open", errc::parse_error, 1, 9, "unterminated quoted value");
  check_fails(n.reg, "site == \"a\\n\"", errc::parse_error, 1, 9, "may only escape");
  check_fails(n.reg, "site == ", errc::parse_error, 1, 9, "expected a value of 'site' after '=='");
  check_fails(n.reg, "site in sofia", errc::parse_error, 1, 9, "expected '{' after 'in'");
  check_fails(n.reg, "site in {sofia tashkent}", errc::parse_error, 1, 16, "expected ',' or '}'");
  check_fails(n.reg, "site in {}", errc::parse_error, 1, 10, "expected a value of 'site'");
  check_fails(n.reg, "1billing", errc::parse_error, 1, 1, "expected a skill or attribute name");
  check_fails(n.reg, "billing; sales", errc::parse_error, 1, 10, "expected 'prefer' after ';'");
  check_fails(n.reg, "billing; prefer", errc::parse_error, 1, 16, "expected a skill name");
  check_fails(n.reg, "billing; prefer sales:", errc::parse_error, 1, 23,
              "expected a weight (a number >= 0) after ':'");
  check_fails(n.reg, "billing; prefer sales:1.5x", errc::parse_error, 1, 23, "expected a weight");
  check_fails(n.reg, "billing; prefer sales: -2", errc::invalid_argument, 1, 24, "must be >= 0");
  check_fails(n.reg, "billing; prefer sales:1e999", errc::invalid_argument, 1, 23,
              "out of range");
  check_fails(n.reg, "billing; prefer sales & billing", errc::parse_error, 1, 23,
              "expected ',' or the end of the requirement, found '&'");
}

TEST_CASE("unknown names are unknown_skill or unknown_attribute by how they are used",
          "[skills]") {
  skills_test::names n;
  check_fails(n.reg, "nosuch", errc::unknown_skill, 1, 1, "unknown skill 'nosuch'");
  check_fails(n.reg, "billing | nosuch >= 3", errc::unknown_skill, 1, 11, "unknown skill");
  check_fails(n.reg, "nosuch == 3", errc::unknown_skill, 1, 1, "unknown skill");
  check_fails(n.reg, "nosuch in {a}", errc::unknown_attribute, 1, 1,
              "unknown attribute 'nosuch'");
  check_fails(n.reg, "nosuch == berlin", errc::unknown_attribute, 1, 1, "unknown attribute");
  check_fails(n.reg, "nosuch != \"x\"", errc::unknown_attribute, 1, 1, "unknown attribute");
  check_fails(n.reg, "all{billing, nosuch}", errc::unknown_skill, 1, 14, "unknown skill");
  check_fails(n.reg, "billing; prefer nosuch", errc::unknown_skill, 1, 17, "unknown skill");
}

TEST_CASE("skills and attributes used the wrong way are parse errors", "[skills]") {
  skills_test::names n;
  check_fails(n.reg, "billing in {a}", errc::parse_error, 1, 9, "'billing' is a skill");
  check_fails(n.reg, "billing == sofia", errc::parse_error, 1, 12,
              "expected a skill level (0..10) after '=='");
  check_fails(n.reg, "trainee >= 2", errc::parse_error, 1, 9,
              "'trainee' is a boolean attribute: write 'trainee' or '!trainee'");
  check_fails(n.reg, "trainee in {a}", errc::parse_error, 1, 9, "boolean attribute");
  check_fails(n.reg, "site >= 2", errc::parse_error, 1, 6,
              "expected 'in', '==' or '!=' after 'site'");
  check_fails(n.reg, "site & billing", errc::parse_error, 1, 6, "expected 'in', '==' or '!='");
  check_fails(n.reg, "all{billing, trainee}", errc::parse_error, 1, 14,
              "'trainee' is an attribute; all{..} takes skills");
  check_fails(n.reg, "billing; prefer site", errc::parse_error, 1, 17,
              "only skills can be preferred");
}

TEST_CASE("levels out of range and contradictions are reported where they are", "[skills]") {
  skills_test::names n;
  check_fails(n.reg, "billing >= 11", errc::invalid_argument, 1, 12,
              "skill level '11' is out of range (0..10)");
  check_fails(n.reg, "billing <= 99999999999999999999", errc::invalid_argument, 1, 12,
              "out of range");
  check_fails(n.reg, "billing >= 5 & billing <= 3", errc::contradictory_requirement, 1, 16,
              "skill 'billing' needs a level of at least 5 and at most 3");
  check_fails(n.reg, "sales & (x > 4 & x < 5)", errc::unknown_skill, 1, 10, "unknown skill 'x'");
  check_fails(n.reg, "sales & (billing > 4 &\n billing < 5)", errc::contradictory_requirement, 2,
              2, "at least 5 and at most 4");
  check_fails(n.reg, "billing > 10", errc::contradictory_requirement, 1, 1,
              "no level (0..10) of 'billing' is above 10");
  check_fails(n.reg, "billing < 0", errc::contradictory_requirement, 1, 1, "below 0");
  check_fails(n.reg, "site == sofia & billing & site == varna", errc::contradictory_requirement,
              1, 27, "attribute 'site' cannot have two different values");
  check_fails(n.reg, "billing == 3 & billing != 3", errc::contradictory_requirement, 1, 16,
              "must be 3 and not 3");
  CHECK(parse_requirement("billing >= 5 | billing <= 3", n.reg));
}

TEST_CASE("nesting deeper than max_parse_depth is a parse error, not a crash", "[skills]") {
  skills_test::names n;
  const std::size_t limit = R::max_parse_depth;
  // Up to max_parse_depth levels of '(' and '!' are fine; the parser stops at the token that
  // would open one more.
  const std::string ok = std::string(limit, '(') + "billing" + std::string(limit, ')');
  CHECK(parse_requirement(ok, n.reg));
  CHECK(parse_requirement(std::string(limit, '!') + "billing", n.reg));
  CHECK(parse_requirement(std::string(limit / 2, '!') + std::string(limit / 2, '(') + "billing" +
                              std::string(limit / 2, ')'),
                          n.reg));
  const auto column = static_cast<std::uint32_t>(limit + 2);
  for (std::size_t depth : {limit + 1, std::size_t{100000}}) {
    check_fails(n.reg, std::string(depth, '(') + "billing" + std::string(depth, ')'),
                errc::parse_error, 1, column, "nested too deeply");
    check_fails(n.reg, std::string(depth, '!') + "billing", errc::parse_error, 1, column,
                "nested too deeply");
  }
}

TEST_CASE("a successful parse resets the diagnostic", "[skills]") {
  skills_test::names n;
  parse_diagnostic d;
  REQUIRE_FALSE(parse_requirement("nosuch", n.reg, &d));
  CHECK(d.line == 1);
  REQUIRE(parse_requirement("billing", n.reg, &d));
  CHECK(d.line == 0);
  CHECK(d.column == 0);
  CHECK(d.message.empty());
  CHECK(d.expected.empty());
  CHECK(parse_requirement("billing", n.reg, nullptr));
}

namespace {

// A random requirement together with one of the many texts that denote it: random spacing,
// comments, redundant parentheses, sugar and non-canonical spellings. `precedence` is what the
// text binds as: 0 a `|` list, 1 a `&` list, 2 a primary or `!`.
struct generated {
  R req;
  std::string text;
  int precedence = 2;
};

class generator {
 public:
  generator(const skills_test::names& n, std::uint32_t seed) : n_(n), rng_(seed) {}

  int pick(int below) { return std::uniform_int_distribution<int>(0, below - 1)(rng_); }

  std::string space() {
    static const char* const spaces[] = {"", "", " ", " ", "\n", "\t", " # & | ( {\n", "\r\n  "};
    return spaces[pick(8)];
  }
  std::string some_space() {
    const std::string s = space();
    return s.empty() ? " " : s;
  }

  skill_id skill() { return static_cast<skill_id>(pick(4)); }
  std::string skill_name(skill_id s) { return std::string(n_.reg.skill_name(s)); }

  generated leaf() {
    generated g;
    switch (pick(9)) {
      case 0:
      case 1:
      case 2: {
        const skill_id s = skill();
        static const char* const ops[] = {">=", ">", "<=", "<", "==", "!="};
        const int op = pick(6);
        const int level = pick(11);
        g.req = R::skill_compare(s, static_cast<compare_op>(op), level);
        g.text = skill_name(s) + space() + ops[op] + space() + (pick(4) == 0 ? "0" : "") +
                 std::to_string(level);
        return g;
      }
      case 3: {
        const skill_id s = skill();
        g.req = R::has_skill(s);
        g.text = skill_name(s) + (pick(3) == 0 ? space() + ">=" + space() + "1" : "");
        return g;
      }
      case 4:
        g.req = R::is_true(n_.trainee);
        g.text = "trainee";
        return g;
      case 5:
      case 6: {
        const bool equal = pick(2) == 0;
        const value_text v = resolved_value();
        g.text = "site" + space() + (equal ? "==" : "!=") + space() + v.text;
        if (v.unknown) {
          g.req = parse_expected(g.text);
        } else {
          g.req = equal ? R::attribute_is(n_.site, v.id) : R::attribute_is_not(n_.site, v.id);
        }
        return g;
      }
      case 7: {
        const int count = 1 + pick(3);
        std::string text = "site" + some_space() + "in" + space() + "{";
        bool any_unknown = false;
        std::vector<value_id> ids;
        for (int i = 0; i < count; ++i) {
          const value_text v = resolved_value();
          any_unknown = any_unknown || v.unknown;
          ids.push_back(v.id);
          text += space() + v.text + space() + (i + 1 < count ? "," : "");
        }
        text += "}";
        g.text = text;
        g.req = any_unknown ? parse_expected(text) : R::attribute_in(n_.site, ids);
        return g;
      }
      default: {
        static const char* const keywords[] = {"all", "any", "none"};
        const int which = pick(3);
        const int count = 1 + pick(3);
        std::string text = std::string(keywords[which]) + space() + "{";
        R r;
        for (int i = 0; i < count; ++i) {
          const skill_id s = skill();
          const R has = R::has_skill(s);
          if (i == 0) {
            r = which == 2 ? !has : has;
          } else {
            r = which == 0 ? (r && has) : which == 1 ? (r || has) : (r && !has);
          }
          text += space() + skill_name(s) + space() + (i + 1 < count ? "," : "");
        }
        g.req = r;
        g.text = text + "}";
        return g;
      }
    }
  }

  generated expression(int depth) {
    generated g = depth <= 0 || pick(3) == 0 ? leaf() : inner(depth);
    if (pick(6) == 0) {
      g.text = "(" + space() + g.text + space() + ")";
      g.precedence = 2;
    }
    return g;
  }

  generated inner(int depth) {
    const int which = pick(3);
    if (which == 2) {
      generated operand = expression(depth - 1);
      generated g;
      g.req = !operand.req;
      g.text = "!" + space() + (operand.precedence < 2 ? "(" + operand.text + ")" : operand.text);
      return g;
    }
    const int count = 2 + pick(3);
    const int needs = which == 0 ? 1 : 0;  // operands of & must bind at least as &, of | as |
    generated g;
    g.precedence = which == 0 ? 1 : 0;
    for (int i = 0; i < count; ++i) {
      generated operand = expression(depth - 1);
      const std::string text = operand.precedence < needs ? "(" + operand.text + ")" : operand.text;
      if (i == 0) {
        g.req = operand.req;
        g.text = text;
      } else {
        g.req = which == 0 ? (g.req && operand.req) : (g.req || operand.req);
        g.text += space() + (which == 0 ? "&" : "|") + space() + text;
      }
    }
    return g;
  }

  generated requirement_text(int depth) {
    generated g = pick(8) == 0 ? generated{R::any(), pick(2) == 0 ? "*" : "", 2} : expression(depth);
    if (pick(3) == 0) {
      g.text += space() + ";" + space() + "prefer" + some_space();
      const int count = 1 + pick(3);
      static const char* const weights[] = {"", "", "2", "0.5", "0", "1e-3", "1E+20", "3.25"};
      for (int i = 0; i < count; ++i) {
        const skill_id s = skill();
        const char* w = weights[pick(8)];
        g.req.prefer(s, *w ? std::stod(w) : 1.0);
        g.text += skill_name(s) + space() + (*w ? std::string(":") + space() + w : "") + space() +
                  (i + 1 < count ? "," + space() : "");
      }
    }
    g.text = space() + g.text + space();
    return g;
  }

 private:
  struct value_text {
    value_id id;
    std::string text;
    bool unknown;
  };
  value_text resolved_value() {
    static const char* const known[] = {"sofia", "tashkent", "varna", "true"};
    static const char* const unknown[] = {"berlin", "lima"};
    if (pick(5) == 0) return {0, unknown[pick(2)], true};
    const std::string text = known[pick(4)];
    return {*n_.reg.find_value(text), pick(3) == 0 ? "\"" + text + "\"" : text, false};
  }
  // Leaves with unknown values cannot be built in code; they come from parsing their own text.
  R parse_expected(const std::string& text) {
    const result<R> r = parse_requirement(text, n_.reg);
    OMNIROUTE_ASSERT(r.has_value(), "generator: a leaf with an unknown value must parse");
    return *r;
  }

  const skills_test::names& n_;
  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("random texts parse into the requirement built in code, and round-trip", "[skills]") {
  skills_test::names n;
  const std::uint32_t seed = std::random_device{}();
  INFO("seed " << seed);
  generator gen(n, seed);
  int valid = 0;
  for (int i = 0; i < 3000; ++i) {
    const generated g = gen.requirement_text(4);
    INFO("text: " << g.text);
    const result<R> expected = R::validate(g.req);
    parse_diagnostic d;
    const result<R> got = parse_requirement(g.text, n.reg, &d);
    INFO("diagnostic: " << d.message);
    if (!expected) {
      REQUIRE_FALSE(got);
      REQUIRE(got.error() == expected.error());
      continue;
    }
    ++valid;
    REQUIRE(got);
    REQUIRE(*got == g.req);
    const std::string canonical = got->to_string(n.reg);
    INFO("canonical: " << canonical);
    const result<R> again = parse_requirement(canonical, n.reg);
    REQUIRE(again);
    REQUIRE(*again == *got);
    REQUIRE(again->to_string(n.reg) == canonical);
  }
  CHECK(valid > 1000);
}

TEST_CASE("random byte strings never crash the parser, what parses round-trips", "[skills]") {
  skills_test::names n;
  const std::uint32_t seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  const auto pick = [&](int below) { return std::uniform_int_distribution<int>(0, below - 1)(rng); };
  static const char* const pieces[] = {
      "billing", "sales", "language.es", "support", "site", "trainee", "nosuch", " in ", "{",
      "}", "(", ")", "&", "|", "!", ">=", ">", "<=", "<", "==", "!=", "=", "3", "10", "11", "0",
      "all", "any", "none", ";", " prefer ", ":", "2.5", "1e+3", "-", ",", "\"", "\\", "#", "\n",
      " ", "*", "sofia", "\"x y\"", "\xff"};
  constexpr int piece_count = sizeof pieces / sizeof pieces[0];
  int parsed_ok = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int length = pick(25);
    for (int j = 0; j < length; ++j) {
      if (pick(10) == 0) {
        text += static_cast<char>(pick(256));
      } else if (pick(30) == 0) {
        text += '\0';
      } else {
        text += pieces[pick(piece_count)];
      }
    }
    INFO("text: " << text);
    parse_diagnostic d;
    const result<R> r = parse_requirement(text, n.reg, &d);
    if (!r) {
      REQUIRE(d.line >= 1);
      REQUIRE(d.column >= 1);
      REQUIRE(d.message.rfind("line ", 0) == 0);
      const errc e = static_cast<errc>(r.error().value());
      REQUIRE((e == errc::parse_error || e == errc::unknown_skill ||
               e == errc::unknown_attribute || e == errc::invalid_argument ||
               e == errc::contradictory_requirement));
      continue;
    }
    ++parsed_ok;
    const std::string canonical = r->to_string(n.reg);
    INFO("canonical: " << canonical);
    const result<R> again = parse_requirement(canonical, n.reg);
    REQUIRE(again);
    REQUIRE(*again == *r);
  }
  CHECK(parsed_ok > 0);
}
