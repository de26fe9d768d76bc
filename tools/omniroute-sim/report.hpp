// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
//
// omniroute-sim's outputs: the stdout summary table, results.json and a self-contained HTML
// report with inline SVG charts (no scripts, no external resources).
#pragma once

#include <omniroute/sim/simulator.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace omniroute_sim {

namespace sim = omniroute::sim;
using nlohmann::ordered_json;

inline ordered_json to_json(const sim::estimate& e) {
  ordered_json j;
  j["mean"] = std::isfinite(e.mean) ? ordered_json(e.mean) : ordered_json(nullptr);
  j["ci95"] = std::isfinite(e.ci95) ? ordered_json(e.ci95) : ordered_json(nullptr);
  return j;
}

template <class Metric, std::size_t N>
ordered_json metrics_json(const std::array<sim::estimate, N>& values) {
  ordered_json j = ordered_json::object();
  for (std::size_t m = 0; m < N; ++m) j[sim::to_string(static_cast<Metric>(m))] = to_json(values[m]);
  return j;
}

inline ordered_json results_json(const sim::experiment_result& r, double wall_seconds) {
  ordered_json j;
  j["scenario"] = r.name;
  j["seed"] = r.seed;
  j["replications"] = r.replications;
  j["confidence_intervals"] = r.batch_means ? "batch_means" : "replications";
  j["warmup_seconds"] = r.warmup;
  j["horizon_seconds"] = r.horizon;
  j["interval_seconds"] = r.interval;
  j["queues"] = ordered_json::array();
  for (const auto& q : r.queues) {
    ordered_json jq;
    jq["name"] = q.name;
    jq["service_level_seconds"] = q.service_level_seconds;
    jq["total"] = metrics_json<sim::queue_metric>(q.total);
    jq["routed_out_to"] = ordered_json::object();
    for (const auto& [destination, e] : q.routed_out_to) jq["routed_out_to"][destination] = to_json(e);
    jq["intervals"] = ordered_json::array();
    for (std::size_t b = 0; b < q.intervals.size(); ++b) {
      ordered_json ji = metrics_json<sim::queue_metric>(q.intervals[b]);
      ji["start_seconds"] = r.warmup + static_cast<double>(b) * r.interval;
      jq["intervals"].push_back(std::move(ji));
    }
    j["queues"].push_back(std::move(jq));
  }
  j["agent_groups"] = ordered_json::array();
  for (const auto& g : r.groups) {
    ordered_json jg;
    jg["name"] = g.name;
    jg["total"] = metrics_json<sim::group_metric>(g.total);
    jg["intervals"] = ordered_json::array();
    for (std::size_t b = 0; b < g.intervals.size(); ++b) {
      ordered_json ji = metrics_json<sim::group_metric>(g.intervals[b]);
      ji["start_seconds"] = r.warmup + static_cast<double>(b) * r.interval;
      jg["intervals"].push_back(std::move(ji));
    }
    j["agent_groups"].push_back(std::move(jg));
  }
  ordered_json perf;
  perf["simulated_events"] = r.events;
  perf["contacts"] = r.contacts;
  perf["wall_seconds"] = wall_seconds;
  perf["events_per_second"] = wall_seconds > 0 ? r.events / wall_seconds : 0.0;
  j["performance"] = perf;
  return j;
}

inline std::string fmt_estimate(const sim::estimate& e, const char* format) {
  if (!std::isfinite(e.mean)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, e.mean);
  std::string s = buf;
  if (std::isfinite(e.ci95)) {
    std::snprintf(buf, sizeof buf, format, e.ci95);
    s += " ±";
    s += buf;
  }
  return s;
}

/// Pads to `width` display columns ("±" is two bytes, one column).
inline std::string pad(const std::string& s, std::size_t width, bool right = true) {
  std::size_t cols = 0;
  for (unsigned char c : s) cols += (c & 0xC0) != 0x80;
  const std::string fill(cols < width ? width - cols : 0, ' ');
  return right ? fill + s : s + fill;
}

inline std::string summary_table(const sim::experiment_result& r) {
  using sim::queue_metric;
  std::string out;
  out += pad("queue", 16, false) + pad("offered", 16) + pad("answered", 16) + pad("abandoned", 14) +
         pad("SL", 16) + pad("T s", 7) + pad("P(wait)", 16) + pad("ASA s", 16) + pad("P(abandon)", 16) + "\n";
  for (const auto& q : r.queues) {
    auto v = [&](queue_metric m, const char* f) { return fmt_estimate(q.total[static_cast<std::size_t>(m)], f); };
    char t[32];
    std::snprintf(t, sizeof t, "%g", q.service_level_seconds);
    out += pad(q.name, 16, false) + pad(v(queue_metric::offered, "%.0f"), 16) +
           pad(v(queue_metric::answered, "%.0f"), 16) + pad(v(queue_metric::abandoned, "%.0f"), 14) +
           pad(v(queue_metric::sl, "%.3f"), 16) + pad(t, 7) + pad(v(queue_metric::p_wait, "%.3f"), 16) +
           pad(v(queue_metric::asa, "%.1f"), 16) + pad(v(queue_metric::p_abandon, "%.3f"), 16) + "\n";
  }
  // Escalation outcomes, when the scenario has any.
  bool escalating = false;
  for (const auto& q : r.queues) {
    for (queue_metric m : {queue_metric::escalations, queue_metric::routed_out,
                           queue_metric::callbacks_offered}) {
      const double mean = q.total[static_cast<std::size_t>(m)].mean;
      escalating = escalating || (std::isfinite(mean) && mean > 0);
    }
    escalating = escalating || !q.routed_out_to.empty();
  }
  if (escalating) {
    out += "\n" + pad("queue", 16, false) + pad("escalations", 16) + pad("callbacks", 16) +
           pad("accepted", 16) + pad("routed out", 16) + "  by destination\n";
    for (const auto& q : r.queues) {
      auto v = [&](queue_metric m) { return fmt_estimate(q.total[static_cast<std::size_t>(m)], "%.1f"); };
      std::string by;
      for (const auto& [destination, e] : q.routed_out_to) {
        if (!(std::isfinite(e.mean) && e.mean > 0)) continue;
        by += (by.empty() ? "  " : ", ") + destination + " " + fmt_estimate(e, "%.1f");
      }
      out += pad(q.name, 16, false) + pad(v(queue_metric::escalations), 16) +
             pad(v(queue_metric::callbacks_offered), 16) + pad(v(queue_metric::callbacks_accepted), 16) +
             pad(v(queue_metric::routed_out), 16) + by + "\n";
    }
  }
  out += "\n" + pad("agent group", 16, false) + pad("occupancy", 16) + pad("staffed agents", 18) + "\n";
  for (const auto& g : r.groups) {
    out += pad(g.name, 16, false) +
           pad(fmt_estimate(g.total[static_cast<std::size_t>(sim::group_metric::occupancy)], "%.3f"), 16) +
           pad(fmt_estimate(g.total[static_cast<std::size_t>(sim::group_metric::staffed_agents)], "%.1f"), 18) +
           "\n";
  }
  char buf[200];
  std::snprintf(buf, sizeof buf, "\n%u replications; ±: 95 %% confidence half-width (%s)\n",
                r.replications, r.batch_means ? "batch means" : "Student t over replications");
  out += buf;
  return out;
}

inline std::string html_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '&': o += "&amp;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

struct chart_series {
  std::string label;
  std::vector<sim::estimate> points;  ///< One per interval.
};

/// A line chart with 95 % bands over the day; x in hours from `start`.
inline std::string svg_chart(const std::string& title, const std::vector<chart_series>& series,
                             double start, double step, bool unit_interval) {
  static const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                  "#8c564b", "#e377c2", "#17becf"};
  const double w = 760, h = 260, left = 50, right = 150, top = 28, bottom = 32;
  const double pw = w - left - right, ph = h - top - bottom;
  std::size_t n = 0;
  double ymax = unit_interval ? 1.0 : 0.0;
  for (const auto& s : series) {
    n = std::max(n, s.points.size());
    if (!unit_interval) {
      for (const auto& p : s.points) {
        if (std::isfinite(p.mean)) ymax = std::max(ymax, p.mean + (std::isfinite(p.ci95) ? p.ci95 : 0));
      }
    }
  }
  if (ymax <= 0) ymax = 1;
  if (!unit_interval) ymax *= 1.1;
  const double x0 = start / 3600, x1 = (start + step * static_cast<double>(n)) / 3600;
  auto X = [&](double hours) { return left + (x1 > x0 ? (hours - x0) / (x1 - x0) : 0) * pw; };
  auto Y = [&](double v) { return top + ph - std::clamp(v / ymax, 0.0, 1.0) * ph; };
  char buf[256];
  std::string o;
  std::snprintf(buf, sizeof buf,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n",
                w, h, w, h);
  o += buf;
  o += "<text x=\"" + std::to_string(static_cast<int>(left)) + "\" y=\"16\" font-size=\"13\" font-weight=\"bold\">" +
       html_escape(title) + "</text>\n";
  for (int i = 0; i <= 4; ++i) {
    const double v = ymax * i / 4;
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>\n",
                  left, left + pw, Y(v), Y(v), left - 4, Y(v) + 4, v);
    o += buf;
  }
  const double span_h = x1 - x0;
  const double tick = span_h > 48 ? 12 : span_h > 12 ? 2 : span_h > 3 ? 1 : 0.25;
  for (double t = std::ceil(x0 / tick) * tick; t <= x1 + 1e-9 && tick > 0; t += tick) {
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                  "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%gh</text>\n",
                  X(t), X(t), top, top + ph, X(t), top + ph + 14, t);
    o += buf;
  }
  for (std::size_t k = 0; k < series.size(); ++k) {
    const char* c = colours[k % 8];
    const auto& pts = series[k].points;
    // Band: upper edge forwards, lower edge backwards, per defined run.
    std::string band, line;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      if (!std::isfinite(pts[i].mean)) continue;
      const double xm = X((start + step * (static_cast<double>(i) + 0.5)) / 3600);
      std::snprintf(buf, sizeof buf, "%.1f,%.1f ", xm, Y(pts[i].mean));
      line += buf;
    }
    std::string upper, lower;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      if (!std::isfinite(pts[i].mean) || !std::isfinite(pts[i].ci95)) continue;
      const double xm = X((start + step * (static_cast<double>(i) + 0.5)) / 3600);
      std::snprintf(buf, sizeof buf, "%.1f,%.1f ", xm, Y(pts[i].mean + pts[i].ci95));
      upper += buf;
      std::snprintf(buf, sizeof buf, "%.1f,%.1f ", xm, Y(pts[i].mean - pts[i].ci95));
      lower = buf + lower;
    }
    if (!upper.empty()) {
      o += std::string("<polygon fill=\"") + c + "\" fill-opacity=\"0.15\" stroke=\"none\" points=\"" +
           upper + lower + "\"/>\n";
    }
    if (!line.empty()) {
      o += std::string("<polyline fill=\"none\" stroke=\"") + c + "\" stroke-width=\"1.5\" points=\"" +
           line + "\"/>\n";
    }
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  "<text x=\"%.1f\" y=\"%.1f\">",
                  left + pw + 10, top + 14.0 * static_cast<double>(k), c, left + pw + 24,
                  top + 14.0 * static_cast<double>(k) + 9);
    o += buf;
    o += html_escape(series[k].label.substr(0, 20)) + "</text>\n";
  }
  o += "</svg>\n";
  return o;
}

inline std::string html_report(const sim::experiment_result& r, const std::string& table) {
  using sim::group_metric;
  using sim::queue_metric;
  std::string o =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>omniroute-sim: " +
      html_escape(r.name) +
      "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1000px}"
      "pre{background:#f6f6f6;padding:1em;overflow-x:auto}figure{margin:1em 0}</style>\n"
      "</head><body>\n<h1>Simulation: " +
      html_escape(r.name) + "</h1>\n";
  char buf[300];
  std::snprintf(buf, sizeof buf,
                "<p>Seed %llu, %u replications, intervals of %g s. Shaded bands are 95 %% confidence "
                "intervals (Student t). Every routing decision was made by the omniroute router.</p>\n",
                static_cast<unsigned long long>(r.seed), r.replications, r.interval);
  o += buf;
  o += "<h2>Summary</h2>\n<pre>" + html_escape(table) + "</pre>\n";
  auto by_queue = [&](queue_metric m) {
    std::vector<chart_series> s;
    const std::size_t limit = std::min<std::size_t>(r.queues.size(), 8);
    for (std::size_t i = 0; i < limit; ++i) {
      chart_series cs{r.queues[i].name, {}};
      for (const auto& iv : r.queues[i].intervals) cs.points.push_back(iv[static_cast<std::size_t>(m)]);
      s.push_back(std::move(cs));
    }
    return s;
  };
  const char* more = r.queues.size() > 8 ? " (first 8 queues)" : "";
  o += "<h2>Service level over the day</h2>\n<figure>" +
       svg_chart(std::string("Service level (answered within T / offered)") + more,
                 by_queue(queue_metric::sl), r.warmup, r.interval, true) +
       "</figure>\n";
  o += "<h2>Queue length over the day</h2>\n<figure>" +
       svg_chart(std::string("Mean contacts in queue") + more, by_queue(queue_metric::queue_length),
                 r.warmup, r.interval, false) +
       "</figure>\n";
  std::vector<chart_series> occ;
  for (const auto& g : r.groups) {
    chart_series cs{g.name, {}};
    for (const auto& iv : g.intervals) cs.points.push_back(iv[static_cast<std::size_t>(group_metric::occupancy)]);
    occ.push_back(std::move(cs));
    if (occ.size() == 8) break;
  }
  o += "<h2>Occupancy over the day</h2>\n<figure>" +
       svg_chart("Occupancy (busy or wrap-up / staffed)", occ, r.warmup, r.interval, true) +
       "</figure>\n";
  o += "<p>Definitions: docs/simulator.md.</p>\n</body></html>\n";
  return o;
}

}  // namespace omniroute_sim
