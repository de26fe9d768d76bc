// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled journal component: commands as values, their encoding, and the file journal.
#include <omniroute/journal/command-inl.hpp>
#include <omniroute/journal/file_journal-inl.hpp>
