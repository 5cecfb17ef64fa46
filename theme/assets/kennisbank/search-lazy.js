/* Material requests the search index when the page starts; hold that request until the reader opens search.
   (From file:// Material already waits for the search toggle and loads search_index.js then.) */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    waiting.forEach(function (item) { send.apply(item[0], item[1]); });
    waiting = [];
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__kbIndex = /\/search_index\.json(?:[?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__kbIndex && !released) { waiting.push([this, arguments]); return; }
    return send.apply(this, arguments);
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
  window.kbReleaseSearch = release;
})();
