/* Material asks for the search index as soon as a page starts (its search highlighting subscribes to it):
   over http with an XMLHttpRequest for search_index.json, from file:// by adding a <script> for search_index.js.
   Hold either until the reader opens search; a page reached from a search result (?h=) needs it at once. */
(function () {
  "use strict";
  var INDEX = /\/search_index\.(?:json|js)(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var append = Node.prototype.appendChild;
  var waiting = [];
  var released = /[?&]h=/.test(location.search);

  function release() {
    if (released) return;
    released = true;
    waiting.forEach(function (fn) { fn(); });
    waiting = [];
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__kbIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__kbIndex && !released) {
      var xhr = this, args = arguments;
      waiting.push(function () { send.apply(xhr, args); });
      return;
    }
    return send.apply(this, arguments);
  };
  Node.prototype.appendChild = function (child) {
    if (!released && child && child.tagName === "SCRIPT" && INDEX.test(child.src || "")) {
      var parent = this;
      waiting.push(function () { append.call(parent, child); });
      return child;
    }
    return append.call(this, child);
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest('label[for="__search"], .md-search')) release();
  }, true);
  /* What else must wait for the reader to open search (the Blob worker from file://) runs then too. */
  window.kbWhenSearchOpens = function (fn) {
    if (released) fn();
    else waiting.push(fn);
  };
})();
