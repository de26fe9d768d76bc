// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// omniroute-sim: runs a scenario (or an M/M/n(+M) check) through the real router on a virtual
// clock and reports every metric with a 95 % confidence interval.
//
//   omniroute-sim SCENARIO.json [--seed S] [--replications R] [--out DIR] [--speed]
//   omniroute-sim mmn --agents N --rate L --aht S [--patience S] [--target-seconds T] --hours H
//                     [--seed S] [--replications R] [--speed]
//
// Exit status: 0 success; 2 bad command line or scenario (one message on stderr naming the
// flag or the JSON path, nothing on stdout, no output files); 1 a failure while running or
// writing the results. A progress bar is drawn on stderr when it is a terminal; --speed prints
// the simulated events per second on stderr.
#include <omniroute/sim/scenario_json.hpp>
#include <omniroute/sim/simulator.hpp>

#include "report.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

namespace sim = omniroute::sim;
namespace fs = std::filesystem;

constexpr const char* usage_text =
    "usage:\n"
    "  omniroute-sim SCENARIO.json [--seed S] [--replications R] [--out DIR] [--speed]\n"
    "  omniroute-sim mmn --agents N --rate L --aht S [--patience S] [--target-seconds T]\n"
    "                --hours H [--seed S] [--replications R] [--speed]\n"
    "\n"
    "  L is in contacts per second, S, T in seconds, H in hours. mmn prints one JSON object\n"
    "  with p_wait, sl, asa, p_abandon and occupancy as {\"mean\", \"ci95\"}, defined as by\n"
    "  omniroute-erlang. See docs/simulator.md.\n";

struct usage_error {
  std::string message;
};

std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_uint(std::string_view text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

/// --flag value or --flag=value, each at most once, only from `allowed`.
std::map<std::string, std::string> parse_flags(int argc, char** argv, int first,
                                               std::initializer_list<const char*> allowed,
                                               std::initializer_list<const char*> switches) {
  std::map<std::string, std::string> flags;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) throw usage_error{"unexpected argument \"" + arg + "\""};
    std::string value;
    bool has_value = false;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    bool is_switch = false, known = false;
    for (const char* s : switches) is_switch = is_switch || arg == s;
    for (const char* a : allowed) known = known || arg == a;
    if (!known && !is_switch) throw usage_error{"unknown flag " + arg};
    if (flags.count(arg)) throw usage_error{arg + " given twice"};
    if (is_switch) {
      if (has_value) throw usage_error{arg + " takes no value"};
    } else if (!has_value) {
      if (i + 1 >= argc) throw usage_error{arg + ": missing value"};
      value = argv[++i];
    }
    flags[arg] = value;
  }
  return flags;
}

double number_flag(const std::map<std::string, std::string>& f, const char* name, double min,
                   bool strictly, std::optional<double> fallback) {
  const auto it = f.find(name);
  if (it == f.end()) {
    if (!fallback) throw usage_error{std::string(name) + " is required"};
    return *fallback;
  }
  const auto v = parse_double(it->second);
  if (!v) throw usage_error{std::string(name) + ": \"" + it->second + "\" is not a number"};
  if (*v < min || (strictly && *v == min)) {
    throw usage_error{std::string(name) + ": expected a " + (strictly ? "positive" : "non-negative") +
                      " number"};
  }
  return *v;
}

std::uint64_t uint_flag(const std::map<std::string, std::string>& f, const char* name,
                        std::uint64_t min, std::uint64_t max, std::uint64_t fallback,
                        bool required = false) {
  const auto it = f.find(name);
  if (it == f.end()) {
    if (required) throw usage_error{std::string(name) + " is required"};
    return fallback;
  }
  const auto v = parse_uint(it->second);
  if (!v || *v < min || *v > max) {
    throw usage_error{std::string(name) + ": expected a whole number from " + std::to_string(min) +
                      " to " + std::to_string(max)};
  }
  return *v;
}

/// A progress bar on stderr, redrawn when the shown percentage changes.
struct progress_bar {
  int shown = -1;
  static void update(void* self, double done) {
    auto* p = static_cast<progress_bar*>(self);
    const int pct = static_cast<int>(done * 100);
    if (pct == p->shown) return;
    p->shown = pct;
    const int filled = pct * 40 / 100;
    std::fprintf(stderr, "\r[%.*s%.*s] %3d%%", filled, "########################################",
                 40 - filled, "                                        ", pct);
    std::fflush(stderr);
  }
  void done() const {
    if (shown >= 0) std::fprintf(stderr, "\r%60s\r", "");
  }
};

struct timed_result {
  sim::experiment_result result;
  double wall_seconds = 0;
  double cpu_seconds = 0;
};

timed_result run_experiment(const sim::scenario& s, std::uint64_t seed, std::uint32_t replications) {
  progress_bar bar;
  const bool tty = isatty(fileno(stderr)) != 0;
  std::string why;
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  auto r = sim::run(s, seed, replications, &why, tty ? &progress_bar::update : nullptr, &bar);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  bar.done();
  if (!r) throw usage_error{why.empty() ? r.error().message() : why};
  return {std::move(*r), wall, cpu};
}

void print_speed(const timed_result& t) {
  // CPU time as well: on a shared machine the wall clock includes time spent waiting for a core.
  std::fprintf(stderr,
               "%llu simulated events in %.3f s wall, %.3f s CPU: %.0f events/s wall, "
               "%.0f events per CPU second\n",
               static_cast<unsigned long long>(t.result.events), t.wall_seconds, t.cpu_seconds,
               t.wall_seconds > 0 ? t.result.events / t.wall_seconds : 0.0,
               t.cpu_seconds > 0 ? t.result.events / t.cpu_seconds : 0.0);
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

/// Writes the files into a fresh sibling directory, then moves them into place, so that a
/// failure leaves no partial output.
void write_outputs(const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path target = fs::absolute(dir).lexically_normal();
  const fs::path parent = target.has_filename() ? target.parent_path() : target.parent_path().parent_path();
  const std::string base = target.has_filename() ? target.filename().string() : target.parent_path().filename().string();
  const fs::path tmp = parent / ("." + base + ".partial-" + std::to_string(getpid()));
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp);
  try {
    for (const auto& [name, text] : files) write_file(tmp / name, text);
    if (!fs::exists(target)) {
      fs::rename(tmp, target);
      return;
    }
    if (!fs::is_directory(target)) throw std::runtime_error(target.string() + " is not a directory");
    for (const auto& f : files) fs::rename(tmp / f.first, target / f.first);
    fs::remove_all(tmp);
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
}

int run_scenario(int argc, char** argv) {
  const std::string file = argv[1];
  const auto flags = parse_flags(argc, argv, 2, {"--seed", "--replications", "--out"}, {"--speed"});
  // Flags are checked before the scenario is read, so usage errors come first.
  const bool has_seed = flags.count("--seed") != 0;
  const std::uint64_t seed_flag = uint_flag(flags, "--seed", 0, UINT64_MAX, 0);
  const bool has_reps = flags.count("--replications") != 0;
  const auto reps_flag = static_cast<std::uint32_t>(uint_flag(flags, "--replications", 1, 100000, 1));
  if (flags.count("--out") && flags.at("--out").empty()) throw usage_error{"--out: missing value"};

  sim::scenario s;
  std::string error;
  if (!sim::load_scenario_file(file, s, error)) throw usage_error{error};
  const std::uint64_t seed = has_seed ? seed_flag : s.seed;
  const std::uint32_t reps = has_reps ? reps_flag : s.replications;

  const timed_result t = run_experiment(s, seed, reps);
  const std::string table = omniroute_sim::summary_table(t.result);
  if (flags.count("--out")) {
    write_outputs(flags.at("--out"),
                  {{"results.json", omniroute_sim::results_json(t.result, t.wall_seconds).dump(2) + "\n"},
                   {"report.html", omniroute_sim::html_report(t.result, table)}});
  }
  std::fputs(table.c_str(), stdout);
  if (flags.count("--speed")) print_speed(t);
  return 0;
}

int run_mmn(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv, 2,
                                 {"--agents", "--rate", "--aht", "--patience", "--target-seconds",
                                  "--hours", "--seed", "--replications"},
                                 {"--speed"});
  const auto agents = static_cast<std::uint32_t>(uint_flag(flags, "--agents", 1, 1000000, 0, true));
  const double rate = number_flag(flags, "--rate", 0, false, std::nullopt);
  const double aht = number_flag(flags, "--aht", 0, true, std::nullopt);
  const double patience = number_flag(flags, "--patience", 0, true, 0.0);
  const double target = number_flag(flags, "--target-seconds", 0, false, 20.0);
  const double hours = number_flag(flags, "--hours", 0, true, std::nullopt);
  const std::uint64_t seed = uint_flag(flags, "--seed", 0, UINT64_MAX, 1);
  const auto reps = static_cast<std::uint32_t>(uint_flag(flags, "--replications", 1, 100000, 10));
  if (flags.count("--patience") == 0 && rate * aht >= agents) {
    throw usage_error{"the offered load (rate × aht) must be below the agents without --patience "
                      "(the queue would grow without bound)"};
  }
  if (rate * hours * 3600 * reps > 1e9) throw usage_error{"--rate × --hours × --replications is too large"};
  const sim::scenario s = sim::mmn_scenario(agents, rate, aht, patience, target, hours);
  const timed_result t = run_experiment(s, seed, reps);
  const auto& q = t.result.queues.front().total;
  const auto& all = t.result.groups.back().total;
  nlohmann::ordered_json j;
  j["p_wait"] = omniroute_sim::to_json(q[static_cast<std::size_t>(sim::queue_metric::p_wait)]);
  j["sl"] = omniroute_sim::to_json(q[static_cast<std::size_t>(sim::queue_metric::sl)]);
  j["asa"] = omniroute_sim::to_json(q[static_cast<std::size_t>(sim::queue_metric::asa)]);
  j["p_abandon"] = omniroute_sim::to_json(q[static_cast<std::size_t>(sim::queue_metric::p_abandon)]);
  j["occupancy"] = omniroute_sim::to_json(all[static_cast<std::size_t>(sim::group_metric::occupancy)]);
  std::printf("%s\n", j.dump().c_str());
  if (flags.count("--speed")) print_speed(t);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) throw usage_error{"missing scenario file or command"};
    const std::string first = argv[1];
    if (first == "--help" || first == "-h") {
      std::fputs(usage_text, stdout);
      return 0;
    }
    if (first == "mmn") return run_mmn(argc, argv);
    if (first.rfind("--", 0) == 0) throw usage_error{"missing scenario file before " + first};
    return run_scenario(argc, argv);
  } catch (const usage_error& e) {
    std::fprintf(stderr, "omniroute-sim: %s\n", e.message.c_str());
    if (argc < 2) std::fputs(usage_text, stderr);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "omniroute-sim: %s\n", e.what());
    return 1;
  }
}
