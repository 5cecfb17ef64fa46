/* Material's tooltips (content.tooltips) put an element's title into the page as HTML (innerHTML), and it
   fills titles from text (a shortened navigation label's innerText), so a title holding "<img onerror=...>"
   would run. This wrapper hands scripts that read `element.title` the HTML-escaped text, so the tooltip shows
   the text as written; when Material puts the title back with setAttribute, the original text is restored.
   The attribute itself, which browsers and screen readers use, never changes. Loaded before Material. */
(function () {
  "use strict";
  var desc = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "title");
  if (!desc || !desc.get) return;
  var handedOut = typeof WeakMap === "function" ? new WeakMap() : null;
  if (!handedOut) return;
  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  Object.defineProperty(HTMLElement.prototype, "title", {
    configurable: true,
    enumerable: desc.enumerable,
    get: function () {
      var text = desc.get.call(this);
      var safe = escapeHtml(text);
      if (safe !== text) handedOut.set(this, [safe, text]);
      return safe;
    },
    set: function (value) { desc.set.call(this, value); }
  });
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (String(name).toLowerCase() === "title") {
      var handed = handedOut.get(this);
      if (handed && value === handed[0]) value = handed[1];
    }
    return setAttribute.call(this, name, value);
  };
})();
