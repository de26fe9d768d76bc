// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled skills part of the library: the registry, requirements and their parser, built
// once.
#include <omniroute/model/requirement.hpp>
#include <omniroute/model/requirement_parser.hpp>
#include <omniroute/model/skills.hpp>

#include <omniroute/model/requirement-inl.hpp>
#include <omniroute/model/requirement_parser-inl.hpp>
#include <omniroute/model/skills-inl.hpp>
