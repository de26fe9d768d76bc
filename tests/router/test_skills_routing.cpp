// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Skills-based routing through the router: requirements decide who may take a contact,
// dynamic eligibility, the best_skill strategy and its occupancy guard, multi-channel capacity.
// Scenarios on an injected clock (times in seconds).
#include "support/recording_host.hpp"

using namespace omniroute_test;

namespace {

/// language.es, billing, sales, support; trainee (boolean), site (enumeration).
void register_names(recording_host& h) {
  REQUIRE(h.r.add_skill("language.es"));
  REQUIRE(h.r.add_skill("billing"));
  REQUIRE(h.r.add_skill("sales"));
  REQUIRE(h.r.add_skill("support"));
  REQUIRE(h.r.add_attribute("trainee", attribute_kind::boolean));
  REQUIRE(h.r.add_attribute("site", attribute_kind::enumeration));
}

contact_spec needing(queue_id q, requirement_id req, channel_id ch = channels::voice) {
  contact_spec s;
  s.queue = q;
  s.channel = ch;
  s.requirement = req;
  return s;
}

agent_config config_named(const std::string& name, std::vector<std::pair<std::string, std::uint8_t>> skills,
                          std::vector<std::pair<std::string, std::string>> attributes = {}) {
  agent_config c;
  c.name = name;
  c.skills = std::move(skills);
  c.attributes = std::move(attributes);
  return c;
}

}  // namespace

TEST_CASE("A requirement routes a contact only to the agents whose skills and attributes match",
          "[skills][eligibility]") {
  recording_host h;
  register_names(h);
  auto q = h.given_queue("es");
  // Non-matching agents are created first: with every agent equally idle, creation order would
  // pick them if the requirement let them in.
  auto carl = h.given_agent("carl", {q}, skilled({{"language.es", 2}, {"billing", 5}}, {{"site", "sofia"}}));
  auto dana = h.given_agent("dana", {q},
                            skilled({{"language.es", 5}, {"billing", 3}}, {{"trainee", "true"}, {"site", "sofia"}}));
  auto emil = h.given_agent("emil", {q}, skilled({{"language.es", 5}, {"sales", 4}}, {{"site", "sofia"}}));
  auto fay = h.given_agent("fay", {q}, skilled({{"language.es", 5}, {"billing", 2}}, {{"site", "varna"}}));
  auto ana = h.given_agent("ana", {q},
                           skilled({{"language.es", 3}, {"billing", 1}}, {{"trainee", "false"}, {"site", "sofia"}}));
  auto boris = h.given_agent("boris", {q}, skilled({{"language.es", 9}, {"sales", 5}}, {{"site", "tashkent"}}));
  (void)dana;
  (void)emil;
  (void)fay;
  (void)boris;

  const auto req = h.requirement_of("language.es >= 3 & (billing | sales >= 5) & !trainee & site in {sofia, tashkent}");
  auto m = h.mark();
  auto c1 = h.arrive(10, needing(q, req));
  auto c2 = h.arrive(11, needing(q, req));
  auto c3 = h.arrive(12, needing(q, req));
  CHECK(h.offers_since(m) == lines{"c1 ana", "c2 boris"});
  CHECK(h.state(c3) == contact_state::waiting);
  CHECK(h.info(c3).requirement == req);
  // Four agents idle and ready, none of them matching: the invariant holds per requirement.
  CHECK(h.state(carl) == agent_state::ready);

  // A contact without a requirement takes any member (the first created, all equally idle).
  auto c4 = h.arrive(13, q);
  CHECK(h.offered_to(c4) == carl);

  // The matching agent who frees up takes the waiting contact.
  h.serve(14, c1, ana, 20);
  CHECK(h.offered_to(c3) == ana);
  (void)c2;
}

TEST_CASE("Unknown skills, malformed and contradictory requirements are typed errors that change nothing",
          "[skills][errors]") {
  recording_host h;
  register_names(h);
  auto q = h.given_queue("es");
  auto ana = h.given_agent("ana", {q}, skilled({{"billing", 4}}));
  const std::size_t skills_before = h.r.skills().skill_count();
  const std::size_t attributes_before = h.r.skills().attribute_count();
  const std::size_t agents_before = h.r.agent_count();
  auto m = h.mark();

  // Agent configuration naming what was never registered.
  CHECK(err(h.r.add_agent(h.r.now(), config_named("zed", {{"klingon", 3}}))) == "unknown_skill");
  CHECK(err(h.r.add_agent(h.r.now(), config_named("zed", {{"billing", 3}}, {{"shift", "night"}}))) ==
        "unknown_attribute");
  CHECK(err(h.r.add_agent(h.r.now(), config_named("zed", {{"billing", 11}}))) == "invalid_argument");
  CHECK(h.r.agent_count() == agents_before);
  CHECK_FALSE(h.r.find_agent("zed"));
  // update_agent refuses and keeps the old profile (ana still has billing 4).
  CHECK(errc_name(h.r.update_agent(h.r.now(), ana, config_named("ana", {{"billing", 4}, {"klingon", 9}})).error()) ==
        "unknown_skill");
  CHECK(errc_name(h.r.update_agent(h.r.now(), ana, config_named("ana", {{"billing", 4}}, {{"trainee", "maybe"}})).error()) ==
        "invalid_argument");

  // Requirement text: unknown names, with their position.
  parse_diagnostic why;
  CHECK(err(h.r.add_requirement("language.es >= 3 & klingon", &why)) == "unknown_skill");
  CHECK(why.line == 1);
  CHECK(why.column == 20);
  CHECK(err(h.r.add_requirement("billing & shift in {night}", &why)) == "unknown_attribute");
  CHECK(why.line == 1);
  CHECK(why.column == 11);
  // A parse error on the second line of a multi-line requirement.
  CHECK(err(h.r.add_requirement("language.es >= 3 &  # Spanish first\n  (billing | sales >= )", &why)) ==
        "parse_error");
  CHECK(why.line == 2);
  CHECK(why.column == 23);
  CHECK_FALSE(why.message.empty());
  // Contradictions: a minimum above the maximum for one skill, a level no one can have.
  CHECK(err(h.r.add_requirement("billing >= 5 & billing <= 3", &why)) == "contradictory_requirement");
  CHECK(err(h.r.add_requirement("sales > 10")) == "contradictory_requirement");
  CHECK(err(h.r.add_requirement(requirement::skill_at_least(1, 5) && requirement::skill_at_most(1, 3))) ==
        "contradictory_requirement");
  // Built in code with an id the router never issued.
  CHECK(err(h.r.add_requirement(requirement::skill_at_least(99, 1))) == "unknown_skill");
  CHECK(err(h.r.add_requirement(requirement::is_true(42))) == "unknown_attribute");

  // Nothing changed: no event, no new name, and ana still routes on billing 4.
  CHECK(h.all_since(m).empty());
  CHECK(h.r.skills().skill_count() == skills_before);
  CHECK(h.r.skills().attribute_count() == attributes_before);
  const auto req = h.requirement_of("billing >= 4");
  auto c1 = h.arrive(5, needing(q, req));
  CHECK(h.offered_to(c1) == ana);
  // Contacts cannot name requirements or plans the router did not issue.
  contact_spec bogus = needing(q, requirement_id(77, 1));
  CHECK(err(h.r.arrive(at_seconds(6), bogus)) == "unknown_requirement");
}

TEST_CASE("Queue eligibility admits every matching agent beside the roster and follows update_agent",
          "[skills][eligibility]") {
  recording_host h;
  register_names(h);
  const auto billing3 = h.requirement_of("billing >= 3");
  auto q = h.given_queue("billing", [&](queue_config& c) { c.eligibility = billing3; });
  auto ros = h.given_agent("ros", {q});                              // roster, no skills
  auto bea = h.given_agent("bea", {}, skilled({{"billing", 5}}));    // matches, not on the roster
  auto cal = h.given_agent("cal", {}, skilled({{"billing", 1}}));    // does not match
  CHECK(h.info(q).members == 1);  // the roster is unchanged

  auto m = h.mark();
  auto c1 = h.arrive(10, q);
  auto c2 = h.arrive(11, q);
  auto c3 = h.arrive(12, q);
  CHECK(h.offers_since(m) == lines{"c1 ros", "c2 bea"});
  CHECK(h.state(c3) == contact_state::waiting);

  // Cal gains the skill: eligible at once, and the waiting contact is offered in that command.
  m = h.mark();
  h.update_agent(20, cal, config_named("cal", {{"billing", 4}}));
  CHECK(h.story_since(m) == lines{"t=20 offered c3 cal"});
  CHECK(h.state(cal) == agent_state::reserved);

  h.accept(21, c1, ros);
  h.accept(21, c2, bea);
  h.accept(21, c3, cal);
  h.complete(30, c1);
  h.complete(30, c2);
  h.complete(30, c3);
  // Bea loses the skill: no longer eligible. With ros not ready, the next contact goes to cal
  // although bea (created earlier, equally idle) would win a tie.
  h.update_agent(40, bea, config_named("bea", {{"billing", 2}}));
  h.not_ready(41, ros);
  auto c4 = h.arrive(50, q);
  CHECK(h.offered_to(c4) == cal);
  CHECK(h.state(bea) == agent_state::ready);
}

TEST_CASE("Requirements are interned: equal requirements get the same id", "[skills][eligibility]") {
  recording_host h;
  register_names(h);
  const auto a = h.requirement_of("billing >= 3 & !trainee");
  const auto b = h.requirement_of("billing>=3&!trainee   # same, other spacing");
  const auto billing = *h.r.skills().find_skill("billing");
  const auto trainee = *h.r.skills().find_attribute("trainee");
  auto c = h.r.add_requirement(requirement::skill_at_least(billing, 3) && !requirement::is_true(trainee));
  REQUIRE(c);
  CHECK(a == b);
  CHECK(*c == a);
  CHECK(h.requirement_of("billing >= 4 & !trainee") != a);
  REQUIRE(h.r.find_requirement(a) != nullptr);
  CHECK(h.r.find_requirement(a)->to_string(h.r.skills()) == "billing >= 3 & !trainee");
  CHECK(h.r.find_requirement(requirement_id(999, 1)) == nullptr);
}

TEST_CASE("best_skill: the highest score wins (sum or weighted), ties go to the longest idle",
          "[skills][best-skill]") {
  auto scenario = [](score_mode mode) {
    auto h = make_router();
    register_names(*h);
    auto q = h->given_queue("best", [&](queue_config& c) {
      c.strategy.kind = strategy_kind::best_skill;
      c.strategy.scoring = mode;
    });
    // For "billing; prefer sales:3": sum = billing + sales, weighted = billing + 3 x sales.
    auto a = h->given_agent("a", {q}, skilled({{"billing", 5}}, {}, agent_setup::start::logged_out));  // 5 / 5
    auto b = h->given_agent("b", {q}, skilled({{"billing", 2}, {"sales", 2}}, {}, agent_setup::start::logged_out));  // 4 / 8
    auto c = h->given_agent("c", {q}, skilled({{"billing", 5}}, {}, agent_setup::start::logged_out));  // 5 / 5
    h->login(0, c);  // c idle since 0, a since 5: c wins the tie with a despite creation order
    h->login(5, a);
    h->login(5, b);
    const auto req = h->requirement_of("billing; prefer sales:3");
    auto m = h->mark();
    for (int i = 0; i < 3; ++i) h->arrive(10 + i, needing(q, req));
    (void)a;
    (void)b;
    (void)c;
    return h->offers_since(m);
  };
  CHECK(scenario(score_mode::sum) == lines{"c1 c", "c2 a", "c3 b"});
  CHECK(scenario(score_mode::weighted) == lines{"c1 b", "c2 c", "c3 a"});
}

TEST_CASE("best_skill occupancy cap: a saturated best agent ranks after an idle less-skilled one",
          "[skills][best-skill]") {
  auto scenario = [](double cap) {
    auto h = make_router();
    register_names(*h);
    auto q = h->given_queue("best", [&](queue_config& c) {
      c.strategy.kind = strategy_kind::best_skill;
      c.strategy.occupancy_cap = cap;
    });
    auto expert = h->given_agent("expert", {q}, skilled({{"billing", 9}}));
    auto novice = h->given_agent("novice", {q}, skilled({{"billing", 2}}));
    const auto req = h->requirement_of("billing");
    // The expert talks from 0 to 100: occupancy 100 / 110 at t = 110.
    auto c1 = h->arrive(0, needing(q, req));
    REQUIRE(h->offered_to(c1) == expert);
    h->serve(0, c1, expert, 100);
    auto c2 = h->arrive(110, needing(q, req));
    const agent_id first = h->offered_to(c2);
    // With the novice busy, the saturated expert is still offered (ranked last, not excluded).
    h->accept(111, c2, first);
    auto c3 = h->arrive(112, needing(q, req));
    const agent_id second = h->offered_to(c3);
    (void)novice;
    return std::make_pair(h->name(first), h->name(second));
  };
  CHECK(scenario(0.0) == std::make_pair(std::string("expert"), std::string("novice")));
  CHECK(scenario(0.8) == std::make_pair(std::string("novice"), std::string("expert")));
}

TEST_CASE("best_skill occupancy cap is judged at decision time: an expert whose occupancy fell below it is best again",
          "[skills][best-skill]") {
  recording_host h;
  register_names(h);
  auto q = h.given_queue("best", [](queue_config& c) {
    c.strategy.kind = strategy_kind::best_skill;
    c.strategy.occupancy_cap = 0.8;
  });
  auto expert = h.given_agent("expert", {q}, skilled({{"billing", 9}}));
  auto novice = h.given_agent("novice", {q}, skilled({{"billing", 2}}));
  const auto req = h.requirement_of("billing");
  auto c1 = h.arrive(0, needing(q, req));
  REQUIRE(h.offered_to(c1) == expert);
  h.serve(0, c1, expert, 100);  // occupancy 1.0 at t = 100
  auto c2 = h.arrive(105, needing(q, req));
  CHECK(h.name(h.offered_to(c2)) == "novice");  // expert at 100 / 105 >= 0.8
  h.serve(105, c2, novice, 110);
  // At t = 1000 the expert's occupancy since login is 100 / 1000 = 0.1, the novice's 5 / 1000:
  // both under the cap, so the higher score wins.
  auto c3 = h.arrive(1000, needing(q, req));
  CHECK(h.name(h.offered_to(c3)) == "expert");
  (void)expert;
}

TEST_CASE("Multi-channel: chats share an agent, a call blocks everything, email yields to a call",
          "[skills][multichannel]") {
  recording_host h;
  auto q = h.given_queue("mixed");
  auto ann = h.given_agent("ann", {q}, serving({channels::voice, channels::chat, channels::email}));

  SECTION("an agent on one chat is offered a second chat but not a call") {
    auto chat1 = h.arrive(10, q, channels::chat);
    h.accept(11, chat1, ann);
    auto m = h.mark();
    auto call = h.arrive(12, q, channels::voice);
    auto chat2 = h.arrive(13, q, channels::chat);
    CHECK(h.offers_since(m) == lines{"c3 ann"});
    CHECK(h.offered_to(chat2) == ann);
    CHECK(h.state(call) == contact_state::waiting);
    h.accept(14, chat2, ann);
    h.complete(20, chat1);
    CHECK(h.state(call) == contact_state::waiting);  // one chat still holds 25
    m = h.mark();
    h.complete(30, chat2);
    CHECK(h.story_since(m) == lines{"t=30 completed c3 ann", "t=30 offered c2 ann"});
  }
  SECTION("a call blocks every other channel") {
    auto call = h.arrive(10, q, channels::voice);
    h.accept(11, call, ann);
    auto chat = h.arrive(12, q, channels::chat);
    auto mail = h.arrive(13, q, channels::email);
    CHECK(h.state(chat) == contact_state::waiting);
    CHECK(h.state(mail) == contact_state::waiting);
    auto m = h.mark();
    h.complete(20, call);
    CHECK(h.offers_since(m) == lines{"c2 ann", "c3 ann"});
  }
  SECTION("an email (cost 0, blocks only email) is interrupted by a call") {
    auto mail1 = h.arrive(10, q, channels::email);
    h.accept(11, mail1, ann);
    auto mail2 = h.arrive(12, q, channels::email);
    CHECK(h.state(mail2) == contact_state::waiting);
    auto call = h.arrive(13, q, channels::voice);
    CHECK(h.offered_to(call) == ann);
    h.accept(14, call, ann);
    CHECK(h.info(ann).connected == 2);
    // With the call connected, a chat waits (voice blocks everything).
    auto chat = h.arrive(15, q, channels::chat);
    CHECK(h.state(chat) == contact_state::waiting);
  }
}

TEST_CASE("Multi-channel: update_agent switches an agent's channels without logging out",
          "[skills][multichannel]") {
  recording_host h;
  auto q = h.given_queue("mixed");
  auto ann = h.given_agent("ann", {q}, serving({channels::chat}));
  auto call = h.arrive(10, q, channels::voice);
  CHECK(h.state(call) == contact_state::waiting);

  agent_config voice_and_chat;
  voice_and_chat.name = "ann";
  voice_and_chat.capacity = capacity_profile::standard(h.r.channels()).only({channels::voice, channels::chat});
  auto m = h.mark();
  h.update_agent(20, ann, voice_and_chat);
  CHECK(h.story_since(m) == lines{"t=20 offered c1 ann"});
  CHECK(h.states_since(m, ann) == lines{"t=20 ready->reserved"});
  h.serve(21, call, ann, 30);

  // Now voice only, in the middle of a chat: the chat continues, no new chat is offered.
  auto chat1 = h.arrive(40, q, channels::chat);
  h.accept(41, chat1, ann);
  agent_config voice_only = voice_and_chat;
  voice_only.capacity = capacity_profile::standard(h.r.channels()).only({channels::voice});
  h.update_agent(42, ann, voice_only);
  auto chat2 = h.arrive(43, q, channels::chat);
  CHECK(h.state(chat2) == contact_state::waiting);
  CHECK(h.state(chat1) == contact_state::connected);
  h.complete(50, chat1);
  CHECK(h.state(chat2) == contact_state::waiting);
  CHECK(h.info(ann).presence == presence::ready);
  CHECK(h.events_of(event_kind::agent_state_changed, m).size() >= 1);
  for (const event& e : h.events_of(event_kind::agent_state_changed, m)) CHECK(e.state != agent_state::logged_out);
}
