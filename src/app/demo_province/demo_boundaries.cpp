#include "app/demo_province/demo_boundaries.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <queue>
#include <unordered_map>

#include "app/demo_province/random.h"

namespace danso::demo {

namespace {

// Where the made-up province lies and how wide it is, in degrees.
constexpr double kOutlineWest = 107.2, kOutlineSouth = 13.8, kOutlineSpan = 0.9;

struct OutlineGrid {
  int n = 0;  // cells a side; vertices (n + 1) a side
  std::vector<float> jx, jy;  // jitter of each vertex, in cells
  int cell(int i, int j) const { return j * n + i; }
  // Degrees rounded to 5 decimals (about a metre), as the outline's text writes them.
  double lon(int vi, int vj) const {
    return std::round((kOutlineWest + (vi + jx[size_t(vj * (n + 1) + vi)]) * kOutlineSpan / n) * 1e5) / 1e5;
  }
  double lat(int vi, int vj) const {
    return std::round((kOutlineSouth + (vj + jy[size_t(vj * (n + 1) + vi)]) * kOutlineSpan / n) * 1e5) / 1e5;
  }
};

// Splits `cells` (all labelled `parent` in `above`) among `k` children:
// labels base..base+k-1 in `out`, each region grown from its seed.
void split_area(const OutlineGrid& g, const std::vector<int>& cells, const std::vector<int32_t>& above, int32_t parent,
                int k, int32_t base, Random& rng, std::vector<int32_t>& out) {
  std::vector<int> pick(cells);
  for (int s = 0; s < k && s < int(pick.size()); ++s)
    std::swap(pick[size_t(s)], pick[size_t(rng.range(s, int64_t(pick.size()) - 1))]);
  std::vector<double> sx(static_cast<size_t>(k)), sy(static_cast<size_t>(k));
  std::vector<int> start(static_cast<size_t>(k));
  for (int s = 0; s < k; ++s) {
    start[size_t(s)] = pick[size_t(std::min<int>(s, int(pick.size()) - 1))];
    sx[size_t(s)] = start[size_t(s)] % g.n + 0.5, sy[size_t(s)] = start[size_t(s)] / g.n + 0.5;
  }
  using Item = std::pair<double, std::pair<int, int>>;  // distance, (cell, child)
  for (int round = 0; round < 4; ++round) {
    for (int c : cells) out[size_t(c)] = -1;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    for (int s = 0; s < k; ++s) queue.push({0.0, {start[size_t(s)], s}});
    while (!queue.empty()) {
      const int c = queue.top().second.first, s = queue.top().second.second;
      queue.pop();
      if (out[size_t(c)] != -1) continue;
      out[size_t(c)] = base + s;
      const int i = c % g.n, j = c / g.n;
      const int next[4][2] = {{i + 1, j}, {i - 1, j}, {i, j + 1}, {i, j - 1}};
      for (const auto& nb : next) {
        if (nb[0] < 0 || nb[1] < 0 || nb[0] >= g.n || nb[1] >= g.n) continue;
        const int m = g.cell(nb[0], nb[1]);
        if (above[size_t(m)] != parent || out[size_t(m)] != -1) continue;
        const double dx = nb[0] + 0.5 - sx[size_t(s)], dy = nb[1] + 0.5 - sy[size_t(s)];
        queue.push({dx * dx + dy * dy, {m, s}});
      }
    }
    if (round == 3) break;
    // Each seed moves to its region's centre, starting from the region's cell nearest it.
    std::vector<double> ax(static_cast<size_t>(k)), ay(static_cast<size_t>(k)), cnt(static_cast<size_t>(k));
    for (int c : cells) {
      const size_t s = size_t(out[size_t(c)] - base);
      ax[s] += c % g.n + 0.5, ay[s] += c / g.n + 0.5, cnt[s] += 1;
    }
    std::vector<double> best(static_cast<size_t>(k), 1e300);
    for (int s = 0; s < k; ++s)
      if (cnt[size_t(s)] > 0) sx[size_t(s)] = ax[size_t(s)] / cnt[size_t(s)], sy[size_t(s)] = ay[size_t(s)] / cnt[size_t(s)];
    for (int c : cells) {
      const size_t s = size_t(out[size_t(c)] - base);
      const double dx = c % g.n + 0.5 - sx[s], dy = c / g.n + 0.5 - sy[s];
      if (dx * dx + dy * dy < best[s]) best[s] = dx * dx + dy * dy, start[s] = c;
    }
  }
}

// The rings of the cells labelled `label`: each loop of border edges with
// the region on its left (outer rings counter-clockwise, holes clockwise),
// turning left where two cells of the region touch only at a corner.
using Loop = std::vector<std::pair<int, int>>;  // vertices (i, j), not repeated at the end

std::vector<Loop> trace_loops(const OutlineGrid& g, const std::vector<int>& cells, const std::vector<int32_t>& labels,
                              int32_t label) {
  const int n = g.n;
  auto inside = [&](int i, int j) { return i >= 0 && j >= 0 && i < n && j < n && labels[size_t(g.cell(i, j))] == label; };
  // Directions: 0 east, 1 north, 2 west, 3 south.
  static constexpr int kDx[4] = {1, 0, -1, 0}, kDy[4] = {0, 1, 0, -1};
  std::unordered_map<int, std::vector<int>> out;  // vertex -> outgoing directions not yet used
  auto vid = [&](int i, int j) { return j * (n + 1) + i; };
  for (int c : cells) {
    const int i = c % n, j = c / n;
    if (!inside(i, j - 1)) out[vid(i, j)].push_back(0);
    if (!inside(i + 1, j)) out[vid(i + 1, j)].push_back(1);
    if (!inside(i, j + 1)) out[vid(i + 1, j + 1)].push_back(2);
    if (!inside(i - 1, j)) out[vid(i, j + 1)].push_back(3);
  }
  std::vector<Loop> loops;
  std::vector<int> starts;
  starts.reserve(out.size());
  for (const auto& entry : out) starts.push_back(entry.first);
  std::sort(starts.begin(), starts.end());
  for (int v0 : starts) {
    while (!out[v0].empty()) {
      // The start edge stays listed until the walk comes back to take it.
      const int d0 = out[v0].back();
      Loop loop;
      int v = v0, dir = d0;
      while (true) {
        loop.push_back({v % (n + 1), v / (n + 1)});
        v = vid(v % (n + 1) + kDx[dir], v / (n + 1) + kDy[dir]);
        auto& dirs = out[v];
        if (dirs.empty()) break;  // not reached: every border vertex has as many edges out as in
        auto it = std::find(dirs.begin(), dirs.end(), (dir + 1) % 4);
        if (it == dirs.end()) it = dirs.begin();
        dir = *it;
        dirs.erase(it);
        if (v == v0 && dir == d0) break;
      }
      loops.push_back(std::move(loop));
    }
  }
  return loops;
}

double loop_area(const Loop& l) {
  double a = 0;
  for (size_t k = 0; k < l.size(); ++k) {
    const auto& p = l[k];
    const auto& q = l[(k + 1) % l.size()];
    a += double(p.first) * q.second - double(q.first) * p.second;
  }
  return a / 2;
}

bool loop_contains(const Loop& l, double x, double y) {
  bool in = false;
  for (size_t k = 0, m = l.size() - 1; k < l.size(); m = k++) {
    const double xi = l[k].first, yi = l[k].second, xj = l[m].first, yj = l[m].second;
    if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
  }
  return in;
}

void append_ring(const OutlineGrid& g, const Loop& l, std::string& out) {
  out += '[';
  char buf[48];
  for (size_t k = 0; k <= l.size(); ++k) {
    const auto& p = l[k % l.size()];
    std::snprintf(buf, sizeof buf, "%s[%.5f,%.5f]", k ? "," : "", g.lon(p.first, p.second), g.lat(p.first, p.second));
    out += buf;
  }
  out += ']';
}

// The region's outline as a MultiPolygon: each outer ring with the holes inside it.
UnitBoundary outline_of(const OutlineGrid& g, const std::vector<int>& cells, const std::vector<int32_t>& labels,
                        int32_t label) {
  std::vector<Loop> loops = trace_loops(g, cells, labels, label);
  std::vector<size_t> outer, holes;
  for (size_t k = 0; k < loops.size(); ++k) (loop_area(loops[k]) > 0 ? outer : holes).push_back(k);
  std::vector<std::vector<size_t>> holes_of(outer.size());
  for (size_t h : holes) {
    // A point just left of the hole's first edge lies in the region, inside one outer ring.
    const auto& a = loops[h][0];
    const auto& b = loops[h][1 % loops[h].size()];
    const double mx = (a.first + b.first) / 2.0 - (b.second - a.second) * 0.25;
    const double my = (a.second + b.second) / 2.0 + (b.first - a.first) * 0.25;
    for (size_t o = 0; o < outer.size(); ++o)
      if (loop_contains(loops[outer[o]], mx, my)) {
        holes_of[o].push_back(h);
        break;
      }
  }
  UnitBoundary b;
  b.geometry = R"({"type":"MultiPolygon","coordinates":[)";
  for (size_t o = 0; o < outer.size(); ++o) {
    b.geometry += o ? ",[" : "[";
    append_ring(g, loops[outer[o]], b.geometry);
    for (size_t h : holes_of[o]) {
      b.geometry += ',';
      append_ring(g, loops[h], b.geometry);
    }
    b.geometry += ']';
  }
  b.geometry += "]}";
  b.west = b.south = 1e9, b.east = b.north = -1e9;
  for (size_t o : outer)
    for (const auto& p : loops[o]) {
      b.west = std::min(b.west, g.lon(p.first, p.second)), b.east = std::max(b.east, g.lon(p.first, p.second));
      b.south = std::min(b.south, g.lat(p.first, p.second)), b.north = std::max(b.north, g.lat(p.first, p.second));
    }
  return b;
}

}  // namespace

std::vector<UnitBoundary> demo_boundaries(std::span<const OrgUnit> units, uint64_t seed) {
  Random rng(seed * 0x9e3779b97f4a7c15ULL + 0x6d6170);  // its own stream: the register's draws are unchanged
  std::unordered_map<int64_t, size_t> index;
  std::vector<std::vector<size_t>> children(units.size());
  std::vector<size_t> roots;
  size_t leaves = 0;
  for (size_t k = 0; k < units.size(); ++k) index.emplace(units[k].id.value, k);
  for (size_t k = 0; k < units.size(); ++k) {
    const auto p = index.find(units[k].parent.value);
    if (units[k].parent.valid() && p != index.end()) children[p->second].push_back(k);
    else roots.push_back(k);
  }
  for (size_t k = 0; k < units.size(); ++k) leaves += children[k].empty() ? 1 : 0;
  OutlineGrid g;
  g.n = int(std::ceil(std::sqrt(double(std::max<size_t>(leaves, 10)) * 36 / 0.62)));
  const size_t nv = size_t(g.n + 1) * size_t(g.n + 1);
  g.jx.resize(nv), g.jy.resize(nv);
  for (size_t v = 0; v < nv; ++v) {
    const int vi = int(v % size_t(g.n + 1)), vj = int(v / size_t(g.n + 1));
    const bool edge = vi == 0 || vj == 0 || vi == g.n || vj == g.n;
    g.jx[v] = edge ? 0.f : float(rng.uniform() * 0.6 - 0.3);
    g.jy[v] = edge ? 0.f : float(rng.uniform() * 0.6 - 0.3);
  }
  // The province: a lobed shape about the grid's centre.
  const double p1 = rng.uniform() * 6.283, p2 = rng.uniform() * 6.283, p3 = rng.uniform() * 6.283;
  std::vector<int32_t> top(size_t(g.n) * size_t(g.n), -1);
  std::vector<int> all;
  for (int j = 0; j < g.n; ++j)
    for (int i = 0; i < g.n; ++i) {
      const double x = (i + 0.5) / g.n * 2 - 1, y = (j + 0.5) / g.n * 2 - 1;
      const double t = std::atan2(y, x), r = std::sqrt(x * x + y * y);
      if (r < 0.84 * (1 + 0.1 * std::sin(3 * t + p1) + 0.07 * std::sin(5 * t + p2) + 0.04 * std::sin(8 * t + p3))) {
        top[size_t(g.cell(i, j))] = 0;
        all.push_back(g.cell(i, j));
      }
    }
  // Level by level: the roots share the province's area, then each unit's
  // area goes to its children.
  std::vector<UnitBoundary> out;
  std::vector<size_t> level = roots;
  std::vector<int32_t> labels(top.size(), -1);
  split_area(g, all, top, 0, int(level.size()), 0, rng, labels);
  while (!level.empty()) {
    std::vector<std::vector<int>> cells(level.size());
    for (size_t c = 0; c < labels.size(); ++c)
      if (labels[c] >= 0) cells[size_t(labels[c])].push_back(int(c));
    std::vector<size_t> next;
    std::vector<int32_t> below(labels.size(), -1);
    for (size_t k = 0; k < level.size(); ++k) {
      if (cells[k].empty()) continue;
      UnitBoundary b = outline_of(g, cells[k], labels, int32_t(k));
      b.unit = units[level[k]].id;
      b.source = "demo";
      out.push_back(std::move(b));
      const auto& kids = children[level[k]];
      if (kids.empty()) continue;
      split_area(g, cells[k], labels, int32_t(k), int(kids.size()), int32_t(next.size()), rng, below);
      next.insert(next.end(), kids.begin(), kids.end());
    }
    level = std::move(next);
    labels = std::move(below);
  }
  std::sort(out.begin(), out.end(), [](const UnitBoundary& a, const UnitBoundary& b) { return a.unit < b.unit; });
  return out;
}

}  // namespace danso::demo
