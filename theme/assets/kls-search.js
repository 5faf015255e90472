// kls: start the site search (theme/partials/kls-search.html). Runs after
// pagefind-component-ui.js (both deferred, in document order): gives Pagefind's default
// instance the strings the site replaces (texts.SEARCH_UI, through site_build/search) and
// only then puts the search components into the header, so that they render once, in
// Swedish.
(() => {
  const root = document.querySelector(".kls-search");
  const template = root && root.querySelector("template");
  const ui = document.querySelector("script[src*='pagefind-component-ui']");
  const components = window.PagefindComponents;
  if (!template || !ui || !components) return;
  const settings = JSON.parse(root.querySelector("#kls-search-settings").textContent);
  // The bundle lies beside the script, wherever the site is published.
  const bundlePath = new URL(".", ui.src).pathname;
  const instance = components.getInstanceManager().getInstance("default", { bundlePath });
  instance.setTranslations(settings.translations || {});
  root.append(template.content.cloneNode(true));
  // Ctrl+K (⌘K on a Mac, as Pagefind's "mod+k") opens the search; the tooltip says so.
  const mac = /mac/i.test(navigator.userAgentData?.platform || navigator.userAgent);
  const button = root.querySelector("pagefind-modal-trigger button");
  if (button && settings.title) button.title = settings.title.replace("{keys}", mac ? "⌘K" : "Ctrl+K");
})();
