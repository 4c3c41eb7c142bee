(function () {
  "use strict";
  var root = document.documentElement;
  var report = JSON.parse(document.getElementById("report-data").textContent);
  var drawn = 0;

  function percentileLabel(oneIn) {
    if (!(oneIn >= 1)) {
      return "";
    }
    var decade = Math.round(Math.log10(oneIn));
    if (Math.abs(Math.log10(oneIn) - decade) > 1e-9) {
      return "";
    }
    var percentile = 100 - 100 / oneIn;
    return percentile.toFixed(Math.max(0, decade - 2)) + "%";
  }

  function xAxis(spec) {
    var axis = { label: spec.x.label, grid: { stroke: "#eee" } };
    if (spec.x.format === "percentile") {
      axis.values = function (u, splits) { return splits.map(percentileLabel); };
    } else if (spec.x.format === "category") {
      var categories = spec.categories || [];
      axis.splits = function () { return categories.map(function (c) { return c.at; }); };
      axis.values = function () { return categories.map(function (c) { return c.label; }); };
      axis.rotate = categories.length > 4 ? -25 : 0;
      axis.size = categories.length > 4 ? 110 : 50;
      axis.grid = { show: false };
    }
    return axis;
  }

  function xScale(spec) {
    if (spec.x.log) {
      return { time: false, distr: 3, log: 10 };
    }
    if (spec.x.format === "category") {
      var last = 0;
      spec.series.forEach(function (s) { s.x.forEach(function (x) { last = Math.max(last, x); }); });
      return { time: false, range: function () { return [-1, last + 1]; } };
    }
    return { time: false };
  }

  function seriesOptions(s) {
    var options = { label: s.label, stroke: s.color, width: s.width, spanGaps: false, points: { show: false } };
    if (s.dash) {
      options.dash = s.dash;
    }
    if (s.style === "points") {
      options.paths = function () { return null; };
      options.points = { show: true, size: 4, width: 1, stroke: s.color, fill: s.color };
    } else if (s.style === "bars") {
      options.paths = uPlot.paths.bars({ size: [0.9, 60] });
      options.fill = s.color + "bb";
    }
    return options;
  }

  function draw(spec, element) {
    var aligned = uPlot.join(spec.series.map(function (s) { return [s.x, s.y]; }));
    var hasBars = spec.series.some(function (s) { return s.style === "bars"; });
    var options = {
      width: Math.max(320, element.clientWidth || 900),
      height: 320,
      padding: [12, spec.x.format === "category" ? 150 : 16, 0, 0],
      scales: {
        x: xScale(spec),
        y: hasBars ? { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } : {}
      },
      axes: [xAxis(spec), { label: spec.y.label, grid: { stroke: "#eee" } }],
      series: [{ label: spec.x.label }].concat(spec.series.map(seriesOptions)),
      legend: { live: spec.x.format !== "category" },
      cursor: { drag: { x: true, y: false } },
      hooks: {
        draw: [function () {
          if (element.getAttribute("data-drawn") !== "true") {
            element.setAttribute("data-drawn", "true");
            drawn++;
            root.setAttribute("data-charts-drawn", String(drawn));
          }
        }]
      }
    };
    element.setAttribute("data-points", String(aligned[0].length));
    return new uPlot(options, aligned, element);
  }

  var plots = [];
  report.charts.forEach(function (spec) {
    var element = document.querySelector('[data-chart="' + spec.id + '"]');
    try {
      plots.push({ plot: draw(spec, element), element: element });
    } catch (error) {
      element.setAttribute("data-drawn", "false");
      window.onerror(spec.id + ": " + (error && error.message ? error.message : String(error)));
    }
  });

  window.addEventListener("resize", function () {
    plots.forEach(function (p) { p.plot.setSize({ width: Math.max(320, p.element.clientWidth), height: 320 }); });
  });
  root.setAttribute("data-report-ready", "true");
})();
