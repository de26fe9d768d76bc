// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The neighbour links of a hand-made intrusive list. Not public API.
#ifndef OMNIROUTE_CORE_LIST_LINKS_HPP
#define OMNIROUTE_CORE_LIST_LINKS_HPP

#include <omniroute/core/base.hpp>

OMNIROUTE_BEGIN_NAMESPACE
namespace detail {

/// A node's neighbours in a list that a container links by hand (a timer lane, an
/// availability index). Like a Boost.Intrusive safe-link hook: a copy is not linked, and
/// assigning a node leaves its own links alone.
template <class Node>
struct list_links {
  Node* prev = nullptr;
  Node* next = nullptr;

  list_links() = default;
  list_links(const list_links&) noexcept {}
  list_links& operator=(const list_links&) noexcept { return *this; }
};

}  // namespace detail
OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_CORE_LIST_LINKS_HPP
