// The decision-conference view: sliders for the weights, and the ranking, the gaps, the
// benefits and risks by area and the stability marks that follow them.
//
// One ES module in the anywidget "AFM" form: `render({ model, el })` reads the payload
// built in Python (powerbalance.brief.conference.payload) and the weights from `model`,
// and writes the weights back with model.set("weights", {...}) and model.save_changes().
// The standalone page gives it a small in-page model; a notebook gives it anywidget's.
//
// The scores are a straight port of the library's prepared kernels: the normalized
// matrix (and its logarithm, or the ideal points) is computed in Python and embedded;
// only the weight-dependent step runs here. Ranks are assigned as
// powerbalance.methods.ranking.rank_and_order assigns them.
//
// For tests and scripts, `el.conference` is a small hook:
//   scores()        -> scores in the payload's option order (the library's starting
//                      scores when the method is not scored in the page)
//   ranking()       -> [{option, rank, score}] from first to last
//   weights()       -> {criterion: weight}
//   setWeights(obj) -> sets the weights ({criterion: non-negative number}, rescaled to
//                      sum to 1 unless they do already), as a slider move would, writes
//                      the whole page at once, and returns weights()
//   intervals()     -> [{name, scope, low, high, swapLow, swapHigh, current}] as drawn
//   byArea()        -> {option: {area: {benefit, risk, net}}}, and cost apart from risk
//                      when a criterion is a cost (the bars draw the two together)
//   leader()        -> the option ranked first
//   announcement()  -> the text of the live region

const STEP = 0.01;
const FINE_STEP = 0.001;
const PAGE_STEP = 0.05;
const BARS_SHOWN = 10;
const BAR_HEIGHT = 16;
// Rows of the ranking written at once beyond those in sight of its box.
const ROWS_AROUND = 8;
const ON_PATH = 1e-9;
// A thumb's slack: under a pixel on a slider 500 pixels long.
const THUMB_SLACK = 0.002;

let instances = 0;

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "style") node.style.cssText = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

function fixed(value, digits = 3) {
  const text = value.toFixed(digits);
  // "-0.000" would suggest a loss that rounding created.
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

function joinWords(names) {
  if (names.length <= 1) return names.join("");
  return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
}

// A number as Python and TOML both read it back exactly (the shortest round trip).
function literal(value) {
  const text = String(value);
  return /^-?\d+$/.test(text) ? text + ".0" : text;
}

function quoted(text) {
  return JSON.stringify(text).replace(/\u007f/g, "\\u007F");
}

// -- the kernels ------------------------------------------------------------------------

function flat(rows, n, m) {
  const values = new Float64Array(n * m);
  rows.forEach((row, i) => values.set(row, i * m));
  return values;
}

function makeKernel(payload) {
  const kernel = payload.kernel;
  if (!kernel) return null;
  const n = payload.options.length;
  const m = payload.criteria.length;
  const normalized = flat(kernel.normalized, n, m);
  let score;
  if (kernel.kind === "weighted-sum") {
    // S_i = sum_j w_j r_ij
    score = (w, out) => {
      for (let i = 0, at = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < m; j++, at++) sum += w[j] * normalized[at];
        out[i] = sum;
      }
    };
  } else if (kernel.kind === "weighted-product") {
    // P_i = exp(sum_j w_j ln r_ij)
    const logs = flat(kernel.log_normalized, n, m);
    score = (w, out) => {
      for (let i = 0, at = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < m; j++, at++) sum += w[j] * logs[at];
        out[i] = Math.exp(sum);
      }
    };
  } else if (kernel.kind === "topsis") {
    // D+ and D- are linear in the squared weights: the squared gaps are kept.
    const toIdeal = new Float64Array(n * m);
    const toAnti = new Float64Array(n * m);
    for (let i = 0, at = 0; i < n; i++) {
      for (let j = 0; j < m; j++, at++) {
        toIdeal[at] = (normalized[at] - kernel.ideal[j]) ** 2;
        toAnti[at] = (normalized[at] - kernel.anti_ideal[j]) ** 2;
      }
    }
    const squared = new Float64Array(m);
    score = (w, out) => {
      for (let j = 0; j < m; j++) squared[j] = w[j] * w[j];
      for (let i = 0, at = 0; i < n; i++) {
        let plus = 0;
        let minus = 0;
        for (let j = 0; j < m; j++, at++) {
          plus += squared[j] * toIdeal[at];
          minus += squared[j] * toAnti[at];
        }
        const near = Math.sqrt(plus);
        const far = Math.sqrt(minus);
        const total = near + far;
        // Every weighted criterion scores all options alike: all equally close.
        out[i] = total > 0 ? far / total : 0.5;
      }
    };
  } else {
    return null;
  }
  return { normalized, score };
}

// Ranks 1 = best, equal scores (within the tolerance) share the better rank and keep the
// option order among themselves. `order` holds the last order and is sorted in place:
// between two slider moves it is nearly sorted already.
function rankAndOrder(values, order, ranks, tolerance) {
  const n = values.length;
  if (n === 0) return;
  for (let p = 1; p < n; p++) {
    const item = order[p];
    const value = values[item];
    let q = p - 1;
    while (q >= 0) {
      const other = order[q];
      const ahead = values[other] > value || (values[other] === value && other < item);
      if (ahead) break;
      order[q + 1] = other;
      q--;
    }
    order[q + 1] = item;
  }
  const first = Math.abs(values[order[0]]);
  const last = Math.abs(values[order[n - 1]]);
  const within = tolerance * Math.max(1, first, last);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end - 1]] - values[order[end]] <= within) end++;
    if (end - start > 1) {
      const group = Array.from(order.subarray(start, end)).sort((a, b) => a - b);
      order.set(group, start);
    }
    for (let p = start; p < end; p++) ranks[order[p]] = start + 1;
    start = end;
  }
}

// -- the view -----------------------------------------------------------------------------

function render({ model, el }) {
  const payload = model.get("payload");
  const id = `pbc${++instances}`;
  const options = payload.options.map((o) => o.name);
  const criteria = payload.criteria;
  const areas = payload.areas;
  const n = options.length;
  const m = criteria.length;
  const kernel = makeKernel(payload);
  const tolerance = payload.tie_tolerance;
  // A cost is drawn with the risks, to the left: what an option gives up.
  const isRisk = new Uint8Array(criteria.map((c) => (c.kind === "benefit" ? 0 : 1)));
  const hasCost = criteria.some((c) => c.kind === "cost");
  const lostWords = hasCost ? "risks and costs" : "risks";
  const areaOf = new Int32Array(m);
  areas.forEach((area, a) => area.criteria.forEach((j) => (areaOf[j] = a)));

  const start = new Float64Array(criteria.map((c) => payload.start[c.name]));
  const w = new Float64Array(start);
  const locked = new Uint8Array(m);
  const scores = new Float64Array(n);
  const ranks = new Int32Array(n);
  const order = new Int32Array(n);
  order.forEach((_, i) => (order[i] = i));
  const scratch = { w: new Float64Array(m), scores: new Float64Array(n), order: new Int32Array(n), ranks: new Int32Array(n) };
  const startRank = new Map(payload.start_ranking.map((row) => [row.option, row.rank]));

  if (!kernel) {
    // The library's ranking at the starting weights, which the page cannot redo.
    payload.start_ranking.forEach((row, p) => {
      const i = options.indexOf(row.option);
      scores[i] = row.score;
      ranks[i] = row.rank;
      order[p] = i;
    });
  }

  // -- the layout ---------------------------------------------------------------------

  el.replaceChildren();
  const root = element("div", { class: "pb-conference" });
  el.append(root);
  const method = payload.method;
  root.append(
    element("h2", { class: "pb-conf-title", text: payload.title }),
    element("p", {
      class: "pb-conf-lede",
      text:
        `Ranked by ${method.full_name}, starting from ${payload.weighting.words}. Moving ` +
        `a weight rescales the others in proportion, except those locked.`,
    }),
  );
  if (!kernel) {
    root.append(
      element("p", {
        class: "pb-conf-note",
        role: "note",
        text:
          `${method.reason} The ranking shown is the library's at the starting weights, so ` +
          `moving the sliders does not re-rank; the band on each slider shows how far that ` +
          `weight can move from the start before first place changes.`,
      }),
    );
  }
  const layout = element("div", { class: "pb-conf-layout" });
  root.append(layout);

  // The weights.
  const weightsPanel = element("section", { class: "pb-conf-weights", "aria-labelledby": `${id}-weights` });
  weightsPanel.append(
    element("h3", { id: `${id}-weights`, text: "Weights" }),
    element("p", {
      class: "pb-conf-help",
      id: `${id}-help`,
      text:
        "Arrow keys move a weight by 0.01 (with Shift, 0.001), Page Up and Page Down by " +
        "0.05, Home and End to its least and most. An area's slider moves its criteria " +
        "together. The shaded band is where first place stays with the starting leader " +
        "when that weight alone moves from the starting weights; it fades once the " +
        "weights leave that path.",
    }),
  );
  const reset = element("button", { type: "button", class: "pb-conf-reset", text: "Reset to the starting weights" });
  weightsPanel.append(element("div", { class: "pb-conf-toolbar" }, [reset]));

  const intervals = new Map(payload.stability.intervals.map((i) => [`${i.scope}:${i.name}`, i]));
  const sliders = []; // {scope, index, members, input, output, lock, band, row, label}
  const leaderAtStart = payload.stability.leader;

  function slider(scope, index, name, members, colour) {
    const key = `${scope}:${name}`;
    const inputId = `${id}-${scope}-${index}`;
    const label = scope === "area" ? `${name} (area)` : name;
    const about = scope === "criterion" ? [criteria[index].description, criteria[index].unit].filter(Boolean).join("; ") : "";
    const interval = intervals.get(key);
    const track = element("div", { class: "pb-conf-track" });
    let band = null;
    // The band, in words; the keys are told once, above the sliders.
    let described = null;
    if (interval) {
      band = element("div", {
        class: "pb-conf-band",
        "data-low": String(interval.top_low),
        "data-high": String(interval.top_high),
        style: `--low: ${interval.top_low}; --high: ${interval.top_high};`,
        "aria-hidden": "true",
      });
      for (const [end, swap] of [["low", interval.top_swap_low], ["high", interval.top_swap_high]]) {
        if (swap) band.append(element("span", { class: `pb-conf-mark pb-conf-mark-${end}` }));
      }
      track.append(band);
      const words = [`${leaderAtStart} stays first while this weight is between ` +
        `${fixed(interval.top_low)} and ${fixed(interval.top_high)} (from the starting weights)`];
      if (interval.top_swap_low) words.push(`below, ${interval.top_swap_low[1]} takes over`);
      if (interval.top_swap_high) words.push(`above, ${interval.top_swap_high[1]} takes over`);
      const note = element("span", { id: `${inputId}-band`, class: "pb-conf-hidden", text: words.join("; ") + "." });
      track.append(note);
      described = `${inputId}-band`;
    }
    const startMark = element("span", { class: "pb-conf-start", style: `--at: ${members.reduce((s, j) => s + start[j], 0)};`, "aria-hidden": "true" });
    const input = element("input", {
      type: "range",
      id: inputId,
      min: "0",
      max: "1",
      step: "any",
      class: "pb-conf-range",
      "aria-describedby": described,
      "data-scope": scope,
      "data-name": name,
    });
    track.append(startMark, input);
    const output = element("output", { for: inputId, class: "pb-conf-value" });
    const lock = element("button", {
      type: "button",
      class: "pb-conf-lock",
      "aria-pressed": "false",
      "aria-label": `Lock the weight of ${label}`,
      title: `Lock the weight of ${label}`,
      text: "Lock",
    });
    const row = element("div", { class: `pb-conf-slider pb-conf-slider-${scope}`, style: colour ? `--area: ${colour};` : null }, [
      element("label", { for: inputId, text: label, title: about || null }),
      track,
      output,
      lock,
    ]);
    const entry = { scope, index, name, label, members, input, output, lock, band, row, text: "", locked: false };
    input.addEventListener("input", () => moved(entry, input.valueAsNumber));
    input.addEventListener("keydown", (event) => keyed(entry, event));
    input.addEventListener("focus", () => (input.value = String(sumOf(members))));
    lock.addEventListener("click", () => toggleLock(entry));
    sliders.push(entry);
    return row;
  }

  areas.forEach((area, a) => {
    const group = element("fieldset", { class: "pb-conf-area", style: `--area: ${area.colour};` }, [
      element("legend", { text: area.name }),
    ]);
    if (area.criteria.length > 1) group.append(slider("area", a, area.name, area.criteria, area.colour));
    for (const j of area.criteria) group.append(slider("criterion", j, criteria[j].name, [j], area.colour));
    weightsPanel.append(group);
  });
  layout.append(weightsPanel);

  // The results.
  const results = element("section", { class: "pb-conf-results", "aria-labelledby": `${id}-ranking` });
  results.append(element("h3", { id: `${id}-ranking`, text: "Ranking" }));
  const live = element("p", { class: "pb-conf-live", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  results.append(live);
  // A table laid out as rows of a fixed grid, so that a changed cell does not make the
  // browser measure every row again; the roles keep it a table to assistive technology.
  const table = element("table", { class: "pb-conf-table", role: "table", "aria-labelledby": `${id}-caption` });
  const heading = (text, numeric) =>
    element("th", { scope: "col", role: "columnheader", class: numeric ? "num" : null, text });
  table.append(
    element("caption", {
      id: `${id}-caption`,
      text: kernel ? `Ranking by ${method.words} at the current weights` : `Ranking by ${method.words} at the starting weights`,
    }),
    element("thead", { role: "rowgroup" }, [
      element("tr", { role: "row" }, [
        heading("Rank", true),
        heading("Option", false),
        heading("Score", true),
        heading("Gap to first", true),
        heading("Rank at start", true),
      ]),
    ]),
  );
  const body = element("tbody", { role: "rowgroup" });
  const rows = [];
  for (let p = 0; p < n; p++) {
    const cells = [
      element("td", { role: "cell", class: "num" }),
      element("th", { scope: "row", role: "rowheader" }),
      element("td", { role: "cell", class: "num" }),
      element("td", { role: "cell", class: "num" }),
      element("td", { role: "cell", class: "num" }),
    ];
    const tr = element("tr", { role: "row" }, cells);
    body.append(tr);
    rows.push({ tr, cells, texts: ["", "", "", "", ""] });
  }
  table.append(body);
  const scroller = element("div", { class: "pb-conf-scroll", role: "region", "aria-label": "Ranking", tabindex: "0" }, [table]);
  results.append(scroller);

  // Benefits and risks by area.
  const shown = Math.min(n, BARS_SHOWN);
  const barRows = [];
  let barsFigure = null;
  let barWidth = 0;
  if (kernel) {
    results.append(element("h3", { text: hasCost ? "Benefits, risks and costs by area" : "Benefits and risks by area" }));
    const legend = element("ul", { class: "pb-conf-legend" });
    for (const area of areas) {
      legend.append(element("li", {}, [element("span", { class: "pb-conf-key", style: `--area: ${area.colour};` }), area.name]));
    }
    legend.append(
      element("li", {}, [element("span", { class: "pb-conf-key pb-conf-benefit-key" }), "benefit (to the right)"]),
      element("li", {}, [element("span", { class: "pb-conf-key pb-conf-risk-key" }), hasCost ? "risk or cost (to the left)" : "risk (to the left)"]),
    );
    const figure = element("div", {
      class: "pb-conf-bars",
      role: "img",
      "aria-label":
        `Weighted benefits (to the right) and ${lostWords} (to the left) by area of the first ` +
        `${shown} options; the net values follow each name.`,
    });
    for (let p = 0; p < shown; p++) {
      const name = element("span", { class: "pb-conf-bar-name" });
      const net = element("span", { class: "pb-conf-bar-net" });
      // Drawn, not built of elements: a move repaints the bars without a new layout.
      const canvas = element("canvas", { class: "pb-conf-bar-body", height: String(BAR_HEIGHT) });
      figure.append(element("div", { class: "pb-conf-bar" }, [
        element("div", { class: "pb-conf-bar-head" }, [name, net]),
        canvas,
      ]));
      barRows.push({ name, net, canvas, context: canvas.getContext("2d"), texts: ["", ""] });
    }
    barsFigure = figure;
    results.append(figure, legend);
  }

  // The weights to paste back.
  const preset = element("section", { class: "pb-conf-preset", "aria-labelledby": `${id}-preset` });
  const python = element("code", {});
  const toml = element("code", {});
  const copied = element("span", { class: "pb-conf-copied", role: "status" });
  const copyButton = (what, code) => {
    const button = element("button", { type: "button", class: "pb-conf-copy", text: `Copy the ${what}` });
    button.addEventListener("click", () => {
      flushPreset();
      copy(code.textContent, what);
    });
    return button;
  };
  preset.append(
    element("h3", { id: `${id}-preset`, text: "These weights, to keep" }),
    element("p", { text: "In Python, as fixed weights:" }),
    element("pre", {}, [python]),
    copyButton("Python", python),
    element("p", { text: "In a study file, as a preset:" }),
    element("pre", {}, [toml]),
    copyButton("TOML preset", toml),
    copied,
  );
  results.append(preset);
  layout.append(results);

  // -- the arithmetic -------------------------------------------------------------------

  function rescore() {
    if (!kernel) return;
    kernel.score(w, scores);
    rankAndOrder(scores, order, ranks, tolerance);
  }

  function leaderAt(weights) {
    kernel.score(weights, scratch.scores);
    scratch.order.set(order);
    rankAndOrder(scratch.scores, scratch.order, scratch.ranks, tolerance);
    return scratch.order[0];
  }

  function sumOf(members, weights = w) {
    let total = 0;
    for (const j of members) total += weights[j];
    return total;
  }

  // Is `w` where moving only `members` from the starting weights leads (the path
  // powerbalance.sensitivity.stability follows)? Then that slider's band is exact.
  function onPath(members) {
    const t = sumOf(members);
    const inside = new Uint8Array(m);
    for (const j of members) inside[j] = 1;
    const moving = sumOf(members, start);
    let rest = 0;
    for (let j = 0; j < m; j++) if (!inside[j]) rest += start[j];
    for (let j = 0; j < m; j++) {
      const share = inside[j]
        ? moving > 0 ? start[j] / moving : 1 / members.length
        : rest > 0 ? start[j] / rest : 0;
      const expected = inside[j] ? t * share : (1 - t) * share;
      if (Math.abs(expected - w[j]) > ON_PATH) return false;
    }
    return true;
  }

  // Move the weight of `members` to `value`; the locked weights stay, the other free
  // ones share what is left in proportion (evenly if they are all zero).
  function move(members, value) {
    const inside = new Uint8Array(m);
    for (const j of members) inside[j] = 1;
    let lockedIn = 0, lockedOut = 0, freeIn = 0, freeOut = 0, countIn = 0, countOut = 0;
    for (let j = 0; j < m; j++) {
      if (locked[j]) {
        if (inside[j]) lockedIn += w[j];
        else lockedOut += w[j];
      } else if (inside[j]) {
        freeIn += w[j];
        countIn++;
      } else {
        freeOut += w[j];
        countOut++;
      }
    }
    if (countIn === 0 || countOut === 0) return false;
    const target = Math.min(Math.max(value, lockedIn), Math.max(lockedIn, 1 - lockedOut));
    const inner = target - lockedIn;
    const outer = Math.max(0, 1 - lockedOut - target);
    for (let j = 0; j < m; j++) {
      if (locked[j]) continue;
      if (inside[j]) w[j] = freeIn > 0 ? (inner * w[j]) / freeIn : inner / countIn;
      else w[j] = freeOut > 0 ? (outer * w[j]) / freeOut : outer / countOut;
    }
    return true;
  }

  // -- showing ----------------------------------------------------------------------------

  function setText(node, texts, k, text) {
    if (texts[k] !== text) {
      texts[k] = text;
      node.textContent = text;
    }
  }

  // The rows in sight of the ranking's box are written at once, the others a moment
  // later: with many options, rewriting every row on every move would cost a frame.
  let rowsInSight = [0, n];
  let rowsPending = 0;

  function measureRows() {
    const height = rows.length ? rows[0].tr.getBoundingClientRect().height : 0;
    if (!(height > 0)) {
      rowsInSight = [0, n];
      return;
    }
    const first = Math.max(0, Math.floor(scroller.scrollTop / height) - ROWS_AROUND);
    const count = Math.ceil(scroller.clientHeight / height) + 2 * ROWS_AROUND;
    rowsInSight = [first, Math.min(n, first + count)];
  }

  function showRows(first, last) {
    const best = scores[order[0]];
    for (let p = first; p < last; p++) {
      const i = order[p];
      const row = rows[p];
      setText(row.cells[0], row.texts, 0, String(ranks[i]));
      setText(row.cells[1], row.texts, 1, options[i]);
      setText(row.cells[2], row.texts, 2, fixed(scores[i]));
      setText(row.cells[3], row.texts, 3, ranks[i] === 1 ? "first" : fixed(scores[i] - best));
      setText(row.cells[4], row.texts, 4, String(startRank.get(options[i])));
    }
  }

  function flushRows() {
    clearTimeout(rowsPending);
    rowsPending = 0;
    showRows(0, n);
  }

  function showRanking() {
    const [first, last] = rowsInSight;
    showRows(first, last);
    if ((first > 0 || last < n) && !rowsPending) rowsPending = setTimeout(flushRows, 150);
  }

  function areaValues(i, benefit, risk) {
    benefit.fill(0);
    risk.fill(0);
    const r = kernel.normalized;
    for (let j = 0, at = i * m; j < m; j++, at++) {
      if (isRisk[j]) risk[areaOf[j]] += w[j] * (1 - r[at]);
      else benefit[areaOf[j]] += w[j] * r[at];
    }
  }

  const benefitBuffer = new Float64Array(areas.length);
  const riskBuffer = new Float64Array(areas.length);

  // A risk's stripes in its area's colour, as the brief's charts draw them.
  const stripes = areas.map((area) => {
    const tile = document.createElement("canvas");
    tile.width = tile.height = 6;
    const paint = tile.getContext("2d");
    if (!paint) return area.colour;
    paint.fillStyle = area.colour;
    paint.fillRect(0, 0, 6, 6);
    paint.strokeStyle = area.ink;
    paint.lineWidth = 1.5;
    paint.beginPath();
    for (const offset of [-6, 0, 6]) {
      paint.moveTo(offset, 6);
      paint.lineTo(offset + 6, 0);
    }
    paint.stroke();
    return paint.createPattern(tile, "repeat") || area.colour;
  });

  function drawBar(bar, benefit, risk, extent) {
    const context = bar.context;
    if (!context || barWidth <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(barWidth * ratio);
    if (bar.canvas.width !== width) {
      bar.canvas.width = width;
      bar.canvas.height = Math.round(BAR_HEIGHT * ratio);
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, barWidth, BAR_HEIGHT);
    const centre = barWidth / 2;
    const scale = (centre - 1) / extent;
    context.strokeStyle = "#1a1a1a";
    context.lineWidth = 0.5;
    let right = centre;
    let left = centre;
    for (let a = 0; a < areas.length; a++) {
      const size = Math.max(benefit[a], 0) * scale;
      context.fillStyle = areas[a].colour;
      context.fillRect(right, 0, size, BAR_HEIGHT);
      if (size > 0) context.strokeRect(right, 0.25, size, BAR_HEIGHT - 0.5);
      right += size;
      const lost = Math.max(risk[a], 0) * scale;
      left -= lost;
      context.fillStyle = stripes[a];
      context.fillRect(left, 0, lost, BAR_HEIGHT);
      if (lost > 0) context.strokeRect(left, 0.25, lost, BAR_HEIGHT - 0.5);
    }
    context.fillStyle = "#1a1a1a";
    context.fillRect(centre - 0.75, 0, 1.5, BAR_HEIGHT);
  }

  function showBars() {
    if (!kernel) return;
    let extent = 1e-12;
    const totals = [];
    for (let p = 0; p < shown; p++) {
      areaValues(order[p], benefitBuffer, riskBuffer);
      const b = benefitBuffer.reduce((s, v) => s + v, 0);
      const r = riskBuffer.reduce((s, v) => s + v, 0);
      totals.push([Float64Array.from(benefitBuffer), Float64Array.from(riskBuffer), b, r]);
      extent = Math.max(extent, b, r);
    }
    for (let p = 0; p < shown; p++) {
      const bar = barRows[p];
      const [benefit, risk, b, r] = totals[p];
      setText(bar.name, bar.texts, 0, `${ranks[order[p]]}. ${options[order[p]]}`);
      setText(bar.net, bar.texts, 1, `net ${b - r >= 0 ? "+" : ""}${fixed(b - r)}`);
      drawBar(bar, benefit, risk, extent);
    }
  }

  function showSliders() {
    for (const entry of sliders) {
      const value = sumOf(entry.members);
      // Moving a thumb costs a layout: the others' thumbs follow once they would move
      // a visible amount; the focused one, which the keys step from, always does.
      const off = Math.abs(entry.input.valueAsNumber - value);
      if (off > THUMB_SLACK || (off > 0 && entry.input === document.activeElement)) {
        entry.input.value = String(value);
      }
      const text = fixed(value);
      if (entry.text !== text) {
        entry.text = text;
        entry.output.textContent = text;
        entry.input.setAttribute("aria-valuetext", `${text}, ${(100 * value).toFixed(1)}% of the total weight`);
      }
      const isLocked = entry.members.every((j) => locked[j]);
      if (entry.locked !== isLocked) {
        entry.locked = isLocked;
        entry.lock.setAttribute("aria-pressed", String(isLocked));
        entry.lock.textContent = isLocked ? "Locked" : "Lock";
        entry.input.disabled = isLocked;
      }
      if (entry.band) entry.band.classList.toggle("pb-conf-stale", !onPath(entry.members));
    }
  }

  function showPreset() {
    const lines = criteria.map((c, j) => `    ${quoted(c.name)}: ${literal(w[j])},`);
    const call = payload.method.name && /^[a-z0-9-]+$/.test(payload.method.name)
      ? `\nreport = pb.evaluate(assessment, weighting=weights, method=${quoted(payload.method.name)})`
      : "";
    python.textContent = `import powerbalance as pb\n\nweights = pb.Weights.from_mapping({\n${lines.join("\n")}\n})${call}\n`;
    const name = /^[A-Za-z0-9_-]+$/.test(payload.preset_name) ? payload.preset_name : quoted(payload.preset_name);
    const points = criteria.map((c, j) => `${quoted(c.name)} = ${literal(w[j])}`);
    toml.textContent = `[presets.${name}]\nscheme = "direct"\n\n[presets.${name}.points]\n${points.join("\n")}\n`;
  }

  // The preset's text is long and nobody reads it mid-drag: it follows a little later.
  let presetPending = 0;
  function flushPreset() {
    clearTimeout(presetPending);
    presetPending = 0;
    showPreset();
  }

  function show() {
    showSliders();
    showRanking();
    showBars();
    if (!presetPending) presetPending = setTimeout(flushPreset, 150);
  }

  function say(text) {
    live.textContent = text;
  }

  // After the weights changed from `before`: say so if first place changed hands, and
  // where along the move it did.
  function announce(before, leaderBefore, entry) {
    if (!kernel) return;
    const leader = order[0];
    const tied = [];
    for (let p = 0; p < n && ranks[order[p]] === 1; p++) tied.push(options[order[p]]);
    if (leader === leaderBefore) return;
    if (tied.length > 1) {
      say(`${joinWords(tied)} now tie for first place.`);
      return;
    }
    let where = "";
    if (entry) {
      let low = 0, high = 1;
      for (let step = 0; step < 60 && high - low > 1e-12; step++) {
        const middle = (low + high) / 2;
        for (let j = 0; j < m; j++) scratch.w[j] = before[j] + middle * (w[j] - before[j]);
        if (leaderAt(scratch.w) === leaderBefore) low = middle;
        else high = middle;
      }
      const from = sumOf(entry.members, before);
      const crossing = from + high * (sumOf(entry.members) - from);
      const what = entry.scope === "area" ? `the weight of the ${entry.name} area` : entry.name;
      where = ` as ${what} passes ${fixed(crossing)}`;
    }
    say(`${options[leader]} takes over from ${options[leaderBefore]}${where}.`);
  }

  // Apply a change of the weights: rescore, show, announce, and tell the model.
  function changed(before, leaderBefore, entry, tell = true) {
    rescore();
    show();
    announce(before, leaderBefore, entry);
    if (tell) {
      model.set("weights", currentWeights());
      model.save_changes();
    }
  }

  function currentWeights() {
    const out = {};
    criteria.forEach((c, j) => (out[c.name] = w[j]));
    return out;
  }

  function moved(entry, value) {
    const before = Float64Array.from(w);
    const leaderBefore = order[0];
    if (!Number.isFinite(value) || !move(entry.members, value)) {
      showSliders();
      return;
    }
    changed(before, leaderBefore, entry);
  }

  function keyed(entry, event) {
    const value = sumOf(entry.members);
    const step = event.shiftKey ? FINE_STEP : STEP;
    const steps = {
      ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step,
      PageUp: PAGE_STEP, PageDown: -PAGE_STEP,
    };
    let target;
    if (event.key in steps) target = value + steps[event.key];
    else if (event.key === "Home") target = 0;
    else if (event.key === "End") target = 1;
    else return;
    event.preventDefault();
    moved(entry, Math.min(1, Math.max(0, target)));
  }

  function toggleLock(entry) {
    const lock = !entry.members.every((j) => locked[j]);
    for (const j of entry.members) locked[j] = lock ? 1 : 0;
    showSliders();
  }

  function setAll(values, entry = null, tell = true) {
    const before = Float64Array.from(w);
    const leaderBefore = order[0];
    assign(values);
    changed(before, leaderBefore, entry, tell);
  }

  // Weights rescaled to sum to 1; weights that already do (to rounding) are kept as
  // given, so that a saved address or Python's weights come back bit for bit.
  function assign(values) {
    let total = 0;
    for (let j = 0; j < m; j++) total += values[j];
    const scale = Math.abs(total - 1) > 1e-12 ? 1 / total : 1;
    for (let j = 0; j < m; j++) w[j] = scale === 1 ? values[j] : values[j] / total;
  }

  function fromMapping(mapping) {
    if (mapping === null || typeof mapping !== "object") throw new TypeError("weights must be an object of criterion -> weight");
    const values = new Float64Array(m);
    const known = new Set(criteria.map((c) => c.name));
    for (const name of Object.keys(mapping)) {
      if (!known.has(name)) throw new RangeError(`no criterion is named ${JSON.stringify(name)}`);
    }
    criteria.forEach((c, j) => {
      const value = Number(mapping[c.name]);
      if (!(c.name in mapping) || !Number.isFinite(value) || value < 0) {
        throw new RangeError(`the weight of ${JSON.stringify(c.name)} must be a non-negative number`);
      }
      values[j] = value;
    });
    if (!values.some((v) => v > 0)) throw new RangeError("at least one weight must be above zero");
    return values;
  }

  function copy(text, what) {
    const done = () => (copied.textContent = `The ${what} is copied.`);
    const fallback = () => {
      const area = element("textarea", { class: "pb-conf-hidden", "aria-hidden": "true" });
      area.value = text;
      root.append(area);
      area.select();
      try {
        document.execCommand("copy");
        done();
      } catch (error) {
        copied.textContent = "Select the text and copy it.";
      }
      area.remove();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  reset.addEventListener("click", () => {
    locked.fill(0);
    setAll(start);
  });

  const onModel = () => {
    const given = model.get("weights");
    let values;
    try {
      values = fromMapping(given);
    } catch (error) {
      return;
    }
    if (values.every((v, j) => v === w[j])) return;
    setAll(values, null, false);
  };
  model.on("change:weights", onModel);

  // First showing: the model's weights (a saved fragment, or Python's), else the start.
  let initial = start;
  try {
    initial = fromMapping(model.get("weights"));
  } catch (error) {
    initial = start;
  }
  assign(initial);
  if (kernel) {
    kernel.score(w, scores);
    const sorted = Array.from(order).sort((a, b) => scores[b] - scores[a] || a - b);
    order.set(sorted);
    rankAndOrder(scores, order, ranks, tolerance);
  }
  show();
  flushPreset();
  scroller.addEventListener("scroll", () => {
    measureRows();
    showRows(...rowsInSight);
  }, { passive: true });
  // The bars are drawn to the width they are shown at, which is known once laid out.
  let resized = null;
  if (typeof ResizeObserver !== "undefined") {
    resized = new ResizeObserver(() => {
      measureRows();
      const width = barsFigure ? barRows[0].canvas.clientWidth : 0;
      if (barsFigure && width !== barWidth) {
        barWidth = width;
        showBars();
      }
    });
    resized.observe(scroller);
    if (barsFigure) resized.observe(barsFigure);
  }

  const byArea = () => {
    const out = {};
    if (!kernel) return out;
    const benefit = new Float64Array(areas.length);
    const risk = new Float64Array(areas.length);
    const r = kernel.normalized;
    for (let i = 0; i < n; i++) {
      areaValues(i, benefit, risk);
      out[options[i]] = {};
      areas.forEach((area, a) => {
        const values = { benefit: benefit[a], risk: risk[a], net: benefit[a] - risk[a] };
        if (hasCost) {
          values.cost = 0;
          for (let j = 0; j < m; j++) {
            if (areaOf[j] === a && criteria[j].kind === "cost") values.cost += w[j] * (1 - r[i * m + j]);
          }
          values.risk -= values.cost;
        }
        out[options[i]][area.name] = values;
      });
    }
    return out;
  };

  el.conference = Object.freeze({
    scores: () => Array.from(scores),
    ranking: () => Array.from(order, (i) => ({ option: options[i], rank: ranks[i], score: scores[i] })),
    weights: currentWeights,
    setWeights(mapping) {
      setAll(fromMapping(mapping));
      flushPreset();
      flushRows();
      return currentWeights();
    },
    intervals: () =>
      sliders
        .filter((entry) => entry.band)
        .map((entry) => {
          const interval = intervals.get(`${entry.scope}:${entry.name}`);
          return {
            name: entry.name,
            scope: entry.scope,
            low: Number(entry.band.dataset.low),
            high: Number(entry.band.dataset.high),
            swapLow: interval.top_swap_low,
            swapHigh: interval.top_swap_high,
            current: !entry.band.classList.contains("pb-conf-stale"),
          };
        }),
    byArea,
    leader: () => options[order[0]],
    announcement: () => live.textContent,
  });

  return () => {
    clearTimeout(presetPending);
    clearTimeout(rowsPending);
    resized?.disconnect();
    model.off?.("change:weights", onModel);
    delete el.conference;
  };
}

export default { render };
