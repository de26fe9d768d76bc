#!/usr/bin/env python3
# Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
"""Writes large.json: 2,000 agents, 50 queues (40 voice, 5 chat, 5 email) and 50 skills (a
product per voice queue, five languages, five chat topics) over one day. Voice contacts need
their queue's product and a language, relax both after 45 s and reach the neighbouring team
(tier 1) after 60 s.

    python3 examples/scenarios/make_large.py > examples/scenarios/large.json
"""
import json

VOICE, CHAT, EMAIL = 40, 5, 5
voice_shape = [0.15, 0.45, 0.8, 1.0, 0.95, 0.85, 0.85, 0.95, 0.9, 0.75, 0.55, 0.4, 0.25, 0.1]
chat_shape = [0.3, 0.6, 0.85, 1.0, 0.95, 0.9, 0.95, 1.0, 0.9, 0.75, 0.6, 0.45]


def breaks(start_h):
    h = lambda x: "%02d:%02d" % (int(x), round((x % 1) * 60))
    return [{"start": h(start_h + 2.5), "end": h(start_h + 2.75), "reason": 1},
            {"start": h(start_h + 4.5), "end": h(start_h + 5.0), "reason": 2},
            {"start": h(start_h + 6.75), "end": h(start_h + 7.0), "reason": 1}]


PRODUCTS = ["product-%02d" % (i + 1) for i in range(VOICE)]
LANGUAGES = ["language.en", "language.es", "language.fr", "language.de", "language.pt"]
TOPICS = ["topic-%d" % (i + 1) for i in range(CHAT)]
SKILLS = PRODUCTS + LANGUAGES + TOPICS
assert len(SKILLS) == 50


def second_language(i):
    return LANGUAGES[1 + i % 4]


queues, agents, arrivals = [], [], []
for i in range(VOICE):
    queues.append({"name": "voice-%02d" % (i + 1), "channels": ["voice"], "ordering": "priority",
                   "max_wait": 600, "wrap_up": 15, "service_level_seconds": 20,
                   "offers": {"timeout": 15}, "initial_tier_limit": 0,
                   "strategy": ["longest_idle", "round_robin", "best_skill", "least_talk_time"][i % 4]})
for i in range(CHAT):
    queues.append({"name": "chat-%d" % (i + 1), "channels": ["chat"], "ordering": "fifo",
                   "service_level_seconds": 60, "wrap_up": 10, "offers": {"timeout": 30},
                   "strategy": "best_skill"})
for i in range(EMAIL):
    queues.append({"name": "email-%d" % (i + 1), "channels": ["email"], "ordering": "fifo",
                   "service_level_seconds": 14400, "offers": {"timeout": 0}})

answer = {"delay": {"type": "uniform", "min": 1, "max": 4}, "probability": 0.99}
for i in range(VOICE):
    for shift, (start, end) in enumerate([("07:00", "15:30"), ("12:00", "20:30")]):
        agents.append({"name": "voice-%02d-%s" % (i + 1, "early" if shift == 0 else "late"),
                       "count": 20, "channels": ["voice", "email"],
                       "skills": {PRODUCTS[i]: 7 - shift, PRODUCTS[(i + 1) % VOICE]: 4,
                                  "language.en": 8, second_language(i): 6},
                       "queues": [{"queue": "voice-%02d" % (i + 1)},
                                  {"queue": "voice-%02d" % ((i + 1) % VOICE + 1), "tier": 1},
                                  {"queue": "email-%d" % (i % EMAIL + 1), "tier": 2}],
                       "shifts": [{"start": start, "end": end, "breaks": breaks(7 if shift == 0 else 12)}],
                       "stagger_seconds": 1800, "answer": answer})
for i in range(CHAT):
    for shift, (start, end) in enumerate([("08:00", "16:30"), ("12:30", "21:00")]):
        agents.append({"name": "chat-%d-%s" % (i + 1, "early" if shift == 0 else "late"),
                       "count": 30, "channels": ["chat", "email"],
                       "skills": {TOPICS[i]: 7, "language.en": 8},
                       "capacity": {"cost": {"chat": 30}, "max_per_channel": {"chat": 3}},
                       "queues": ["chat-%d" % (i + 1), {"queue": "email-%d" % (i + 1), "tier": 1}],
                       "shifts": [{"start": start, "end": end, "breaks": breaks(8 if shift == 0 else 12.5)}],
                       "stagger_seconds": 1800, "answer": answer})
for i in range(EMAIL):
    agents.append({"name": "email-%d" % (i + 1), "count": 20, "channels": ["email"],
                   "queues": ["email-%d" % (i + 1)],
                   "shifts": [{"start": "08:00", "end": "17:00", "breaks": breaks(8)}],
                   "stagger_seconds": 3600})
assert sum(a["count"] for a in agents) == 2000 and len(queues) == 50



def plan(relaxed):
    return [{"after": 45, "action": "set_requirement", "requirement": relaxed},
            {"after": 60, "action": "widen_tiers", "max_tier": 1}]


for i in range(VOICE):
    peak = 300 + 10 * (i % 7)
    arrivals.append({"queue": "voice-%02d" % (i + 1), "channel": "voice",
                     "process": {"type": "piecewise", "start": "07:00", "interval_seconds": 3600,
                                 "rates_per_hour": [round(peak * f, 1) for f in voice_shape]},
                     "handle_time": {"type": "lognormal", "mean": 240, "sd": 160},
                     "patience": {"type": "exponential", "mean": 150},
                     "requirements": [
                         {"requirement": "%s >= 5 & language.en >= 5" % PRODUCTS[i], "probability": 0.85,
                          "escalation": plan("%s >= 3 & language.en >= 3" % PRODUCTS[i])},
                         {"requirement": "%s >= 5 & %s >= 5" % (PRODUCTS[i], second_language(i)),
                          "probability": 0.15,
                          "escalation": plan("%s >= 3 & %s >= 3" % (PRODUCTS[i], second_language(i)))}]})
for i in range(CHAT):
    arrivals.append({"queue": "chat-%d" % (i + 1), "channel": "chat",
                     "process": {"type": "piecewise", "start": "08:00", "interval_seconds": 3600,
                                 "rates_per_hour": [round(260 * f, 1) for f in chat_shape]},
                     "handle_time": {"type": "lognormal", "mean": 480, "sd": 300},
                     "patience": {"type": "exponential", "mean": 300},
                     "requirement": "%s >= 3; prefer language.en" % TOPICS[i]})
for i in range(EMAIL):
    arrivals.append({"queue": "email-%d" % (i + 1), "channel": "email",
                     "process": {"type": "poisson", "rate_per_hour": 40},
                     "handle_time": {"type": "lognormal", "mean": 360, "sd": 240},
                     "patience": {"type": "none"}})

print(json.dumps({"name": "large",
                  "description": "2,000 agents, 50 queues and 50 skills over one day; generated by make_large.py",
                  "horizon": "24:00", "interval_seconds": 1800, "drain_seconds": 3600,
                  "replications": 5, "seed": 1, "skills": SKILLS,
                  "queues": queues, "agents": agents, "arrivals": arrivals}, indent=1))
