// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The text form of requirements: `language.es >= 3 & (billing | sales >= 5) & !trainee &
// site in {sofia, tashkent}; prefer billing:2`. The grammar is in docs/requirements.md;
// requirement::to_string prints what this reads.
#ifndef OMNIROUTE_MODEL_REQUIREMENT_PARSER_HPP
#define OMNIROUTE_MODEL_REQUIREMENT_PARSER_HPP

#include <omniroute/core/base.hpp>
#include <omniroute/core/result.hpp>
#include <omniroute/model/requirement.hpp>
#include <omniroute/model/skills.hpp>

#include <cstdint>
#include <string>
#include <string_view>

OMNIROUTE_BEGIN_NAMESPACE

/// Where and why parse_requirement failed.
struct parse_diagnostic {
  std::uint32_t line = 0;    ///< 1-based; 0 when there is no error.
  std::uint32_t column = 0;  ///< 1-based, in bytes from the start of the line.
  /// What the parser expected at that point, e.g. "a skill level (0..10)".
  std::string expected;
  /// The whole story, e.g. "line 1, column 17: expected a skill level (0..10) after '>='".
  std::string message;
};

/// Effects: parses `text` (docs/requirements.md) against the names in `registry`, then checks
/// the result as requirement::validate does. The registry is not changed: an enumeration value
/// it does not know is kept by its text (it prints back) and never matches; parse again after
/// interning it.
///
/// Errors (with `*diagnostic` filled when given: line, column, expected, message):
///  - parse_error: malformed text, a skill used like an attribute or the other way round, an
///    expression nested deeper than requirement::max_parse_depth;
///  - unknown_skill / unknown_attribute: a name the registry does not know (unknown_attribute
///    when the name is followed by `in`, or by `==` / `!=` and a value that is not a level);
///  - invalid_argument: a skill level outside 0..10, a negative or overflowing weight;
///  - contradictory_requirement: see requirement::validate.
/// On success `*diagnostic` is reset to its default value.
///
/// Never crashes or loops on any input; stack use is bounded by max_parse_depth.
/// Complexity: O(text + nodes^2) (nested parentheses are flattened in place).
OMNIROUTE_API result<requirement> parse_requirement(std::string_view text,
                                                    const skill_registry& registry,
                                                    parse_diagnostic* diagnostic = nullptr);

OMNIROUTE_END_NAMESPACE

#ifdef OMNIROUTE_HEADER_ONLY
#include <omniroute/model/requirement_parser-inl.hpp>
#endif

#endif  // OMNIROUTE_MODEL_REQUIREMENT_PARSER_HPP
