/* The big screen (大屏): fetches /api/v1/screen/ at once and every refresh_seconds, and redraws the panels
   in place (no page reload). A click on a county (on the map or its button) drills the whole screen down
   to that county; 返回全市 goes back. Styles come from static/css/screen.css; ECharts sets its own
   through the DOM API, which the content security policy allows. */
(function () {
  "use strict";

  var root = document.getElementById("screen");
  if (!root || !window.echarts) {
    return;
  }
  var CITY = "440900";
  var text = document.getElementById("screen-i18n").dataset;
  var phone = window.matchMedia("(max-width: 1199.98px)");
  var state = {
    region: root.dataset.region || CITY,
    indicator: root.dataset.mapIndicator,
    refresh: parseInt(root.dataset.refresh, 10) || 30,
    payload: null,
    timer: null,
    charts: {},
    mapRegistered: false,
    loads: 0,
  };
  var AXIS = { color: "#9db4d9", fontSize: 20 };

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined && content !== null) {
      node.textContent = content;
    }
    return node;
  }

  function fmt(value) {
    if (value === null || value === undefined) {
      return "—";
    }
    return Number(value).toLocaleString("zh-CN", { maximumFractionDigits: 2 });
  }

  function section(panelId) {
    return root.querySelector('[data-panel="' + panelId + '"]');
  }

  function chartIn(panelId, body) {
    var holder = body.querySelector(".chart");
    if (!holder) {
      holder = el("div", "chart");
      holder.setAttribute("data-testid", "chart-" + panelId);
      body.appendChild(holder);
    }
    var chart = state.charts[panelId];
    if (!chart || chart.getDom() !== holder) {
      chart = window.echarts.init(holder, null, { renderer: "canvas" });
      state.charts[panelId] = chart;
    }
    return chart;
  }

  // Rows that do not fit the panel on the wall are hidden (the wall never scrolls); "+N" says how many.
  function fit(body, list) {
    if (phone.matches || !list) {
      return;
    }
    var items = Array.prototype.slice.call(list.children);
    var hidden = 0;
    while (items.length > 1 && body.scrollHeight > body.clientHeight + 1) {
      items.pop().hidden = true;
      hidden += 1;
    }
    if (hidden) {
      list.appendChild(el("li", "more", text.more.replace("0", hidden)));
      while (items.length > 1 && body.scrollHeight > body.clientHeight + 1) {
        items.pop().hidden = true;
        hidden += 1;
        list.lastChild.textContent = text.more.replace("0", hidden);
      }
    }
  }

  // --- panels ---------------------------------------------------------------------------------

  function tiles(body, metrics) {
    var grid = el("div", "tiles");
    metrics.forEach(function (m) {
      var tile = el("div", "tile");
      var label = el("div", "tile-label", m.label);
      label.title = m.title || m.label;
      tile.appendChild(label);
      var value = el("div", "tile-value");
      value.setAttribute("data-testid", "metric-" + m.key);
      if (m.status === "ok") {
        value.appendChild(document.createTextNode(fmt(m.value)));
        value.appendChild(el("span", "tile-unit", m.unit));
        if (/(overdue|_red)$/.test(m.key) && m.value > 0) {
          value.classList.add("is-alert");
        }
      } else {
        value.appendChild(el("span", "tile-missing", m.message || ""));
      }
      tile.appendChild(value);
      grid.appendChild(tile);
    });
    body.appendChild(grid);
    // A big number that does not fit its tile gets a smaller size rather than being cut off.
    grid.querySelectorAll(".tile-value").forEach(function (value) {
      if (value.scrollWidth > value.clientWidth) {
        value.classList.add("is-long");
        if (value.scrollWidth > value.clientWidth) {
          value.classList.add("is-longer");
        }
      }
    });
  }

  function withMessages(metrics) {
    var missing = { missing_module: text.missingModule, no_data: text.noData };
    return metrics.map(function (m) {
      return Object.assign({}, m, { message: m.message || missing[m.status] || "" });
    });
  }

  function renderMetrics(panelId, panel, body) {
    tiles(body, withMessages(panel.metrics || []));
  }

  function renderHeadline(panelId, panel, body) {
    var list = el("ul", "rows");
    var skipped = 0;
    (panel.items || []).forEach(function (item) {
      // On a phone the list would be long: indicators without a value are only counted.
      if (phone.matches && item.status !== "ok") {
        skipped += 1;
        return;
      }
      var li = el("li", "row-item headline-item");
      li.setAttribute("data-testid", "headline-" + item.code);
      li.appendChild(el("div", "row-name", item.name));
      var line = el("div", "headline-line");
      var value = el("span", "headline-value", item.status === "ok" ? fmt(item.value) : "—");
      line.appendChild(value);
      line.appendChild(el("span", "headline-target", item.unit + " · " + text.target + " " + (item.target_text || fmt(item.target))));
      if (item.level) {
        line.appendChild(el("span", "level level-" + item.level, text["level" + item.level.charAt(0).toUpperCase() + item.level.slice(1)]));
      }
      li.appendChild(line);
      list.appendChild(li);
    });
    if (skipped) {
      list.appendChild(el("li", "more", text.more.replace("0", skipped)));
    }
    body.appendChild(list);
    fit(body, list);
  }

  function renderFairs(panelId, panel, body) {
    tiles(body, withMessages(panel.metrics || []));
    var list = el("ul", "rows");
    if (!panel.fairs || !panel.fairs.length) {
      list.appendChild(el("li", "row-item more", panel.fairs_message || text.noFairs));
    }
    (panel.fairs || []).forEach(function (fair) {
      var li = el("li", "row-item");
      li.setAttribute("data-testid", "fair-" + fair.id);
      li.appendChild(el("span", "row-name", fair.name));
      var figure = el("span", "row-figure");
      figure.appendChild(document.createTextNode(text.checkedIn + " "));
      figure.appendChild(el("strong", null, fmt(fair.checked_in)));
      figure.appendChild(document.createTextNode(" / " + text.signedUp + " " + fmt(fair.signed_up) + " · " + text.intentions + " " + fmt(fair.intentions)));
      li.appendChild(figure);
      list.appendChild(li);
    });
    body.appendChild(list);
    fit(body, list);
  }

  function renderProjects(panelId, panel, body) {
    var metrics = withMessages(panel.metrics || []);
    tiles(body, metrics);
    var list = el("ul", "rows");
    (panel.items || []).forEach(function (p) {
      var li = el("li", "row-item");
      li.setAttribute("data-testid", "project-" + p.code);
      li.appendChild(el("span", "row-name", p.name));
      var track = el("span", "progress-track");
      var fill = el("span", "progress-fill");
      fill.style.width = Math.max(0, Math.min(100, p.progress || 0)) + "%";
      track.appendChild(fill);
      li.appendChild(track);
      li.appendChild(el("span", "row-figure", p.progress === null ? "—" : fmt(p.progress) + "%"));
      list.appendChild(li);
    });
    body.appendChild(list);
    fit(body, list);
  }

  function renderTrends(panelId, panel, body) {
    var series = (panel.series || []).filter(function (s) {
      return s.status === "ok";
    });
    var chart = chartIn(panelId, body);
    chart.setOption(
      {
        animation: false,
        color: ["#4fc3f7", "#34d399", "#fbbf24", "#f87171", "#c084fc"],
        grid: { left: 64, right: 16, top: 72, bottom: 34 },
        legend: { top: 0, textStyle: { color: "#e6f0ff", fontSize: 20 }, itemGap: 14 },
        tooltip: { trigger: "axis", renderMode: "richText", textStyle: { fontSize: 20 } },
        xAxis: { type: "category", data: panel.months, axisLabel: AXIS },
        yAxis: { type: "value", axisLabel: AXIS, splitLine: { lineStyle: { color: "rgba(157,180,217,0.15)" } } },
        series: series.map(function (s) {
          return { name: s.label, type: "line", smooth: true, symbolSize: 8, data: s.values };
        }),
      },
      true
    );
  }

  function currentIndicator(panel) {
    var found = null;
    (panel.indicators || []).forEach(function (i) {
      if (i.key === state.indicator) {
        found = i;
      }
    });
    return found || (panel.indicators || [])[0];
  }

  function renderMap(panelId, panel, body, payload) {
    var indicator = currentIndicator(panel);
    var note = section(panelId).querySelector('[data-role="note"]');
    if (indicator && indicator.status !== "ok") {
      note.hidden = false;
      note.textContent = indicator.label + "：" + indicator.message;
    }
    if (!state.mapRegistered) {
      return;
    }
    var values = (indicator && indicator.values) || {};
    var data = payload.counties.map(function (c) {
      var v = values[c.code];
      return {
        name: c.name,
        code: c.code,
        value: v === undefined ? null : v,
        selected: payload.region.code === c.code,
      };
    });
    var numbers = data.map(function (d) { return d.value; }).filter(function (v) { return v !== null; });
    var chart = chartIn(panelId, body);
    chart.setOption(
      {
        animation: false,
        tooltip: { trigger: "item", renderMode: "richText", textStyle: { fontSize: 20 } },
        visualMap: {
          min: numbers.length ? Math.min.apply(null, numbers) : 0,
          max: numbers.length ? Math.max.apply(null, numbers) : 1,
          left: 8,
          bottom: 8,
          calculable: false,
          text: [indicator ? indicator.unit : "", ""],
          textStyle: { color: "#e6f0ff", fontSize: 20 },
          inRange: { color: ["#123a73", "#1d64c4", "#4fc3f7", "#fde68a"] },
        },
        series: [
          {
            type: "map",
            map: "maoming",
            nameProperty: "name",
            roam: false,
            layoutCenter: ["50%", "50%"],
            layoutSize: "98%",
            selectedMode: "single",
            label: {
              show: true,
              color: "#fff",
              fontSize: 20,
              formatter: function (p) {
                return p.name + "\n" + fmt(p.value === undefined || isNaN(p.value) ? null : p.value);
              },
            },
            itemStyle: { borderColor: "#9db4d9", borderWidth: 1.5, areaColor: "#1c2b4a" },
            emphasis: { label: { color: "#fff" }, itemStyle: { areaColor: "#f59e0b" } },
            select: { label: { color: "#06122b" }, itemStyle: { areaColor: "#fbbf24", borderColor: "#fff", borderWidth: 3 } },
            data: data,
          },
        ],
      },
      true
    );
    root.dataset.mapDrawn = "1";
    var buttons = body.querySelector(".counties");
    if (!buttons) {
      buttons = el("div", "counties");
      body.appendChild(buttons);
    }
    buttons.textContent = "";
    if (payload.can_drill) {
      payload.counties.forEach(function (c) {
        var b = el("button", "screen-county" + (payload.region.code === c.code ? " is-current" : ""), c.name);
        b.type = "button";
        b.setAttribute("data-county", c.code);
        buttons.appendChild(b);
      });
    }
  }

  var RENDER = {
    headline: renderHeadline,
    map: renderMap,
    trends: renderTrends,
    fairs: renderFairs,
    cases: renderMetrics,
    wages: renderMetrics,
    layoffs: renderMetrics,
    projects: renderProjects,
  };

  function render(payload) {
    state.payload = payload;
    root.querySelector('[data-testid="screen-region"]').textContent = payload.region.name;
    root.querySelector('[data-testid="screen-as-of"]').textContent =
      text.updated + " " + payload.as_of.replace("T", " ").slice(0, 19);
    document.getElementById("screen-back").hidden = !(payload.can_drill && payload.region.code !== CITY);
    Object.keys(payload.panels).forEach(function (panelId) {
      var node = section(panelId);
      var panel = payload.panels[panelId];
      if (!node || !RENDER[panelId]) {
        return;
      }
      var note = node.querySelector('[data-role="note"]');
      var body = node.querySelector('[data-role="body"]');
      note.hidden = panel.status === "ok";
      note.textContent = panel.message || "";
      node.setAttribute("data-status", panel.status);
      var charted = panelId === "map" || panelId === "trends";
      if (!charted) {
        body.textContent = "";
      }
      var empty = panel.status !== "ok" && panelId !== "map";
      body.classList.toggle("is-empty", empty && !(panel.metrics && panel.metrics.length));
      if (empty && charted) {
        return;
      }
      RENDER[panelId](panelId, panel, body, payload);
    });
    var refresh = payload.config && payload.config.refresh_seconds;
    if (refresh) {
      state.refresh = refresh;
    }
    bindMapClicks();
    state.loads += 1;
    root.dataset.loads = String(state.loads);
    root.dataset.loadedRegion = payload.region.code;
  }

  function alertShow(message) {
    var box = document.getElementById("screen-alert");
    box.hidden = !message;
    box.textContent = message || "";
  }

  function schedule() {
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(load, state.refresh * 1000);
  }

  function load() {
    var url = root.dataset.api + "?region=" + encodeURIComponent(state.region);
    return window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (payload) {
        alertShow("");
        render(payload);
      })
      .catch(function () {
        alertShow(text.loadFailed);
      })
      .then(schedule);
  }

  function go(region) {
    state.region = region;
    var url = root.dataset.page + (region === CITY ? "" : "?region=" + region);
    window.history.replaceState(null, "", url);
    window.clearTimeout(state.timer);
    load();
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-county]");
    if (button) {
      go(button.getAttribute("data-county"));
    }
  });
  document.getElementById("screen-back").addEventListener("click", function () {
    go(CITY);
  });
  document.getElementById("screen-map-indicator").addEventListener("change", function (event) {
    state.indicator = event.target.value;
    if (state.payload && state.payload.panels.map) {
      var body = section("map").querySelector('[data-role="body"]');
      var note = section("map").querySelector('[data-role="note"]');
      note.hidden = state.payload.panels.map.status === "ok";
      note.textContent = state.payload.panels.map.message || "";
      renderMap("map", state.payload.panels.map, body, state.payload);
    }
  });
  window.addEventListener("resize", function () {
    Object.keys(state.charts).forEach(function (k) {
      state.charts[k].resize();
    });
  });

  function bindMapClicks() {
    var chart = state.charts.map;
    if (chart && !chart.__screenBound) {
      chart.on("click", function (params) {
        if (state.payload && state.payload.can_drill && params.data && params.data.code) {
          go(params.data.code);
        }
      });
      chart.__screenBound = true;
    }
  }

  var hasMap = !!section("map");
  var geo = hasMap
    ? window
        .fetch(root.dataset.geo, { credentials: "same-origin" })
        .then(function (r) {
          return r.json();
        })
        .then(function (json) {
          window.echarts.registerMap("maoming", json);
          state.mapRegistered = true;
        })
    : Promise.resolve();
  geo.then(load);
})();
