// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// skill_registry and agent_profile: names, one namespace for skills and attributes, interned
// values, and the profile's levels and sorted attributes.
#include <omniroute/model/skills.hpp>

#include <string>

#include "support/catch.hpp"

using namespace omniroute;

TEST_CASE("skills get dense ids in registration order and are found by name", "[skills]") {
  skill_registry reg;
  CHECK(reg.skill_count() == 0);
  CHECK(*reg.add_skill("billing") == 0);
  CHECK(*reg.add_skill("language.es") == 1);
  CHECK(*reg.add_skill("tier-2_support") == 2);
  CHECK(reg.skill_count() == 3);
  CHECK(reg.find_skill("language.es") == skill_id{1});
  CHECK(reg.skill_name(2) == "tier-2_support");
  CHECK_FALSE(reg.find_skill("sales"));
  CHECK_FALSE(reg.find_skill("Billing"));  // case-sensitive
}

TEST_CASE("skill and attribute names are 1..64 of [A-Za-z0-9_.-] starting with a letter",
          "[skills]") {
  skill_registry reg;
  for (const char* bad : {"", "1st", "_x", ".x", "-x", "a b", "a+b", "caf\xc3\xa9", "a#b"}) {
    INFO(bad);
    CHECK(reg.add_skill(bad).error() == errc::invalid_argument);
    CHECK(reg.add_attribute(bad, attribute_kind::boolean).error() == errc::invalid_argument);
  }
  CHECK(reg.add_skill(std::string(64, 'a')));
  CHECK(reg.add_skill(std::string(65, 'b')).error() == errc::invalid_argument);
  CHECK(reg.add_skill("Z9._-"));
  CHECK(reg.skill_count() == 2);
  CHECK(reg.attribute_count() == 0);
}

TEST_CASE("skills and attributes share one namespace", "[skills]") {
  skill_registry reg;
  REQUIRE(reg.add_skill("billing"));
  REQUIRE(reg.add_attribute("trainee", attribute_kind::boolean));
  CHECK(reg.add_skill("billing").error() == errc::duplicate_name);
  CHECK(reg.add_attribute("billing", attribute_kind::enumeration).error() ==
        errc::duplicate_name);
  CHECK(reg.add_skill("trainee").error() == errc::duplicate_name);
  CHECK(reg.add_attribute("trainee", attribute_kind::boolean).error() == errc::duplicate_name);
  CHECK_FALSE(reg.find_attribute("billing"));
  CHECK_FALSE(reg.find_skill("trainee"));
  CHECK(reg.skill_count() == 1);
  CHECK(reg.attribute_count() == 1);
}

TEST_CASE("attributes have a kind and their own dense ids", "[skills]") {
  skill_registry reg;
  REQUIRE(reg.add_skill("billing"));
  CHECK(*reg.add_attribute("trainee", attribute_kind::boolean) == 0);
  CHECK(*reg.add_attribute("site", attribute_kind::enumeration) == 1);
  CHECK(reg.kind(0) == attribute_kind::boolean);
  CHECK(reg.kind(1) == attribute_kind::enumeration);
  CHECK(reg.attribute_name(1) == "site");
  CHECK(reg.find_attribute("site") == attribute_id{1});
  CHECK(reg.add_attribute("odd", static_cast<attribute_kind>(7)).error() ==
        errc::invalid_argument);
}

TEST_CASE("the registry holds at most 65535 skills", "[skills]") {
  skill_registry reg;
  for (std::size_t i = 0; i < skill_registry::max_names; ++i) {
    REQUIRE(reg.add_skill("s" + std::to_string(i)));
  }
  CHECK(reg.add_skill("one_more").error() == errc::limit_exceeded);
  CHECK(reg.skill_name(65534) == "s65534");
  // Attributes have their own limit.
  CHECK(reg.add_attribute("flag", attribute_kind::boolean));
}

TEST_CASE("values are interned from 2 up, false and true are 0 and 1", "[skills]") {
  skill_registry reg;
  CHECK(reg.value_count() == 2);
  CHECK(reg.find_value("false") == false_value);
  CHECK(reg.find_value("true") == true_value);
  CHECK(reg.value_name(0) == "false");
  CHECK(reg.value_name(1) == "true");
  CHECK_FALSE(reg.find_value("sofia"));
  CHECK(reg.intern_value("sofia") == 2);
  CHECK(reg.intern_value("tashkent") == 3);
  CHECK(reg.intern_value("sofia") == 2);
  CHECK(reg.intern_value("true") == 1);
  CHECK(reg.intern_value("") == 4);  // any byte string is a value
  CHECK(reg.intern_value("S\xC3\xA3o Paulo") == 5);
  CHECK(reg.value_name(5) == "S\xC3\xA3o Paulo");
  CHECK(reg.value_count() == 6);
}

TEST_CASE("names returned by the registry stay valid while more are added", "[skills]") {
  skill_registry reg;
  REQUIRE(reg.add_skill("a"));
  const std::string_view first = reg.skill_name(0);
  const std::string_view value = reg.value_name(reg.intern_value("x"));
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(reg.add_skill("s" + std::to_string(i)));
    reg.intern_value("v" + std::to_string(i));
  }
  CHECK(first == "a");
  CHECK(value == "x");
}

TEST_CASE("a copied registry is independent of the original", "[skills]") {
  skill_registry reg;
  REQUIRE(reg.add_skill("billing"));
  skill_registry copy = reg;
  REQUIRE(copy.add_skill("sales"));
  CHECK(reg.skill_count() == 1);
  CHECK(copy.find_skill("billing") == skill_id{0});
  CHECK(copy.skill_name(0) == "billing");
}

TEST_CASE("an agent profile reads missing skills as 0", "[skills]") {
  agent_profile p;
  CHECK(p.level(0) == 0);
  CHECK(p.level(65535) == 0);
  REQUIRE(p.set_level(5, 7));
  CHECK(p.level(5) == 7);
  CHECK(p.level(4) == 0);
  CHECK(p.levels.size() == 6);
  REQUIRE(p.set_level(100, 0));  // setting a missing skill to 0 needs no storage
  CHECK(p.levels.size() == 6);
  CHECK(p.set_level(5, 11).error() == errc::invalid_argument);
  CHECK(p.level(5) == 7);
  REQUIRE(p.set_level(5, max_skill_level));
  CHECK(p.level(5) == 10);
}

TEST_CASE("an agent profile keeps its attributes sorted and unique", "[skills]") {
  agent_profile p;
  CHECK_FALSE(p.attribute(3));
  p.set_attribute(3, 7);
  p.set_attribute(1, true_value);
  p.set_attribute(2, 9);
  p.set_attribute(3, 8);
  REQUIRE(p.attributes.size() == 3);
  CHECK(p.attributes[0] == std::pair<attribute_id, value_id>{1, 1});
  CHECK(p.attributes[1] == std::pair<attribute_id, value_id>{2, 9});
  CHECK(p.attributes[2] == std::pair<attribute_id, value_id>{3, 8});
  CHECK(p.attribute(3) == value_id{8});
  CHECK(p.clear_attribute(2));
  CHECK_FALSE(p.clear_attribute(2));
  CHECK_FALSE(p.attribute(2));
  CHECK(p.attributes.size() == 2);
}
