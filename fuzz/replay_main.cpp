// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// A main() for fuzz targets built without libFuzzer (g++): runs the target once over every file
// named on the command line, or every file in each directory named. CI re-runs the checked-in
// corpora this way, so what the fuzzers found stays fixed.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int run_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int failures = 0;
  std::size_t inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    struct stat st {};
    if (::stat(arg.c_str(), &st) != 0) {
      std::fprintf(stderr, "no such file or directory: %s\n", arg.c_str());
      return 1;
    }
    if (S_ISDIR(st.st_mode)) {
      DIR* d = ::opendir(arg.c_str());
      std::vector<std::string> names;
      while (dirent* e = d ? ::readdir(d) : nullptr) {
        if (e->d_name[0] != '.') names.push_back(arg + "/" + e->d_name);
      }
      if (d) ::closedir(d);
      for (const std::string& n : names) {
        failures += run_file(n);
        ++inputs;
      }
    } else {
      failures += run_file(arg);
      ++inputs;
    }
  }
  std::printf("replayed %zu inputs\n", inputs);
  return failures == 0 && inputs > 0 ? 0 : 1;
}
