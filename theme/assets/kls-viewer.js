/* kls diagram viewer: fit, zoom and pan for the static SVG diagrams kls draws.
 *
 * Plain JavaScript, no libraries: the diagram is already drawn (site_build/diagram), this
 * only moves it. Without JavaScript the SVG shows at its real size in a scroll box; with it
 * the diagram fits its column on load and the controls that site_build/pages/embed.py
 * wrote (with their Swedish labels) appear: "Zooma in", "Zooma ut", "Anpassa", "Helskärm".
 * Drag pans, pinch zooms on touch, the mouse wheel zooms only with Ctrl (so the page still
 * scrolls), + - 0 and the arrow keys work on the focused diagram. Zoomed in, a minimap in
 * the corner shows where the view is and moves it when clicked. A link to an activity
 * (#id in the address) highlights its shape and brings it into view. Printing always prints
 * the whole diagram: the zoom is a transform that the print stylesheet switches off.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var STEP = 1.25; // one press of "Zooma in"
  var MOST_PX = 3; // zoom stops at 3 screen pixels per unit of the drawing
  var DRAG_PX = 4; // a pointer that moves less than this is a click, more is a drag
  var viewers = [];

  function Viewer(root) {
    this.root = root;
    this.box = root.querySelector(".kls-diagram");
    this.svg = this.box && this.box.querySelector("svg");
    var content = this.svg && this.svg.querySelector(".kls-viewport");
    var bar = root.querySelector(".kls-viewer__bar");
    var vb = content && this.svg.viewBox.baseVal;
    if (!bar || !vb || !vb.width || !vb.height) {
      this.svg = null;  // not a diagram kls drew: leave it as it is
      return;
    }
    this.vb = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    // Zoom and pan move a group around the drawing; the drawing itself is never touched.
    this.pan = document.createElementNS(SVG_NS, "g");
    this.pan.setAttribute("class", "kls-pan");
    content.parentNode.insertBefore(this.pan, content);
    this.pan.appendChild(content);
    this.k = 1;
    this.tx = 0;
    this.ty = 0;
    this.pointers = new Map();
    this.buttons = {};
    var self = this;
    Array.prototype.forEach.call(bar.querySelectorAll("[data-kls-action]"), function (b) {
      self.buttons[b.getAttribute("data-kls-action")] = b;
      b.addEventListener("click", function () { self.act(b.getAttribute("data-kls-action")); });
    });
    this.fullLabel = this.buttons.fullscreen ? this.buttons.fullscreen.textContent : "";
    this.listen();
    bar.hidden = false;
    root.classList.add("kls-viewer--on");
    this.apply();
  }

  Viewer.prototype.act = function (action) {
    if (action === "zoom-in") {
      this.zoomAt(STEP, this.centre());
    } else if (action === "zoom-out") {
      this.zoomAt(1 / STEP, this.centre());
    } else if (action === "fit") {
      this.fit();
    } else if (action === "fullscreen") {
      this.toggleFullscreen();
    }
  };

  // -- geometry: the pan group's transform is translate(tx, ty) scale(k), in the units of the
  //    SVG's viewBox; k = 1 is the whole diagram fitted to its box.

  Viewer.prototype.pxPerUnit = function () {
    var m = this.svg.getScreenCTM();
    return m ? m.a : 1;
  };

  Viewer.prototype.most = function () {
    return Math.max(2, MOST_PX / this.pxPerUnit());
  };

  Viewer.prototype.toDrawing = function (clientX, clientY) {
    var m = this.svg.getScreenCTM();
    var p = this.svg.createSVGPoint();
    p.x = clientX;
    p.y = clientY;
    return m ? p.matrixTransform(m.inverse()) : p;
  };

  Viewer.prototype.centre = function () {
    var r = this.svg.getBoundingClientRect();
    return this.toDrawing(r.left + r.width / 2, r.top + r.height / 2);
  };

  Viewer.prototype.zoomAt = function (factor, p) {
    var k = Math.min(this.most(), Math.max(1, this.k * factor));
    this.tx = p.x - (p.x - this.tx) * k / this.k;
    this.ty = p.y - (p.y - this.ty) * k / this.k;
    this.k = k;
    this.apply();
  };

  Viewer.prototype.panBy = function (dxPx, dyPx) {
    var s = this.pxPerUnit();
    this.tx += dxPx / s;
    this.ty += dyPx / s;
    this.apply();
  };

  Viewer.prototype.fit = function () {
    this.k = 1;
    this.tx = 0;
    this.ty = 0;
    this.apply();
  };

  Viewer.prototype.apply = function () {
    // Keep the drawing covering the box: never pan past its edges.
    var vb = this.vb;
    var k = this.k;
    this.tx = Math.min((1 - k) * vb.x, Math.max((1 - k) * (vb.x + vb.w), this.tx));
    this.ty = Math.min((1 - k) * vb.y, Math.max((1 - k) * (vb.y + vb.h), this.ty));
    this.pan.setAttribute("transform", "translate(" + this.tx + " " + this.ty + ") scale(" + k + ")");
    this.root.classList.toggle("kls-viewer--zoomed", k > 1.0001);
    this.root.setAttribute("data-kls-zoom", k.toFixed(3));
    if (k > 1.0001 || this.mini) {
      this.showView();
    }
    this.disable("zoom-out", k <= 1.0001);
    this.disable("zoom-in", k >= this.most() - 0.0001);
  };

  Viewer.prototype.disable = function (action, off) {
    // aria-disabled, not disabled: a keyboard user's focus stays on the button.
    var b = this.buttons[action];
    if (b) {
      b.setAttribute("aria-disabled", off ? "true" : "false");
    }
  };

  // -- input --------------------------------------------------------------------------------

  Viewer.prototype.listen = function () {
    var self = this;
    var svg = this.svg;
    svg.addEventListener("pointerdown", function (e) { self.down(e); });
    svg.addEventListener("pointermove", function (e) { self.move(e); });
    svg.addEventListener("pointerup", function (e) { self.up(e); });
    svg.addEventListener("pointercancel", function (e) { self.up(e); });
    svg.addEventListener("dragstart", function (e) { e.preventDefault(); });
    // A drag that ended over a link must not follow it.
    this.root.addEventListener("click", function (e) {
      if (self.dragged) {
        e.preventDefault();
        e.stopPropagation();
      }
    }, true);
    svg.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !e.metaKey) {
        return; // the page scrolls as usual
      }
      e.preventDefault();
      var unit = e.deltaMode === 1 ? 0.05 : 0.002;
      self.zoomAt(Math.exp(-e.deltaY * unit), self.toDrawing(e.clientX, e.clientY));
    }, { passive: false });
    this.root.addEventListener("keydown", function (e) { self.key(e); });
    this.box.addEventListener("focusin", function (e) {
      if (e.target !== self.box) {
        self.reveal(e.target);
      }
    });
  };

  Viewer.prototype.down = function (e) {
    if (e.pointerType === "mouse" && e.button !== 0) {
      return;
    }
    this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (this.pointers.size === 1) {
      this.start = { x: e.clientX, y: e.clientY };
      this.dragged = false;
    } else {
      this.dragged = true; // a second finger: a pinch, never a click
      this.capture();
    }
  };

  Viewer.prototype.capture = function () {
    var svg = this.svg;
    this.pointers.forEach(function (_, id) {
      try {
        svg.setPointerCapture(id);
      } catch (err) { /* the pointer is gone already */ }
    });
    this.root.classList.add("kls-viewer--dragging");
  };

  Viewer.prototype.move = function (e) {
    var p = this.pointers.get(e.pointerId);
    if (!p) {
      return;
    }
    if (this.pointers.size === 1) {
      if (!this.dragged) {
        if (Math.hypot(e.clientX - this.start.x, e.clientY - this.start.y) < DRAG_PX) {
          return;
        }
        this.dragged = true;
        this.capture();
        var selection = window.getSelection();
        if (selection) {
          selection.removeAllRanges(); // a drag pans; it does not select text
        }
      }
      this.panBy(e.clientX - p.x, e.clientY - p.y);
    } else if (this.pointers.size === 2) {
      var before = this.pinch();
      p.x = e.clientX;
      p.y = e.clientY;
      var after = this.pinch();
      if (before.d > 0) {
        this.zoomAt(after.d / before.d, this.toDrawing(after.x, after.y));
      }
      this.panBy(after.x - before.x, after.y - before.y);
      return;
    }
    p.x = e.clientX;
    p.y = e.clientY;
  };

  Viewer.prototype.pinch = function () {
    var pts = Array.from(this.pointers.values());
    return {
      x: (pts[0].x + pts[1].x) / 2,
      y: (pts[0].y + pts[1].y) / 2,
      d: Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y),
    };
  };

  Viewer.prototype.up = function (e) {
    this.pointers.delete(e.pointerId);
    if (this.pointers.size === 0) {
      this.root.classList.remove("kls-viewer--dragging");
      var self = this;
      // The click that follows this pointerup (same task) is still suppressed; then reset.
      setTimeout(function () { self.dragged = false; }, 0);
    }
  };

  Viewer.prototype.key = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    var step = 40; // pixels per arrow press
    var actions = { "+": "zoom-in", "=": "zoom-in", "-": "zoom-out", "0": "fit" };
    var moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (actions[e.key]) {
      e.preventDefault();
      this.act(actions[e.key]);
    } else if (moves[e.key] && e.target === this.box && this.k > 1.0001) {
      e.preventDefault(); // when not zoomed the arrows scroll the page as usual
      this.panBy(moves[e.key][0], moves[e.key][1]);
    } else if (e.key === "Escape" && this.root.classList.contains("kls-viewer--full")) {
      this.toggleFullscreen();
    }
  };

  // -- the minimap: a picture of the whole diagram (an <img>, so nothing in it can be focused
  //    or read twice) with the part in view outlined ---------------------------------------------

  Viewer.prototype.minimap = function () {
    if (this.mini) {
      return this.mini;
    }
    var clone = this.svg.cloneNode(true);
    clone.querySelector(".kls-pan").removeAttribute("transform");
    Array.prototype.forEach.call(clone.querySelectorAll(".kls-highlight"), function (n) { n.remove(); });
    var blob = new Blob([new XMLSerializer().serializeToString(clone)], { type: "image/svg+xml" });
    var mini = document.createElement("div");
    mini.className = "kls-viewer__minimap";
    mini.setAttribute("aria-hidden", "true");
    var img = document.createElement("img");
    img.alt = "";
    img.src = URL.createObjectURL(blob);
    var view = document.createElement("div");
    view.className = "kls-viewer__view";
    mini.appendChild(img);
    mini.appendChild(view);
    this.box.appendChild(mini);
    var self = this;
    var go = function (e) {
      e.preventDefault();
      e.stopPropagation();
      var r = img.getBoundingClientRect();
      self.centreOn(self.vb.x + self.vb.w * (e.clientX - r.left) / r.width,
        self.vb.y + self.vb.h * (e.clientY - r.top) / r.height);
    };
    mini.addEventListener("pointerdown", function (e) {
      mini.setPointerCapture(e.pointerId);
      go(e);
    });
    mini.addEventListener("pointermove", function (e) {
      if (mini.hasPointerCapture(e.pointerId)) {
        go(e);
      }
    });
    this.mini = { box: mini, view: view };
    return this.mini;
  };

  Viewer.prototype.showView = function () {
    var mini = this.minimap();
    var r = this.svg.getBoundingClientRect();
    // At most a third of the box either way, so it never hides what it maps.
    var width = Math.min(160, r.width / 3, (r.height / 3) * this.vb.w / this.vb.h);
    mini.box.style.width = Math.round(width) + "px";
    mini.box.hidden = width < 48; // too small to be of use
    var a = this.toDrawing(r.left, r.top);
    var b = this.toDrawing(r.right, r.bottom);
    var vb = this.vb;
    var clamp = function (v) { return Math.min(1, Math.max(0, v)); };
    var x0 = clamp(((a.x - this.tx) / this.k - vb.x) / vb.w);
    var y0 = clamp(((a.y - this.ty) / this.k - vb.y) / vb.h);
    var x1 = clamp(((b.x - this.tx) / this.k - vb.x) / vb.w);
    var y1 = clamp(((b.y - this.ty) / this.k - vb.y) / vb.h);
    var s = mini.view.style;
    s.left = 100 * x0 + "%";
    s.top = 100 * y0 + "%";
    s.width = 100 * (x1 - x0) + "%";
    s.height = 100 * (y1 - y0) + "%";
  };

  Viewer.prototype.centreOn = function (x, y) {
    // The drawing point (x, y) to the middle of the box, at the current zoom.
    var c = this.centre();
    this.tx = c.x - x * this.k;
    this.ty = c.y - y * this.k;
    this.apply();
  };

  // -- bringing things into view --------------------------------------------------------------

  Viewer.prototype.reveal = function (el) {
    var r = el.getBoundingClientRect();
    var box = this.svg.getBoundingClientRect();
    if (r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom) {
      return;
    }
    this.panBy(box.left + box.width / 2 - (r.left + r.width / 2),
      box.top + box.height / 2 - (r.top + r.height / 2));
  };

  Viewer.prototype.highlight = function (id) {
    if (this.mark) {
      this.mark.remove();
      this.marked.classList.remove("kls-highlighted");
      this.mark = this.marked = null;
    }
    var shape = null;
    Array.prototype.some.call(this.svg.querySelectorAll("g.djs-shape[data-element-id]"), function (g) {
      if (g.getAttribute("data-element-id") === id) {
        shape = g;
      }
      return shape !== null;
    });
    if (!shape) {
      return false;
    }
    var r = shape.getBoundingClientRect();
    var a = this.toDrawing(r.left, r.top);
    var b = this.toDrawing(r.right, r.bottom);
    var pad = 6;
    var mark = document.createElementNS(SVG_NS, "rect");
    mark.setAttribute("class", "kls-highlight");
    mark.setAttribute("x", (a.x - this.tx) / this.k - pad);
    mark.setAttribute("y", (a.y - this.ty) / this.k - pad);
    mark.setAttribute("width", (b.x - a.x) / this.k + 2 * pad);
    mark.setAttribute("height", (b.y - a.y) / this.k + 2 * pad);
    mark.setAttribute("rx", 12);
    this.pan.appendChild(mark);
    this.mark = mark;
    this.marked = shape;
    shape.classList.add("kls-highlighted");
    this.reveal(mark);
    return true;
  };

  // -- full screen ----------------------------------------------------------------------------

  Viewer.prototype.toggleFullscreen = function () {
    var root = this.root;
    var self = this;
    if (document.fullscreenElement === root) {
      document.exitFullscreen();
    } else if (root.classList.contains("kls-viewer--full")) {
      this.setFull(false);
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () { self.setFull(true); });
    } else {
      this.setFull(true); // no Fullscreen API (iPhone): fill the window instead
    }
  };

  Viewer.prototype.setFull = function (on) {
    this.root.classList.toggle("kls-viewer--full", on);
    document.documentElement.classList.toggle("kls-viewer-open", on);
    var b = this.buttons.fullscreen;
    if (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? this.root.getAttribute("data-kls-exit-fullscreen") : this.fullLabel;
    }
    this.fit();
  };

  // -- start ----------------------------------------------------------------------------------

  function onHash() {
    var id = "";
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (err) {
      return;
    }
    viewers.forEach(function (v) {
      if (id) {
        v.highlight(id);
      }
    });
  }

  // -- a reload keeps the view: each diagram's zoom and pan are kept for this tab when the
  //    page goes away and put back when the same page is reloaded (F5, or `kls serve`, which
  //    reloads the page by itself whenever a model is saved). A new visit starts fitted.

  var KEPT = "kls-viewer:" + window.location.pathname;

  function keepViews() {
    var views = viewers.map(function (v) { return [v.k, v.tx, v.ty]; });
    try {
      window.sessionStorage.setItem(KEPT, JSON.stringify(views));
    } catch (err) { /* storage off: a reload fits again */ }
  }

  function reloaded() {
    var entries = window.performance && window.performance.getEntriesByType
      ? window.performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].type === "reload";
  }

  function restoreViews() {
    var raw = null;
    try {
      raw = window.sessionStorage.getItem(KEPT);
      window.sessionStorage.removeItem(KEPT);
    } catch (err) {
      return;
    }
    if (!raw || !reloaded()) {
      return;
    }
    JSON.parse(raw).forEach(function (view, i) {
      var v = viewers[i];
      if (v && view[0] > 1.0001) {
        v.k = Math.min(v.most(), view[0]);
        v.tx = view[1];
        v.ty = view[2];
        v.apply();
      }
    });
  }

  var started = false;

  function init() {
    viewers = viewers.filter(function (v) { return document.contains(v.root); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-kls-viewer]"), function (el) {
      if (!el.klsViewer) {
        el.klsViewer = new Viewer(el);
        if (el.klsViewer.svg) {
          viewers.push(el.klsViewer);
        }
      }
    });
    onHash();
    if (!started) {
      started = true;
      restoreViews();
    }
  }

  window.addEventListener("pagehide", keepViews);

  document.addEventListener("fullscreenchange", function () {
    viewers.forEach(function (v) {
      var on = document.fullscreenElement === v.root;
      if (on !== v.root.classList.contains("kls-viewer--full")) {
        v.setFull(on);
      }
    });
  });
  window.addEventListener("hashchange", onHash);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation swaps pages in place
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
