// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The umbrella header: includes the whole public API.
#ifndef OMNIROUTE_OMNIROUTE_HPP
#define OMNIROUTE_OMNIROUTE_HPP

// major * 10000 + minor * 100 + patch. CMake reads the project version from this line.
#define OMNIROUTE_VERSION 100

#include <omniroute/core/error.hpp>
#include <omniroute/core/handle.hpp>
#include <omniroute/core/mapped_memory.hpp>
#include <omniroute/core/result.hpp>
#include <omniroute/core/time.hpp>
#include <omniroute/model/agent.hpp>
#include <omniroute/model/attributes.hpp>
#include <omniroute/model/capacity.hpp>
#include <omniroute/model/channel.hpp>
#include <omniroute/model/contact.hpp>
#include <omniroute/model/escalation.hpp>
#include <omniroute/model/offer_policy.hpp>
#include <omniroute/model/queue.hpp>
#include <omniroute/model/requirement.hpp>
#include <omniroute/model/requirement_parser.hpp>
#include <omniroute/model/skills.hpp>
#include <omniroute/ports/observer.hpp>
#include <omniroute/ports/transport.hpp>
#include <omniroute/router/event.hpp>
#include <omniroute/router/explanation.hpp>
#include <omniroute/router/router.hpp>

#endif  // OMNIROUTE_OMNIROUTE_HPP
