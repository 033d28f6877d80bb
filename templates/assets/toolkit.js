/* Toolkit Builder: the Print button, the printed footer's address (the one printed from), and
   search: a search box in the header on every page, and Pagefind's interface on the search page. */
/* The theme's base is relative ("..") on most pages but the site's path ("/" at the root of a
   domain) on the 404 page: a slash is added only where it is missing ("//" is no address). */
var tkSiteRoot = new URL(
  JSON.parse(document.getElementById("__config").textContent).base.replace(/\/?$/, "/"),
  window.location.href);
/* With several languages each has its own site (the default at the top, others in `es/`…);
   the language selector's first entry is the default's root, where the search index lives. */
var tkLanguageLinks = document.querySelectorAll("a.md-select__link[hreflang]");
var tkTopRoot = tkLanguageLinks.length ? new URL(tkLanguageLinks[0].href) : tkSiteRoot;
/* The words the scripts show, in the page's language: the page carries them (div.tk-words),
   from the language's catalog; pages the theme makes alone (404) fall back to English. */
var tkWordsOfPage = document.querySelector("div.tk-words");
var tkWords = tkWordsOfPage ? {
  search: tkWordsOfPage.dataset.tkSearch, label: tkWordsOfPage.dataset.tkSearchLabel
} : {search: "Search", label: "Search the toolkit"};
var tkQuery = new URLSearchParams(window.location.search).get("q");

(function keepThePageAcrossLanguages() {
  // Pages have the same address in every language, so switching keeps the reader's page.
  var here = window.location.href.split("#")[0];
  if (here.indexOf(tkSiteRoot.href) !== 0) {
    return;
  }
  var rest = here.slice(tkSiteRoot.href.length);
  tkLanguageLinks.forEach(function (link) {
    link.href = new URL(rest, new URL(link.href)).href;
  });
})();

(function addSearchBox() {
  var header = document.querySelector(".md-header__inner");
  if (!header) {
    return;
  }
  var form = document.createElement("form");
  form.className = "tk-search-box";
  form.setAttribute("role", "search");
  form.action = new URL("search/", tkSiteRoot).href;
  var input = document.createElement("input");
  input.type = "search";
  input.name = "q";
  input.placeholder = tkWords.search;
  input.setAttribute("aria-label", tkWords.label);
  input.value = tkQuery || "";
  form.appendChild(input);
  header.appendChild(form);
})();

(function startSearchPage() {
  var mount = document.getElementById("tk-search");
  if (!mount) {
    return;
  }
  var bundle = new URL("pagefind/", tkTopRoot);
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("pagefind-ui.css", bundle).href;
  document.head.appendChild(style);
  var script = document.createElement("script");
  script.src = new URL("pagefind-ui.js", bundle).href;
  script.onload = function () {
    var ui = new PagefindUI({
      element: "#tk-search", bundlePath: bundle.pathname, baseUrl: tkTopRoot.pathname,
      showSubResults: false, showEmptyFilters: false, showImages: false, resetStyles: false
    });
    // Pagefind's input has only a title; screen readers need a name.
    mount.querySelectorAll("input[type=text], input[type=search]").forEach(function (input) {
      input.setAttribute("aria-label", tkWords.label);
    });
    if (tkQuery) {
      ui.triggerSearch(tkQuery);
    }
  };
  document.head.appendChild(script);
  document.querySelectorAll(".tk-search-nojs").forEach(function (note) { note.hidden = true; });
})();
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-tk-print]")) {
    window.print();
  }
});
window.addEventListener("beforeprint", function () {
  var stamp = document.querySelector("div.tk-stamp");
  var style = document.querySelector("style.tk-stamp");
  if (!stamp || !style) {
    return;
  }
  var text = (stamp.dataset.tkStamp + " · " + window.location.href).replace(/[\\"]/g, "\\$&");
  style.textContent = style.textContent.replace(/@bottom-left \{ content: "(?:[^"\\]|\\.)*";/,
    function () { return '@bottom-left { content: "' + text + '";'; });
});
