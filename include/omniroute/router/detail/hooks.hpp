// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The intrusive hooks the router's records link through. Not public API.
#ifndef OMNIROUTE_ROUTER_DETAIL_HOOKS_HPP
#define OMNIROUTE_ROUTER_DETAIL_HOOKS_HPP

#include <omniroute/core/base.hpp>

#include <boost/intrusive/list.hpp>
#include <boost/intrusive/set.hpp>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

namespace bi = boost::intrusive;
// optimize_size keeps the node colour in a pointer's low bit: 24 bytes per hook, not 32.
using set_hook = bi::set_member_hook<bi::link_mode<bi::safe_link>, bi::optimize_size<true>>;
using list_hook = bi::list_member_hook<bi::link_mode<bi::safe_link>>;

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_DETAIL_HOOKS_HPP
