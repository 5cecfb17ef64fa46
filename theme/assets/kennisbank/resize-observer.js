/* A small ResizeObserver for browsers that lack one. Material loads its polyfill from unpkg.com when
   ResizeObserver is undefined; with this script loaded first (extra.polyfills), it never does. ES5 on purpose. */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "undefined") return;
  var observers = [];
  var pending = false;

  function size(el) {
    var r = el.getBoundingClientRect();
    return { x: 0, y: 0, top: 0, left: 0, width: r.width, height: r.height, right: r.width, bottom: r.height };
  }

  function check() {
    observers.slice().forEach(function (observer) {
      var entries = [];
      observer.targets.forEach(function (t) {
        var rect = size(t.el);
        if (rect.width !== t.width || rect.height !== t.height) {
          t.width = rect.width;
          t.height = rect.height;
          entries.push({ target: t.el, contentRect: rect });
        }
      });
      if (entries.length) observer.callback.call(observer, entries, observer);
    });
  }

  function schedule() {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; check(); }, 0);
  }

  function ResizeObserver(callback) {
    this.callback = callback;
    this.targets = [];
  }
  ResizeObserver.prototype.observe = function (el) {
    for (var i = 0; i < this.targets.length; i++) if (this.targets[i].el === el) return;
    this.targets.push({ el: el, width: -1, height: -1 });
    if (observers.indexOf(this) < 0) observers.push(this);
    schedule();
  };
  ResizeObserver.prototype.unobserve = function (el) {
    this.targets = this.targets.filter(function (t) { return t.el !== el; });
  };
  ResizeObserver.prototype.disconnect = function () {
    var self = this;
    this.targets = [];
    observers = observers.filter(function (o) { return o !== self; });
  };

  window.addEventListener("resize", schedule);
  window.addEventListener("load", schedule);
  setInterval(check, 250);
  window.ResizeObserver = ResizeObserver;
})();
