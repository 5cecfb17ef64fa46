/* Recommendations explorer: faceted filters, text filter, URL state, print summary, CSV of the selection.
   A classic script (no modules, no fetch) so that it also runs from file://. */
(function () {
  "use strict";

  var FACETS = ["source", "level", "actor", "topic", "region"];

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function Explorer(root) {
    this.root = root;
    this.form = root.querySelector("#kb-filters");
    this.q = root.querySelector("#kb-q");
    this.status = root.querySelector("#kb-status");
    this.empty = root.querySelector("#kb-empty");
    this.themes = Array.prototype.slice.call(root.querySelectorAll(".kb-theme"));
    this.boxes = Array.prototype.slice.call(this.form.querySelectorAll("input[type=checkbox]"));
    this.counts = {};
    var self = this;
    root.querySelectorAll(".kb-count").forEach(function (el) {
      self.counts[el.getAttribute("data-count")] = el;
    });
    this.items = Array.prototype.slice.call(root.querySelectorAll(".kb-rec")).map(function (el) {
      var values = {};
      FACETS.forEach(function (f) {
        values[f] = (el.getAttribute("data-" + f) || "").split(" ").filter(Boolean);
      });
      return { el: el, values: values, text: fold(el.textContent), theme: el.parentNode, shown: true };
    });
    this.total = this.items.length;
  }

  Explorer.prototype.state = function () {
    var state = { q: this.q.value.trim() };
    FACETS.forEach(function (f) { state[f] = []; });
    this.boxes.forEach(function (box) {
      if (box.checked) state[box.name].push(box.value);
    });
    return state;
  };

  Explorer.prototype.setState = function (state) {
    this.q.value = state.q || "";
    this.boxes.forEach(function (box) {
      box.checked = (state[box.name] || []).indexOf(box.value) >= 0;
    });
  };

  function parseHash(hash) {
    var state = { q: "" };
    FACETS.forEach(function (f) { state[f] = []; });
    hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i < 0) return;
      var key = decodeURIComponent(pair.slice(0, i));
      var value = decodeURIComponent(pair.slice(i + 1).replace(/\+/g, " "));
      if (key === "q") state.q = value;
      else if (FACETS.indexOf(key) >= 0) state[key] = value.split(",").filter(Boolean);
    });
    return state;
  }

  function isFilterHash(hash) {
    return hash.indexOf("=") >= 0;
  }

  function toHash(state) {
    var parts = [];
    FACETS.forEach(function (f) {
      if (state[f].length) parts.push(f + "=" + state[f].map(encodeURIComponent).join(","));
    });
    if (state.q) parts.push("q=" + encodeURIComponent(state.q));
    return parts.join("&");
  }

  function matchesFacet(item, state, facet) {
    var wanted = state[facet];
    if (!wanted.length) return true;
    var have = item.values[facet];
    for (var i = 0; i < wanted.length; i++) if (have.indexOf(wanted[i]) >= 0) return true;
    return false;
  }

  Explorer.prototype.apply = function (updateUrl) {
    var state = this.state();
    var words = fold(state.q).split(/\s+/).filter(Boolean);
    var tally = {};
    var shown = 0;
    var i, j, f, item;
    for (i = 0; i < this.items.length; i++) {
      item = this.items[i];
      var textOk = true;
      for (j = 0; j < words.length; j++) {
        if (item.text.indexOf(words[j]) < 0) { textOk = false; break; }
      }
      var fails = 0, failed = null;
      for (j = 0; j < FACETS.length; j++) {
        if (!matchesFacet(item, state, FACETS[j])) { fails++; failed = FACETS[j]; }
      }
      var visible = textOk && fails === 0;
      if (visible !== item.shown) {
        item.el.hidden = !visible;
        item.shown = visible;
      }
      if (visible) shown++;
      if (!textOk || fails > 1) continue;
      for (j = 0; j < FACETS.length; j++) {
        f = FACETS[j];
        if (fails === 1 && failed !== f) continue;
        var vals = item.values[f];
        for (var k = 0; k < vals.length; k++) {
          var key = f + ":" + vals[k];
          tally[key] = (tally[key] || 0) + 1;
        }
      }
    }
    for (var key2 in this.counts) {
      var n = tally[key2] || 0;
      var el = this.counts[key2];
      if (el.textContent !== String(n)) el.textContent = String(n);
      el.parentNode.classList.toggle("kb-zero", n === 0);
    }
    this.themes.forEach(function (theme) {
      theme.hidden = !theme.querySelector(".kb-rec:not([hidden])");
    });
    this.status.textContent = this.root.getAttribute("data-shown").replace("{n}", shown).replace("{m}", this.total);
    this.empty.hidden = shown !== 0;
    this.updatePrintSummary(state);
    if (updateUrl) {
      var hash = toHash(state);
      var url = location.href.replace(/#.*$/, "") + (hash ? "#" + hash : "");
      if (url !== location.href) {
        try { history.replaceState(null, "", url); } catch (e) { location.replace(url); }
      }
    }
    return shown;
  };

  Explorer.prototype.labelsOf = function (state) {
    var self = this, out = [];
    FACETS.forEach(function (f) {
      if (!state[f].length) return;
      var fieldset = self.form.querySelector('[data-facet="' + f + '"]');
      var legend = fieldset.querySelector("legend").textContent;
      var names = state[f].map(function (v) {
        var box = fieldset.querySelector('input[value="' + v + '"]');
        return box ? box.parentNode.querySelector("span").textContent : v;
      });
      out.push(legend + ": " + names.join(", "));
    });
    if (state.q) out.push(this.root.getAttribute("data-words") + ": \u201c" + state.q + "\u201d");
    return out;
  };

  Explorer.prototype.updatePrintSummary = function (state) {
    var labels = this.labelsOf(state);
    this.root.querySelector("#kb-print-filters").textContent = labels.length ? labels.join(" \u00b7 ") : this.root.getAttribute("data-all");
    var lang = this.root.getAttribute("data-lang");
    this.root.querySelector("#kb-print-date").textContent = new Date().toLocaleDateString(lang + "-BE", { year: "numeric", month: "long", day: "numeric" });
  };

  function csvCell(value, formulaStart) {
    value = String(value).replace(/\s+/g, " ").trim();
    if (formulaStart.indexOf(value.charAt(0)) >= 0) value = "'" + value;  // kennisbank/csvsafe.py
    return /[";,\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  Explorer.prototype.rows = function () {
    var rows = [];
    this.items.forEach(function (item) {
      if (!item.shown) return;
      var el = item.el;
      var meta = el.querySelectorAll(".kb-meta dd");
      function chips(dd) {
        return Array.prototype.map.call(dd.querySelectorAll(".kb-chip"), function (c) { return c.textContent; }).join(" | ");
      }
      var related = el.querySelector(".kb-related");
      rows.push([
        el.getAttribute("data-id"),
        el.getAttribute("data-source").toUpperCase(),
        el.getAttribute("data-number"),
        chips(meta[0]),
        item.theme.querySelector("h2").textContent,
        el.querySelector(".kb-rec-text").textContent,
        chips(meta[1]),
        chips(meta[2]),
        chips(meta[3]),
        related ? Array.prototype.map.call(related.querySelectorAll("a"), function (a) { return a.textContent; }).join(" | ") : "",
        el.querySelector(".kb-cite").textContent
      ]);
    });
    return rows;
  };

  Explorer.prototype.download = function () {
    var lang = this.root.getAttribute("data-lang");
    var sep = lang === "en" ? "," : ";";
    var header = this.root.getAttribute("data-columns").split(";");
    var formulaStart = JSON.parse(this.root.getAttribute("data-csv-formula") || "[]");
    var lines = [header].concat(this.rows()).map(function (row) {
      return row.map(function (cell) { return csvCell(cell, formulaStart); }).join(sep);
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "recommendations-selection-" + lang + ".csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  };

  Explorer.prototype.onHash = function () {
    var hash = location.hash;
    if (isFilterHash(hash)) {
      this.setState(parseHash(hash));
      this.apply(false);
      return;
    }
    var target = hash.length > 1 && document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target && target.closest && target.closest("[hidden]")) {
      this.setState(parseHash(""));
      this.apply(false);
      target.scrollIntoView();
    }
  };

  Explorer.prototype.start = function () {
    var self = this;
    this.form.addEventListener("change", function () { self.apply(true); });
    this.q.addEventListener("input", function () { self.apply(true); });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.root.querySelector("#kb-clear").addEventListener("click", function () {
      self.setState(parseHash(""));
      self.apply(true);
      self.q.focus();
    });
    this.root.querySelector("#kb-print").addEventListener("click", function () { window.print(); });
    this.root.querySelector("#kb-download").addEventListener("click", function () { self.download(); });
    window.addEventListener("hashchange", function () { self.onHash(); });
    window.addEventListener("beforeprint", function () { self.updatePrintSummary(self.state()); });
    if (isFilterHash(location.hash)) this.setState(parseHash(location.hash));
    this.apply(false);
    if (location.hash && !isFilterHash(location.hash)) this.onHash();
  };

  function init() {
    var root = document.getElementById("kb-explorer");
    if (root) {
      window.kbExplorer = new Explorer(root);
      window.kbExplorer.start();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
