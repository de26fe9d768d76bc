// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// Fuzz target: the requirement-expression parser (docs/requirements.md) over arbitrary text,
// against a registry with a few skills and attributes. A parsed requirement must print to text
// that parses back to an equal requirement; a refusal must carry a parse position.
#include <omniroute/model/requirement_parser.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace omniroute;
  static const skill_registry registry = [] {
    skill_registry r;
    (void)r.add_skill("billing");
    (void)r.add_skill("sales");
    (void)r.add_skill("language.es");
    (void)r.add_attribute("vip", attribute_kind::boolean);
    (void)r.add_attribute("site", attribute_kind::enumeration);
    (void)r.intern_value("sofia");
    return r;
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parse_diagnostic why;
  auto parsed = parse_requirement(text, registry, &why);
  if (!parsed) {
    if (why.line == 0) std::abort();  // a refusal says where
    return 0;
  }
  const std::string printed = parsed->to_string(registry);
  auto again = parse_requirement(printed, registry);
  if (!again || *again != *parsed) std::abort();
  return 0;
}
