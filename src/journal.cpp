// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled journal component: commands as values, their encoding, the file journal and
// snapshots.
#include <omniroute/journal/command-inl.hpp>
#include <omniroute/journal/file_journal-inl.hpp>
#include <omniroute/journal/snapshot-inl.hpp>
