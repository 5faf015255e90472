/* kls serve: live reload and the findings, in the browser. Served only by the preview
   (`kls serve`), never part of a `kls build`. All text comes from the server (Swedish, in
   site_build/texts.py PREVIEW) and is set as text, never as HTML: model names are untrusted.

   - Long polls /_kls/events: when this page changed (or the preview was restarted) the
     page reloads, keeping its scroll
     position (and the diagrams' scroll; other scripts can keep more through the
     "kls-preview:save" and "kls-preview:restore" events, whose detail object they fill and
     read); when only the findings changed, the banner and the panel update in place.
   - A banner above the header counts all findings, links to the findings page and names
     files that cannot be read. A panel under the heading lists this page's findings, and
     the shapes they are about are outlined in the diagram. */
(function () {
  "use strict";
  var script = document.currentScript;
  var since = parseInt((script && script.getAttribute("data-generation")) || "0", 10);
  var instance = script && script.getAttribute("data-instance");
  var path = location.pathname;
  var KEY = "kls-preview:view:" + path;
  var T = {};
  var delay = 500;
  var restored = false;

  function api(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }

  function fmt(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, key) {
      return key in values ? String(values[key]) : m;
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // -- the reader's place across reloads ----------------------------------------------------

  function saveView() {
    var view = { x: window.scrollX, y: window.scrollY, diagrams: [], extra: {}, at: Date.now() };
    document.querySelectorAll(".kls-diagram").forEach(function (d) {
      view.diagrams.push([d.scrollLeft, d.scrollTop]);
    });
    window.dispatchEvent(new CustomEvent("kls-preview:save", { detail: view.extra }));
    try { sessionStorage.setItem(KEY, JSON.stringify(view)); } catch (e) { /* private mode */ }
  }

  function restoreView() {
    if (restored) { return; }
    restored = true;
    var raw = null;
    try { raw = sessionStorage.getItem(KEY); sessionStorage.removeItem(KEY); } catch (e) { return; }
    if (!raw) { return; }
    var view = JSON.parse(raw);
    if (Date.now() - view.at > 60000) { return; }
    document.querySelectorAll(".kls-diagram").forEach(function (d, i) {
      if (view.diagrams[i]) { d.scrollLeft = view.diagrams[i][0]; d.scrollTop = view.diagrams[i][1]; }
    });
    window.dispatchEvent(new CustomEvent("kls-preview:restore", { detail: view.extra }));
    window.scrollTo(view.x, view.y);
  }

  // -- the banner ----------------------------------------------------------------------------

  function banner(state, offline) {
    var old = document.getElementById("kls-preview-banner");
    var counts = state.counts || {};
    var errors = counts.error || 0, warnings = counts.warning || 0;
    var summary = errors || warnings
      ? fmt(T.banner_counts, { errors: errors, warnings: warnings }) : T.banner_clean;
    var line = el("p", {}, [
      el("strong", {}, [T.banner_label + ": "]), summary + " ",
      el("a", { href: state.findings_url || "/_kls/fynd/" }, [T.banner_link])]);
    if (state.checking) { line.appendChild(document.createTextNode(" " + T.banner_checking)); }
    var box = el("div", { id: "kls-preview-banner", role: "region",
                          "aria-label": T.banner_label,
                          "class": errors ? "kls-preview-has-errors" : "" }, [line]);
    var alerts = (state.unreadable || []).map(function (u) {
      return fmt(T.banner_unreadable, u) + " " + (u.kept ? T.banner_kept : T.banner_missing);
    });
    if (state.failure) { alerts.push(fmt(T.banner_failed, { detail: state.failure })); }
    if (offline) { alerts.push(T.banner_offline); }
    if (alerts.length) {
      box.appendChild(el("ul", { role: "alert", "class": "kls-preview-alerts" },
                         alerts.map(function (a) { return el("li", {}, [a]); })));
    }
    if (old) { old.replaceWith(box); return; }
    var header = document.querySelector("header.md-header");
    if (header) { header.parentNode.insertBefore(box, header); }
    else { document.body.insertBefore(box, document.body.firstChild); }
  }

  // -- the findings on this page -------------------------------------------------------------

  function panel(findings) {
    var old = document.getElementById("kls-preview-findings");
    if (old) { old.remove(); }
    document.querySelectorAll(".kls-preview-outline").forEach(function (o) { o.remove(); });
    document.querySelectorAll(".kls-preview-flagged").forEach(function (s) {
      s.classList.remove("kls-preview-flagged", "kls-preview-flagged-error");
    });
    var article = document.querySelector("article.md-content__inner");
    if (!article || !findings.length) { return; }
    var items = findings.map(function (f) { return item(f); });
    var box = el("section", { id: "kls-preview-findings", "aria-labelledby": "kls-preview-findings-title" }, [
      el("h2", { id: "kls-preview-findings-title" }, [fmt(T.page_findings, { count: findings.length })]),
      el("ul", {}, items)]);
    var h1 = article.querySelector("h1");
    if (h1) { h1.after(box); } else { article.prepend(box); }
  }

  function item(f) {
    var place = (f.places || []).filter(function (p) { return p.url === path; })[0] || {};
    var head = [el("strong", { "class": "kls-preview-severity" }, [T["severity_" + f.severity] || f.severity]),
                " " + f.code + " " + f.title];
    if (f.element_id) {
      var label = fmt(T.element, { kind: f.element_kind || "", name: f.element_name || f.element_id }).trim();
      head.push(" \u00b7 ");
      head.push(place.anchor ? el("a", { href: "#" + encodeURIComponent(place.anchor) }, [label])
                             : el("span", {}, [label]));
      if (outline(f)) { head.push(" ", el("span", { "class": "kls-preview-note" }, ["(" + T.in_diagram + ")"])); }
      flag(place.anchor, f.severity);
    }
    return el("li", { "class": "kls-preview-" + f.severity, "data-code": f.code,
                      "data-element-id": f.element_id || "" }, [
      el("div", {}, head),
      el("div", { "class": "kls-preview-message" }, [f.message + " ", el("code", {}, [f.path + ":" + f.line])])]);
  }

  function outline(f) {
    var found = false;
    var selector = '.kls-diagram [data-element-id="' + CSS.escape(f.element_id) + '"]';
    document.querySelectorAll(selector).forEach(function (shape) {
      if (typeof shape.getBBox !== "function") { return; }
      var box = shape.getBBox(), pad = 5;
      var rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      rect.setAttribute("x", box.x - pad);
      rect.setAttribute("y", box.y - pad);
      rect.setAttribute("width", box.width + 2 * pad);
      rect.setAttribute("height", box.height + 2 * pad);
      rect.setAttribute("rx", 6);
      rect.setAttribute("aria-hidden", "true");
      rect.setAttribute("class", "kls-preview-outline kls-preview-outline-" + f.severity);
      shape.appendChild(rect);
      found = true;
    });
    return found;
  }

  function flag(anchor, severity) {
    var heading = anchor && document.getElementById(anchor);
    var section = heading && heading.closest("section.kls-activity");
    if (section) {
      section.classList.add("kls-preview-flagged");
      if (severity === "error") { section.classList.add("kls-preview-flagged-error"); }
    }
  }

  // -- keeping up --------------------------------------------------------------------------------

  function refresh(offline) {
    return api("/_kls/state.json?page=" + encodeURIComponent(path)).then(function (state) {
      T = state.texts || T;
      banner(state, offline);
      panel(state.findings || []);
      restoreView();
    });
  }

  function listen() {
    api("/_kls/events?since=" + since + "&page=" + encodeURIComponent(path) +
        "&instance=" + encodeURIComponent(instance || "")).then(function (ev) {
      var wasOffline = delay > 500;
      delay = 500;
      // A restarted preview counts its changes from the start again: reload to catch up.
      if (ev.reload || (instance && ev.instance && ev.instance !== instance)) {
        saveView(); location.reload(); return;
      }
      var changed = ev.generation > since;
      since = Math.max(since, ev.generation);
      (changed || wasOffline ? refresh(false) : Promise.resolve()).then(listen, listen);
    }, function () {
      if (T.banner_offline) { banner({ counts: {}, unreadable: [] }, true); }
      delay = Math.min(delay * 2, 3000);
      setTimeout(listen, delay);
    });
  }

  refresh(false).then(listen, function () { restoreView(); listen(); });
})();
