/* Recommendations explorer: faceted filters, text filter, URL state, active-filter chips, copy link, print header,
   CSV of the selection; and on every page a language switch that keeps the place (the hash).
   A classic script (no modules, no fetch) so that it also runs from file://. */
(function () {
  "use strict";

  var FACETS = ["source", "level", "actor", "topic", "region"];
  var slice = Array.prototype.slice;
  var HERE = document.currentScript ? document.currentScript.src : "";

  /* The QR encoder is only needed for the printed selection: load it once, after the page is usable. */
  var qrLoading = null;
  function loadQR(then) {
    if (window.kbQR) { then(); return; }
    if (!qrLoading) {
      qrLoading = [];
      var script = document.createElement("script");
      script.src = HERE.replace(/site\.js(\?.*)?$/, "qr.js");
      script.onload = function () { qrLoading.forEach(function (fn) { fn(); }); };
      document.head.appendChild(script);
    }
    qrLoading.push(then);
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  /* The language menu links the same page in the other languages; the hash (a recommendation, a section,
     a selection) is the same in every language, so it goes along. */
  function syncLanguageLinks() {
    var links = document.querySelectorAll("a.md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (!a.hasAttribute("data-kb-base")) a.setAttribute("data-kb-base", a.getAttribute("href").replace(/#.*$/, ""));
      var href = a.getAttribute("data-kb-base") + location.hash;
      if (a.getAttribute("href") !== href) a.setAttribute("href", href);
    }
  }

  function Explorer(root) {
    this.root = root;
    this.form = root.querySelector("#kb-filters");
    this.q = root.querySelector("#kb-q");
    this.status = root.querySelector("#kb-status");
    this.empty = root.querySelector("#kb-empty");
    this.openButton = root.querySelector("#kb-open");
    this.applyButton = root.querySelector("#kb-apply");
    this.active = root.querySelector("#kb-active");
    this.activeList = root.querySelector("#kb-active-list");
    this.notice = root.querySelector("#kb-notice");
    this.copied = root.querySelector("#kb-copied");
    this.boxes = slice.call(this.form.querySelectorAll("input[type=checkbox]"));
    this.total = +root.getAttribute("data-total");
    this.counts = {};
    this.labels = {};
    this.legends = {};
    var self = this;
    FACETS.forEach(function (f) { self.labels[f] = {}; });
    this.boxes.forEach(function (box) {
      var label = box.parentNode;
      self.labels[box.name][box.value] = label.querySelector(".kb-label").textContent;
      self.counts[box.name + ":" + box.value] = label.querySelector(".kb-count");
    });
    slice.call(this.form.querySelectorAll(".kb-facet")).forEach(function (fs) {
      self.legends[fs.getAttribute("data-facet")] = fs.querySelector("legend").textContent;
    });
    this.themes = slice.call(root.querySelectorAll(".kb-theme")).map(function (el) { return { el: el, shown: 0, hidden: false }; });
    this.byId = {};
    this.items = [];
    this.themes.forEach(function (theme) {
      slice.call(theme.el.querySelectorAll(".kb-rec")).forEach(function (el) {
        var values = {};
        FACETS.forEach(function (f) {
          values[f] = (el.getAttribute("data-" + f) || "").split(" ").filter(Boolean);
        });
        var item = { el: el, values: values, text: null, theme: theme, shown: true };
        self.items.push(item);
        self.byId[el.getAttribute("data-id")] = item;
      });
    });
    this.lastState = null;
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

  function filterCount(state) {
    var n = state.q ? 1 : 0;
    FACETS.forEach(function (f) { n += state[f].length; });
    return n;
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
    for (i = 0; i < this.themes.length; i++) this.themes[i].shown = 0;
    for (i = 0; i < this.items.length; i++) {
      item = this.items[i];
      var textOk = true;
      if (words.length && item.text === null) item.text = fold(item.el.textContent);
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
      if (visible) { shown++; item.theme.shown++; }
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
      if (el.textContent !== String(n)) {
        el.textContent = String(n);
        el.parentNode.classList.toggle("kb-zero", n === 0);
      }
    }
    this.themes.forEach(function (theme) {
      var hide = theme.shown === 0;
      if (hide !== theme.hidden) { theme.el.hidden = hide; theme.hidden = hide; }
    });
    var root = this.root;
    this.status.textContent = fill(root.getAttribute("data-shown"), { n: shown, m: this.total });
    this.empty.hidden = shown !== 0;
    var active = filterCount(state);
    this.openButton.textContent = fill(root.getAttribute("data-filters-button"), { n: active });
    this.applyButton.textContent = fill(root.getAttribute("data-show-results"), { n: shown });
    this.shownCount = shown;
    this.renderActive(state);
    this.printText(state);
    this.lastState = state;
    if (updateUrl) this.scheduleUrl();
    this.schedulePrintSummary();
    return shown;
  };

  /* The address follows the selection once the list has been painted: history.replaceState costs as much as
     the filtering itself on a slow PC. */
  Explorer.prototype.scheduleUrl = function () {
    var self = this;
    this.urlDue = true;
    requestAnimationFrame(function () { setTimeout(function () { self.flushUrl(); }, 0); });
  };

  Explorer.prototype.cancelUrl = function () {
    this.urlDue = false;
  };

  /* Also before the address is used (a language link, leaving the page): write it now if it is still due. */
  Explorer.prototype.flushUrl = function () {
    if (this.urlDue) { this.urlDue = false; this.writeUrl(); }
  };

  Explorer.prototype.writeUrl = function () {
    var hash = toHash(this.state());
    var url = location.href.replace(/#.*$/, "") + (hash ? "#" + hash : "");
    if (url !== location.href) {
      try { history.replaceState(null, "", url); } catch (e) { location.replace(url); }
    }
    syncLanguageLinks();
  };

  Explorer.prototype.renderActive = function (state) {
    var self = this, root = this.root;
    var key = toHash(state);
    if (key === this.activeKey) return;
    this.activeKey = key;
    var list = this.activeList;
    list.textContent = "";
    FACETS.forEach(function (f) {
      state[f].forEach(function (v) {
        var label = self.labels[f][v] || v;
        list.appendChild(chip(self.legends[f] + ": " + label, f, v));
      });
    });
    if (state.q) list.appendChild(chip(root.getAttribute("data-words") + ": \u201c" + state.q + "\u201d", "q", ""));
    this.active.hidden = !list.firstChild;

    function chip(text, facet, value) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-active-chip";
      button.setAttribute("data-facet", facet);
      button.setAttribute("data-value", value);
      button.setAttribute("aria-label", fill(root.getAttribute("data-remove"), { label: text }));
      button.appendChild(document.createTextNode(text + " "));
      var x = document.createElement("span");
      x.setAttribute("aria-hidden", "true");
      x.textContent = "\u00d7";
      button.appendChild(x);
      li.appendChild(button);
      return li;
    }
  };

  Explorer.prototype.labelsOf = function (state) {
    var self = this, out = [];
    FACETS.forEach(function (f) {
      if (!state[f].length) return;
      out.push(self.legends[f] + ": " + state[f].map(function (v) { return self.labels[f][v] || v; }).join(", "));
    });
    if (state.q) out.push(this.root.getAttribute("data-words") + ": \u201c" + state.q + "\u201d");
    return out;
  };

  /* The address to share: the page itself over http(s); from the offline copy, the public site. */
  Explorer.prototype.publicUrl = function (hash) {
    var base;
    if (/^https?:$/.test(location.protocol)) base = location.href.replace(/[?#].*$/, "");
    else base = this.root.getAttribute("data-site-url") + this.root.getAttribute("data-page-path");
    return base + (hash ? "#" + hash.replace(/^#/, "") : "");
  };

  /* The print header (and its QR code) follows the selection when the page is idle, so that it is ready for
     any way of printing, without slowing down filtering or typing. */
  Explorer.prototype.schedulePrintSummary = function () {
    var self = this;
    clearTimeout(this.printTimer);
    this.printTimer = setTimeout(function () {
      if (window.requestIdleCallback) requestIdleCallback(function () { self.updatePrintSummary(); }, { timeout: 2000 });
      else self.updatePrintSummary();
    }, 500);
  };

  /* The folded text of each card, for the text filter: read in small slices while the page is idle. */
  Explorer.prototype.prepareTexts = function () {
    var items = this.items, i = 0;
    function slice(deadline) {
      while (i < items.length && (!deadline || deadline.timeRemaining() > 2)) {
        if (items[i].text === null) items[i].text = fold(items[i].el.textContent);
        i++;
      }
      if (i < items.length) schedule();
    }
    function schedule() {
      if (window.requestIdleCallback) requestIdleCallback(slice);
      else setTimeout(function () { slice(null); }, 50);
    }
    schedule();
  };

  Explorer.prototype.printText = function (state) {
    var root = this.root;
    var labels = this.labelsOf(state);
    var url = this.publicUrl(toHash(state));
    root.querySelector("#kb-print-filters").textContent = labels.length ? labels.join(" \u00b7 ") : root.getAttribute("data-all");
    root.querySelector("#kb-print-count").textContent = fill(root.getAttribute("data-shown"), { n: this.shownCount, m: this.total });
    root.querySelector("#kb-print-link").textContent = url;
    return url;
  };

  Explorer.prototype.updatePrintSummary = function () {
    clearTimeout(this.printTimer);
    var root = this.root;
    var url = this.publicUrl(toHash(this.state()));  // the texts follow the selection already (apply)
    // Day, month, year as the three languages write them; not toLocaleDateString, whose first call takes a
    // sixth of a second on a slow PC.
    var today = new Date();
    var date = today.getDate() + " " + root.getAttribute("data-months").split(" ")[today.getMonth()] + " " + today.getFullYear();
    var dateEl = root.querySelector("#kb-print-date");
    if (dateEl.textContent !== date) dateEl.textContent = date;
    var qr = root.querySelector("#kb-print-qr");
    if (qr.getAttribute("data-url") === url) return;
    if (!window.kbQR) { loadQR(this.updatePrintSummary.bind(this)); return; }
    qr.innerHTML = window.kbQR.svg(url, 4);
    qr.setAttribute("data-url", url);
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
        item.theme.el.querySelector("h2").textContent,
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

  Explorer.prototype.copy = function (url) {
    var self = this, root = this.root;
    function done() {
      self.copied.textContent = root.getAttribute("data-copied") + " " + url;
      self.copied.setAttribute("data-url", url);
    }
    function byHand() {
      self.copied.textContent = root.getAttribute("data-copy-by-hand") + " ";
      var input = document.createElement("input");
      input.type = "text";
      input.readOnly = true;
      input.value = url;
      input.className = "kb-copy-input";
      input.setAttribute("aria-label", root.getAttribute("data-copy-by-hand"));
      self.copied.appendChild(input);
      self.copied.setAttribute("data-url", url);
      input.focus();
      input.select();
    }
    function legacy() {
      var area = document.createElement("textarea");
      area.value = url;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) done(); else byHand();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(done, legacy);
    } else {
      legacy();
    }
  };

  Explorer.prototype.scrollToResults = function () {
    var bar = this.root.querySelector("#kb-bar");
    var top = bar.getBoundingClientRect().top;
    var headerHeight = document.querySelector(".md-header") ? document.querySelector(".md-header").offsetHeight : 0;
    if (top < headerHeight || top > window.innerHeight / 2) {
      window.scrollTo(0, window.pageYOffset + this.root.querySelector(".kb-layout").getBoundingClientRect().top - headerHeight);
    }
  };

  Explorer.prototype.goTo = function (id, focus) {
    var item = this.byId[id];
    if (!item) return;
    var heading = document.getElementById(id);
    item.el.classList.remove("kb-flash");
    void item.el.offsetWidth;
    item.el.classList.add("kb-flash");
    heading.scrollIntoView({ block: "start" });
    if (focus) {
      var link = heading.querySelector("a");
      if (link) link.focus({ preventScroll: true });
    }
  };

  Explorer.prototype.related = function (id) {
    var item = this.byId[id];
    if (!item) return;
    if (item.shown) {
      this.notice.hidden = true;
      this.goTo(id, true);
      return;
    }
    var name = item.el.querySelector(".kb-permalink").textContent;
    this.root.querySelector("#kb-notice-text").textContent = fill(this.root.getAttribute("data-outside"), { name: name });
    this.notice.setAttribute("data-target", id);
    this.notice.hidden = false;
    this.root.querySelector("#kb-notice-show").focus({ preventScroll: true });
    var rect = this.notice.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) this.notice.scrollIntoView({ block: "center" });
  };

  Explorer.prototype.showOutside = function () {
    var id = this.notice.getAttribute("data-target");
    this.notice.hidden = true;
    this.cancelUrl();
    // A new history entry: Back returns to the selection.
    try { history.pushState(null, "", location.href.replace(/#.*$/, "") + "#" + id); } catch (e) { location.hash = id; }
    this.setState(parseHash(""));
    this.apply(false);
    syncLanguageLinks();
    this.goTo(id, true);
  };

  Explorer.prototype.setPanel = function (open) {
    this.root.classList.toggle("kb-side-open", open);
    this.openButton.setAttribute("aria-expanded", open ? "true" : "false");
    document.documentElement.classList.toggle("kb-noscroll", open);
    if (open) this.root.querySelector(".kb-side-title").focus();
  };

  Explorer.prototype.onHash = function () {
    var hash = location.hash;
    this.cancelUrl();
    syncLanguageLinks();
    if (isFilterHash(hash)) {
      this.setState(parseHash(hash));
      this.apply(false);
      return;
    }
    var id = hash.length > 1 ? decodeURIComponent(hash.slice(1)) : "";
    var item = this.byId[id];
    if (item && !item.shown) {
      this.setState(parseHash(""));
      this.apply(false);
      this.goTo(id, false);
    }
  };

  Explorer.prototype.filterFacet = function (fieldset, query) {
    var words = fold(query).trim();
    fieldset.classList.toggle("kb-finding", !!words);
    slice.call(fieldset.querySelectorAll(".kb-option")).forEach(function (label) {
      var match = !words || fold(label.querySelector(".kb-label").textContent).indexOf(words) >= 0;
      label.classList.toggle("kb-found", !!words && match);
    });
  };

  Explorer.prototype.start = function () {
    var self = this, root = this.root;
    this.form.addEventListener("change", function (e) {
      if (e.target.type === "checkbox") self.apply(true);
    });
    var typing = null;
    this.q.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { self.apply(true); }, 60);
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.form.addEventListener("input", function (e) {
      if (e.target.classList.contains("kb-facet-find")) self.filterFacet(e.target.closest(".kb-facet"), e.target.value);
    });
    this.form.addEventListener("click", function (e) {
      var more = e.target.closest(".kb-toggle-more");
      if (!more) return;
      var fs = more.closest(".kb-facet");
      var open = !fs.classList.contains("kb-expanded");
      fs.classList.toggle("kb-expanded", open);
      more.setAttribute("aria-expanded", open ? "true" : "false");
      more.textContent = open ? root.getAttribute("data-less") : fill(root.getAttribute("data-more"), { n: more.getAttribute("data-count") });
    });
    root.querySelector("#kb-clear").addEventListener("click", function () {
      self.setState(parseHash(""));
      self.apply(true);
      self.q.focus({ preventScroll: true });
    });
    this.activeList.addEventListener("click", function (e) {
      var button = e.target.closest(".kb-active-chip");
      if (!button) return;
      var facet = button.getAttribute("data-facet"), value = button.getAttribute("data-value");
      if (facet === "q") self.q.value = "";
      else self.boxes.forEach(function (box) { if (box.name === facet && box.value === value) box.checked = false; });
      self.apply(true);
      var next = self.activeList.querySelector(".kb-active-chip");
      (next || self.q).focus({ preventScroll: true });
    });
    root.querySelector("#kb-results").addEventListener("click", function (e) {
      var a = e.target.closest("a");
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      if (a.classList.contains("kb-chip")) {
        e.preventDefault();
        var pair = a.getAttribute("href").slice(1).split("=");
        self.boxes.forEach(function (box) { if (box.name === pair[0] && box.value === pair[1]) box.checked = true; });
        self.apply(true);
        self.scrollToResults();
        self.status.focus({ preventScroll: true });
      } else if (a.hasAttribute("data-rel")) {
        e.preventDefault();
        self.related(a.getAttribute("data-rel"));
      }
    });
    root.addEventListener("click", function (e) {
      var button = e.target.closest("[data-copy]");
      if (!button) return;
      var id = button.getAttribute("data-copy");
      self.copy(self.publicUrl(id || toHash(self.state())));
    });
    root.querySelector("#kb-notice-show").addEventListener("click", function () { self.showOutside(); });
    root.querySelector("#kb-notice-stay").addEventListener("click", function () { self.notice.hidden = true; });
    this.openButton.addEventListener("click", function () { self.setPanel(!root.classList.contains("kb-side-open")); });
    root.querySelector("#kb-close").addEventListener("click", function () { self.setPanel(false); self.openButton.focus(); });
    this.applyButton.addEventListener("click", function () {
      self.setPanel(false);
      self.scrollToResults();
      self.openButton.focus({ preventScroll: true });
    });
    root.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && root.classList.contains("kb-side-open")) { self.setPanel(false); self.openButton.focus(); }
    });
    root.querySelector("#kb-print").addEventListener("click", function () { self.updatePrintSummary(); window.print(); });
    root.querySelector("#kb-download").addEventListener("click", function () { self.download(); });
    window.addEventListener("hashchange", function () { self.onHash(); });
    window.addEventListener("popstate", function () { self.onHash(); });
    window.addEventListener("beforeprint", function () { self.updatePrintSummary(); });
    window.addEventListener("pagehide", function () { self.flushUrl(); });
    if (isFilterHash(location.hash)) this.setState(parseHash(location.hash));
    this.apply(false);
    if (location.hash && !isFilterHash(location.hash)) {
      this.onHash();
      // The browser scrolled to the card before the sticky bar and the cards above had their size: place it again.
      var id = decodeURIComponent(location.hash.slice(1));
      if (this.byId[id]) requestAnimationFrame(function () { self.goTo(id, false); });
    }
    root.classList.add("kb-ready");
    this.prepareTexts();
    if (window.performance && performance.mark) performance.mark("kb-explorer-ready");
  };

  /* Abbreviations: one tooltip for the whole page, shown on hover and keyboard focus, that links to the
     glossary entry (data-title instead of title, so that the browser does not show its own tooltip as well). */
  function Tooltips() {
    var tip = null, owner = null, hideTimer = null;
    function build() {
      tip = document.createElement("div");
      tip.id = "kb-tip";
      tip.className = "kb-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.appendChild(document.createElement("a"));
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", function () { hideSoon(); });
      document.body.appendChild(tip);
    }
    function show(a) {
      if (!tip) build();
      clearTimeout(hideTimer);
      if (owner && owner !== a) owner.removeAttribute("aria-describedby");
      owner = a;
      var link = tip.firstChild;
      link.textContent = a.getAttribute("data-title");
      link.href = a.href;
      link.tabIndex = -1;
      tip.hidden = false;
      a.setAttribute("aria-describedby", "kb-tip");
      var r = a.getBoundingClientRect();
      var width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
      var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
      tip.style.left = left + window.pageXOffset + "px";
      tip.style.top = r.bottom + window.pageYOffset + 6 + "px";
    }
    function hide() {
      clearTimeout(hideTimer);
      if (tip) tip.hidden = true;
      if (owner) owner.removeAttribute("aria-describedby");
      owner = null;
    }
    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 400);
    }
    function abbr(target) { return target && target.closest ? target.closest("a.kb-abbr[data-title]") : null; }
    document.addEventListener("mouseover", function (e) { var a = abbr(e.target); if (a) show(a); });
    document.addEventListener("mouseout", function (e) { if (abbr(e.target)) hideSoon(); });
    document.addEventListener("focusin", function (e) { var a = abbr(e.target); if (a) show(a); else if (!tip || !tip.contains(e.target)) hide(); });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape" && owner) hide(); });
  }

  function init() {
    Tooltips();
    syncLanguageLinks();
    window.addEventListener("hashchange", syncLanguageLinks);
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a.md-select__link[hreflang]");
      if (a && window.kbExplorer) window.kbExplorer.flushUrl();
      if (a) syncLanguageLinks();
    }, true);
    var root = document.getElementById("kb-explorer");
    if (root) {
      window.kbExplorer = new Explorer(root);
      window.kbExplorer.start();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
