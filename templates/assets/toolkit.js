/* Toolkit Builder: the Print button, the printed footer's address (the one printed from), and
   search: a search box in the header on every page, and Pagefind's interface on the search page. */
var tkSiteRoot = new URL(JSON.parse(document.getElementById("__config").textContent).base + "/",
                         window.location.href);
var tkSearchLabel = "Search the toolkit";
var tkQuery = new URLSearchParams(window.location.search).get("q");

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
  input.placeholder = "Search";
  input.setAttribute("aria-label", tkSearchLabel);
  input.value = tkQuery || "";
  form.appendChild(input);
  header.appendChild(form);
})();

(function startSearchPage() {
  var mount = document.getElementById("tk-search");
  if (!mount) {
    return;
  }
  var bundle = new URL("pagefind/", tkSiteRoot);
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("pagefind-ui.css", bundle).href;
  document.head.appendChild(style);
  var script = document.createElement("script");
  script.src = new URL("pagefind-ui.js", bundle).href;
  script.onload = function () {
    var ui = new PagefindUI({
      element: "#tk-search", bundlePath: bundle.pathname, baseUrl: tkSiteRoot.pathname,
      showSubResults: true, showImages: false, resetStyles: false
    });
    // Pagefind's input has only a title; screen readers need a name.
    mount.querySelectorAll("input[type=text], input[type=search]").forEach(function (input) {
      input.setAttribute("aria-label", tkSearchLabel);
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
  var stamp = document.querySelector("style.tk-stamp");
  if (!stamp) {
    return;
  }
  var text = (stamp.dataset.stamp + " · " + window.location.href).replace(/[\\"]/g, "\\$&");
  stamp.textContent = stamp.textContent.replace(/@bottom-left \{ content: "(?:[^"\\]|\\.)*";/,
    function () { return '@bottom-left { content: "' + text + '";'; });
});
