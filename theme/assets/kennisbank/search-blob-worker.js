/* From file:// the iframe-worker shim runs Material's search worker on the page's main thread, so building the
   index freezes the page. Chromium does allow a Worker made from a Blob there, though it can import nothing: this
   runs the search worker in one, from the texts the build embeds in search-sources.js (loaded when the reader opens
   search). Where that fails, the shim's iframe takes over, with the same messages.
   Loaded before the shim, to keep the browser's Worker: the shim's assignment to window.Worker is caught. */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.Worker !== "function") return;
  var Native = window.Worker;
  var Fallback = null;
  var OURS = /(?:^|\/)assets\/kennisbank\/search-worker\.js(?:[?#]|$)/;
  var SOURCES = "search-sources.js";

  /* Runs inside the Blob worker: importScripts evaluates the embedded texts, by their URL below the site root. */
  function prelude(sources, root, workerUrl) {
    self.kbSearchWorkerUrl = workerUrl;
    self.importScripts = function () {
      for (var i = 0; i < arguments.length; i++) {
        var url = new URL(String(arguments[i]), workerUrl).href;
        var path = url.indexOf(root) === 0 ? url.slice(root.length) : null;
        if (path === null || !Object.prototype.hasOwnProperty.call(sources, path)) {
          throw new Error("search worker: " + url + " is not embedded in search-sources.js");
        }
        (0, eval)(sources[path] + "\n//# sourceURL=" + url);
      }
    };
    /* An error inside a promise (the wrapper loads Material in one) must reach the page, which then falls back. */
    self.addEventListener("unhandledrejection", function (event) {
      setTimeout(function () { throw event.reason; });
    });
    self.importScripts(workerUrl);
  }

  function loadSources(workerUrl, done) {
    if (window.kbSearchSources) return done(null);
    var script = document.createElement("script");
    script.src = new URL(SOURCES, workerUrl).href;
    script.onload = function () { done(window.kbSearchSources ? null : new Error("search-sources.js is empty")); };
    script.onerror = function () { done(new Error("search-sources.js did not load")); };
    document.head.appendChild(script);
  }

  class SearchWorker extends EventTarget {
    constructor(url, options) {
      if (!OURS.test(String(url))) return new Fallback(url, options);
      super();
      this.url = url;
      this.onmessage = null;
      this.onerror = null;
      this.target = null;
      this.sent = [];      /* every message until the worker has answered once: the fallback gets them again */
      this.answered = false;
      this.started = false;
      this.stopped = false;
      /* Start as the reader opens search (when search-lazy.js releases the index), so both load side by side. */
      var that = this;
      if (window.kbWhenSearchOpens) window.kbWhenSearchOpens(function () { if (!that.started) that.start(); });
    }

    postMessage(data) {
      if (this.stopped) return;
      if (!this.answered) this.sent.push(data);
      if (this.target) this.target.postMessage(data);
      else if (!this.started) this.start();
    }

    terminate() {
      this.stopped = true;
      if (this.target) this.target.terminate();
      this.target = null;
    }

    start() {
      this.started = true;
      var that = this;
      var workerUrl = new URL(this.url, document.baseURI).href;
      loadSources(workerUrl, function (error) {
        if (that.stopped) return;
        if (error) return that.fallBack(error);
        var worker;
        try {
          var root = new URL("../../", workerUrl).href;
          var text = "(" + prelude + ")(" + JSON.stringify(window.kbSearchSources) + "," + JSON.stringify(root) + ","
            + JSON.stringify(workerUrl) + ");";
          var blob = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
          worker = new Native(blob);
          URL.revokeObjectURL(blob);
        } catch (err) {
          return that.fallBack(err);
        }
        that.listen(worker, function (event) {
          if (that.answered) return false;
          event.preventDefault();
          worker.terminate();
          that.fallBack(event.error || new Error(event.message));
          return true;
        });
        that.target = worker;
        that.sent.forEach(function (data) { worker.postMessage(data); });
      });
    }

    fallBack(reason) {
      if (window.console) console.warn("search: no Blob worker (" + (reason && reason.message) + "), searching in an iframe");
      var worker = new Fallback(this.url);
      this.listen(worker, function () { return false; });
      this.target = worker;
      this.answered = true;
      var queued = this.sent;
      this.sent = [];
      queued.forEach(function (data) { worker.postMessage(data); });
    }

    /* Pass the worker's messages and errors on; an error that earlyError handles (returns true) is not passed on. */
    listen(worker, earlyError) {
      var that = this;
      worker.addEventListener("message", function (event) {
        that.answered = true;
        that.sent = [];
        that.emit(new MessageEvent("message", { data: event.data }));
      });
      worker.addEventListener("error", function (event) {
        if (earlyError(event)) return;
        that.emit(new ErrorEvent("error", { message: event.message, filename: event.filename, lineno: event.lineno,
                                            colno: event.colno, error: event.error }));
      });
    }

    emit(event) {
      this.dispatchEvent(event);
      var handler = event.type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
    }
  }

  Object.defineProperty(window, "Worker", {
    configurable: true,
    get: function () { return Fallback ? SearchWorker : Native; },
    set: function (shim) { Fallback = shim; }
  });
})();
