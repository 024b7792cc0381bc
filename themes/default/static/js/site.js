/*
 * Small site behaviour, all optional: the search box and print buttons.
 *
 * Search: search-index.js (written by the build) sets window.SCORECARD_SEARCH_INDEX to a list
 * of {title, kind, url, text?} with url relative to the site root. The form in base.html
 * stays hidden until the index is there; results link relative to this page, so the site
 * works from file:// and at any sub-path.
 */
(function () {
  "use strict";

  function rootPrefix(form) {
    // data-search-root is this page's relative link to index.html at the site root.
    var home = form.getAttribute("data-search-root") || "index.html";
    return home.slice(0, home.length - "index.html".length);
  }

  function setupSearch() {
    var form = document.querySelector("form.site-search");
    var index = window.SCORECARD_SEARCH_INDEX;
    if (!form || !index || !index.length) {
      return;
    }
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector(".search-results");
    var prefix = rootPrefix(form);
    form.hidden = false;

    // Case and accents do not matter: "krakow" finds "Kraków" (render.fold does the same
    // to the index's "fold" words).
    var MANY = { "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t" };
    function fold(text) {
      text = String(text || "").toLowerCase();
      if (text.normalize) {
        text = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      }
      return text.replace(/[ßæœþłøđħıŧ]/g, function (c) { return MANY[c]; });
    }

    function show(query) {
      var words = fold(query).split(/\s+/).filter(Boolean);
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      if (!words.length) {
        list.hidden = true;
        return;
      }
      function has(text) {
        text = fold(text);
        return words.every(function (w) { return text.indexOf(w) !== -1; });
      }
      // Entries whose title starts with the query first, then those whose title holds it,
      // then the rest: typing a vendor's name offers its scorecard first.
      var phrase = words.join(" ");
      var tiers = [[], [], []];
      index.forEach(function (entry) {
        var title = fold(entry.title).replace(/\s+/g, " ");
        if (title.indexOf(phrase) === 0) {
          tiers[0].push(entry);
        } else if (has(title)) {
          tiers[1].push(entry);
        } else if (has(entry.fold || (entry.title + " " + (entry.kind || "") + " " + (entry.text || "")))) {
          tiers[2].push(entry);
        }
      });
      var hits = tiers[0].concat(tiers[1], tiers[2]).slice(0, 12);
      hits.forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = prefix + entry.url;
        link.textContent = entry.title;
        var kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = entry.kind || "";
        link.appendChild(kind);
        item.appendChild(link);
        list.appendChild(item);
      });
      if (!hits.length) {
        var none = document.createElement("li");
        none.className = "search-none";
        none.textContent = form.getAttribute("data-no-matches") || "No matches";
        list.appendChild(none);
      }
      list.hidden = false;
    }

    input.addEventListener("input", function () { show(input.value); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        input.value = "";
        show("");
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) {
        window.location.href = first.href;
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) {
        list.hidden = true;
      }
    });
  }

  function setupPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    setupSearch();
    setupPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
