// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// omniroute-erlang: Erlang B, C and A and staffing from the command line. Prints exactly one
// JSON object on stdout. Exit status: 0 success; 2 bad command line (unknown or repeated flag,
// missing flag or value, a value that is not a number or is out of range), with a message on
// stderr and nothing on stdout; 1 valid input the calculator cannot answer (more than
// max_agents agents needed) or an output failure.
//
// The parser is deliberately strict and hand-written: every flag takes a value, numbers are
// parsed with std::from_chars (locale-independent, whole argument or nothing), and range checks
// come from the library's own invalid_reason(), so the tool and the API refuse the same inputs.
#include <omniroute/core/result.hpp>
#include <omniroute/wfm/erlang.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace {

namespace wfm = omniroute::wfm;

constexpr const char* usage_text =
    "usage:\n"
    "  omniroute-erlang b|c|a --agents N --rate L --aht S [--patience S] [--target-seconds T]\n"
    "  omniroute-erlang staff c|a --rate L --aht S [--patience S] --target-seconds T\n"
    "                   --target-sl X [--max-occupancy X] [--shrinkage X]\n"
    "\n"
    "  L is in contacts per second, S and T in seconds, X a fraction (0.8, not 80).\n"
    "  --patience (mean patience) is required for model a and refused for b and c.\n"
    "  Service levels (sl, sl_answered, sl_excl_short_abandons) are printed only when\n"
    "  --target-seconds is given. See docs/wfm.md for the definitions.\n";

/// A command-line error: exit status 2, message on stderr, nothing on stdout.
struct usage_error {
  std::string message;
};

std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

/// Flags as `--name value` or `--name=value`, each at most once, all from `allowed`.
std::map<std::string, std::string> parse_flags(const std::vector<std::string_view>& args,
                                               const std::set<std::string>& allowed) {
  std::map<std::string, std::string> flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg.substr(0, 2) != "--" || arg.size() == 2)
      throw usage_error{"unexpected argument '" + std::string(arg) + "'"};
    std::string name;
    std::string value;
    if (const auto eq = arg.find('='); eq != std::string_view::npos) {
      name = std::string(arg.substr(2, eq - 2));
      value = std::string(arg.substr(eq + 1));
    } else {
      name = std::string(arg.substr(2));
      if (allowed.count(name) != 0) {
        if (i + 1 == args.size()) throw usage_error{"--" + name + " needs a value"};
        value = std::string(args[++i]);
      }
    }
    if (allowed.count(name) == 0) throw usage_error{"unknown flag --" + name + " for this command"};
    if (!flags.emplace(name, value).second) throw usage_error{"--" + name + " given twice"};
  }
  return flags;
}

class flag_reader {
 public:
  explicit flag_reader(std::map<std::string, std::string> flags) : flags_(std::move(flags)) {}

  bool has(const std::string& name) const { return flags_.count(name) != 0; }

  double number(const std::string& name) const {
    const auto it = flags_.find(name);
    if (it == flags_.end()) throw usage_error{"missing required flag --" + name};
    const std::optional<double> v = parse_double(it->second);
    if (!v) throw usage_error{"--" + name + ": '" + it->second + "' is not a number"};
    return *v;
  }

  double number_or(const std::string& name, double fallback) const {
    return has(name) ? number(name) : fallback;
  }

  std::int64_t integer(const std::string& name) const {
    const auto it = flags_.find(name);
    if (it == flags_.end()) throw usage_error{"missing required flag --" + name};
    const std::optional<std::int64_t> v = parse_int(it->second);
    if (!v) throw usage_error{"--" + name + ": '" + it->second + "' is not a whole number"};
    return *v;
  }

 private:
  std::map<std::string, std::string> flags_;
};

wfm::model parse_model(std::string_view text, bool staffing) {
  if (text == "c") return wfm::model::c;
  if (text == "a") return wfm::model::a;
  if (text == "b" && !staffing) return wfm::model::b;
  if (staffing) throw usage_error{"staff needs model c or a, not '" + std::string(text) + "'"};
  throw usage_error{"unknown command '" + std::string(text) + "' (expected b, c, a or staff)"};
}

const char* model_name(wfm::model m) {
  switch (m) {
    case wfm::model::b: return "b";
    case wfm::model::c: return "c";
    case wfm::model::a: return "a";
  }
  return "?";
}

/// The traffic flags shared by both commands; patience is required for a and refused otherwise.
wfm::traffic read_traffic(const flag_reader& flags, wfm::model m) {
  wfm::traffic load;
  load.rate = flags.number("rate");
  load.aht = flags.number("aht");
  if (m == wfm::model::a) {
    if (!flags.has("patience")) throw usage_error{"model a needs --patience (seconds)"};
    load.patience = flags.number("patience");
  } else if (flags.has("patience")) {
    throw usage_error{"--patience applies to model a only"};
  }
  return load;
}

void put_metrics(nlohmann::ordered_json& out, wfm::model m, const wfm::performance& p,
                 bool with_sl) {
  if (m == wfm::model::b) out["p_block"] = p.p_block;
  out["p_wait"] = p.p_wait;
  out["p_abandon"] = p.p_abandon;
  if (with_sl) {
    out["sl"] = p.sl;
    out["sl_answered"] = p.sl_answered;
    out["sl_excl_short_abandons"] = p.sl_excl_short_abandons;
  }
  out["asa"] = p.asa;
  out["asa_answered"] = p.asa_answered;
  out["occupancy"] = p.occupancy;
}

[[noreturn]] void fail(const std::error_code& ec) {
  throw std::system_error(ec);
}

nlohmann::ordered_json run_evaluate(wfm::model m, const std::vector<std::string_view>& args) {
  const flag_reader flags(
      parse_flags(args, {"agents", "rate", "aht", "patience", "target-seconds"}));
  const std::int64_t agents = flags.integer("agents");
  const wfm::traffic load = read_traffic(flags, m);
  const bool with_sl = flags.has("target-seconds");
  const double target = flags.number_or("target-seconds", 0);
  if (const char* why = wfm::invalid_reason(m, load, agents, target)) throw usage_error{why};
  const omniroute::result<wfm::performance> p = wfm::evaluate(m, load, agents, target);
  if (!p) fail(p.error());

  nlohmann::ordered_json out;
  out["model"] = model_name(m);
  out["agents"] = agents;
  out["rate"] = load.rate;
  out["aht"] = load.aht;
  if (m == wfm::model::a) out["patience"] = load.patience;
  if (with_sl) out["target_seconds"] = target;
  put_metrics(out, m, *p, with_sl);
  return out;
}

nlohmann::ordered_json run_staff(wfm::model m, const std::vector<std::string_view>& args) {
  const flag_reader flags(parse_flags(args, {"rate", "aht", "patience", "target-seconds",
                                             "target-sl", "max-occupancy", "shrinkage"}));
  const wfm::traffic load = read_traffic(flags, m);
  wfm::staffing_goal goal;
  goal.target_seconds = flags.number("target-seconds");
  goal.target_sl = flags.number("target-sl");
  goal.max_occupancy = flags.number_or("max-occupancy", 1);
  goal.shrinkage = flags.number_or("shrinkage", 0);
  if (const char* why = wfm::invalid_reason(m, load, goal)) throw usage_error{why};
  const omniroute::result<wfm::staffing_plan> plan = wfm::staff(m, load, goal);
  if (!plan) fail(plan.error());

  nlohmann::ordered_json out;
  out["model"] = model_name(m);
  out["rate"] = load.rate;
  out["aht"] = load.aht;
  if (m == wfm::model::a) out["patience"] = load.patience;
  out["target_seconds"] = goal.target_seconds;
  out["target_sl"] = goal.target_sl;
  out["max_occupancy"] = goal.max_occupancy;
  out["shrinkage"] = goal.shrinkage;
  out["agents"] = plan->agents;
  out["scheduled_agents"] = plan->scheduled_agents;
  put_metrics(out, m, plan->achieved, true);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  try {
    if (args.empty()) throw usage_error{"missing command"};
    if (args[0] == "-h" || args[0] == "--help") {
      std::cout << usage_text;
      return 0;
    }
    nlohmann::ordered_json out;
    if (args[0] == "staff") {
      if (args.size() < 2) throw usage_error{"staff needs model c or a"};
      out = run_staff(parse_model(args[1], true), {args.begin() + 2, args.end()});
    } else {
      out = run_evaluate(parse_model(args[0], false), {args.begin() + 1, args.end()});
    }
    std::cout << out.dump() << '\n' << std::flush;
    return std::cout ? 0 : 1;
  } catch (const usage_error& e) {
    std::fprintf(stderr, "omniroute-erlang: %s\n%s", e.message.c_str(), usage_text);
    return 2;
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "omniroute-erlang: cannot compute this: %s\n", e.code().message().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "omniroute-erlang: %s\n", e.what());
    return 1;
  }
}
