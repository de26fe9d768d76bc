// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A scratch directory for journal files, removed with its files at the end of the test.
#ifndef OMNIROUTE_TESTS_JOURNAL_TEMP_DIR_HPP
#define OMNIROUTE_TESTS_JOURNAL_TEMP_DIR_HPP

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include <dirent.h>
#include <unistd.h>

namespace omniroute_journal_test {

class temp_dir {
 public:
  /// Under `base`, else $TMPDIR, else /tmp.
  explicit temp_dir(const char* base = nullptr) {
    if (!base || !*base) base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/omniroute-journal-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    if (path_.empty()) return;
    if (DIR* d = ::opendir(path_.c_str())) {
      while (dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name != "." && name != "..") std::remove((path_ + "/" + name).c_str());
      }
      ::closedir(d);
    }
    ::rmdir(path_.c_str());
  }
  bool ok() const noexcept { return !path_.empty(); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace omniroute_journal_test

#endif  // OMNIROUTE_TESTS_JOURNAL_TEMP_DIR_HPP
