/*
 * Interactive charts on top of the pre-rendered SVG, when scripts run.
 *
 * Page contract (see _macros.html):
 *   <div class="chart-svg" data-chart="spec-KEY"> ...pre-rendered <svg class="chart-image"> </div>
 *   <script type="application/json" id="spec-KEY">{ ...Vega-Lite spec with inline data... }</script>
 *
 * Each chart is re-drawn from its spec with the offline Vega bundle (js/vega-bundle.js,
 * loaded first) in a hidden box; only once that has worked does the live chart, which adds
 * tooltips, replace the picture. On any failure the pre-rendered SVG simply stays. Nothing
 * here touches the network: the specs hold their data and reference no URL.
 */
(function () {
  "use strict";

  var embed = window.vegaEmbed;
  if (typeof embed !== "function" || !document.querySelectorAll || !window.JSON) {
    return;
  }

  var OPTIONS = {
    renderer: "svg",
    actions: false,
    defaultStyle: false,
    tooltip: { theme: "light" },
    hover: true
  };

  function upgrade(box) {
    if (box.getAttribute("data-chart-live")) {
      return;
    }
    box.setAttribute("data-chart-live", "pending");
    // The spec is the JSON script of this chart's own figure, never another element that
    // happens to carry its id.
    var figure = box.parentNode;
    var source = null;
    Array.prototype.forEach.call(figure.querySelectorAll("script.chart-spec"), function (el) {
      if (el.id === box.getAttribute("data-chart") && el.parentNode === figure) {
        source = el;
      }
    });
    if (!source || source.type !== "application/json") {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (err) {
      return;
    }
    var live = document.createElement("div");
    live.className = "chart-live";
    live.hidden = true;
    box.appendChild(live);

    var options = OPTIONS;
    var meta = spec.usermeta || {};
    if (meta.format_locale && meta.time_format_locale) {
      // the site's number formats and month names, as in the pre-rendered SVG
      options = Object.assign({}, OPTIONS, {
        formatLocale: meta.format_locale,
        timeFormatLocale: meta.time_format_locale
      });
    }
    var done;
    try {
      done = embed(live, spec, options);
    } catch (err) {
      box.removeChild(live);
      return;
    }
    done.then(function () {
      var fresh = live.querySelector("svg");
      var old = box.querySelector("svg.chart-image");
      if (!fresh) {
        throw new Error("no svg");
      }
      fresh.setAttribute("class", "chart-image");
      // As in the pre-rendered picture: one labelled image, no ARIA on the marks inside.
      var marks = fresh.querySelectorAll("[role], [aria-roledescription], [aria-label]");
      Array.prototype.forEach.call(marks, function (el) {
        el.removeAttribute("role");
        el.removeAttribute("aria-roledescription");
        el.removeAttribute("aria-label");
      });
      fresh.removeAttribute("aria-roledescription");
      if (old) {
        ["role", "aria-label"].forEach(function (name) {
          if (old.hasAttribute(name)) {
            fresh.setAttribute(name, old.getAttribute(name));
          }
        });
        old.parentNode.removeChild(old);
      }
      live.hidden = false;
      box.setAttribute("data-chart-live", "yes");
    }).catch(function () {
      if (live.parentNode) {
        live.parentNode.removeChild(live);
      }
      box.setAttribute("data-chart-live", "failed");
    });
  }

  function start() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
    if (!("IntersectionObserver" in window)) {
      boxes.forEach(upgrade);
      return;
    }
    // Draw charts as they come near the viewport: long scorecards stay quick to open.
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          upgrade(entry.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    boxes.forEach(function (box) { observer.observe(box); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
