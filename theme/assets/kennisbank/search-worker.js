/* A thin wrapper around Material's search worker (loaded unchanged, on the first message):
   - accents are folded on both sides, so "interprete" finds "interprète";
   - each word of a query is cut to its stem when the stem begins it (Material matches words by their start),
     so Dutch "methadone" also finds "methadon";
   - the worker script and its language files load only when the reader opens search.
   Runs as a Worker over http; from file://, in a Worker made from a Blob (search-blob-worker.js, which names this
   script's own URL in kbSearchWorkerUrl) or else inside the iframe-worker shim (classic script, no modules). */
(function () {
  "use strict";
  var MATERIAL = "../javascripts/workers/search.a7633da7.min.js";
  var here = self.kbSearchWorkerUrl || (self.document && document.currentScript && document.currentScript.src) || self.location.href;
  var materialUrl = new URL(MATERIAL, here).href;
  var lunrBase = new URL("../lunr/", materialUrl).href;
  var realImport = self.importScripts;
  var realAdd = self.addEventListener;
  var handler = null;
  var loading = null;
  var lang = "en";

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* Material resolves its language files against its own folder; from here they are one folder up. */
  self.importScripts = function () {
    var urls = Array.prototype.map.call(arguments, function (url) {
      var at = String(url).indexOf("/lunr/");
      return at >= 0 ? lunrBase + String(url).slice(at + 6) : url;
    });
    return realImport.apply(self, urls);
  };

  function patchLunr() {
    var lunr = self.lunr;
    if (!lunr || lunr.__kbFolded) return;
    lunr.__kbFolded = true;
    var foldToken = function (token) {
      return token.update(function (s) { return fold(s).toLowerCase(); });
    };
    lunr.Pipeline.registerFunction(foldToken, "kbFold");
    var add = lunr.Builder.prototype.add;
    lunr.Builder.prototype.add = function () {
      if (!this.__kbFold) {
        this.__kbFold = true;
        this.pipeline._stack.unshift(foldToken);
        this.searchPipeline._stack.unshift(foldToken);
      }
      return add.apply(this, arguments);
    };
  }

  function load() {
    if (!loading) {
      self.addEventListener = function (type, fn, options) {
        if (type === "message" && !handler) { handler = fn; return; }
        return realAdd.call(self, type, fn, options);
      };
      loading = Promise.resolve(realImport.call(self, materialUrl)).then(function () {
        self.addEventListener = realAdd;
        patchLunr();
      });
    }
    return loading;
  }

  function stemmer() {
    var lunr = self.lunr;
    var space = lang === "en" ? lunr : lunr[lang];
    return space && space.stemmer;
  }

  function prepare(query) {
    var stem = stemmer();
    return fold(query).replace(/[\p{L}\p{N}]+/gu, function (word, at, all) {
      if (!stem || word.length < 5 || /[:^~*+-]$/.test(all.slice(0, at)) || all.charAt(at + word.length) === ":") return word;
      var cut = stem(new self.lunr.Token(word.toLowerCase())).toString();
      return cut.length >= 4 && word.toLowerCase().indexOf(cut) === 0 ? cut : word;
    });
  }

  realAdd.call(self, "message", function (event) {
    var message = event.data;
    if (message && message.type === 0 && message.data && message.data.config) {
      lang = message.data.config.lang[0] || "en";
    }
    load().then(function () {
      if (message && message.type === 2 && typeof message.data === "string") {
        message = { type: 2, data: prepare(message.data) };
      }
      handler({ data: message });
    });
  });
})();
