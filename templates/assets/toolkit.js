/* Toolkit Builder: the Print button, the printed footer's address (the one printed from), and
   search: a search box in the header on every page, which lists the best pages found as one
   types, and Pagefind's interface on the search page. */
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
   from the language's catalog; a word a page does not carry (the 404 page, which the theme
   makes alone) is shown in English. */
var tkWordsOfPage = document.querySelector("div.tk-words");
var tkWords = (function () {
  var words = {
    search: "Search", label: "Search the toolkit", allResults: "All results",
    results: "{count} results", oneResult: "1 result", noResults: "No results",
    offline: "Search needs the online site"
  };
  var given = tkWordsOfPage ? {
    search: tkWordsOfPage.dataset.tkSearch, label: tkWordsOfPage.dataset.tkSearchLabel,
    allResults: tkWordsOfPage.dataset.tkAllResults, results: tkWordsOfPage.dataset.tkResults,
    oneResult: tkWordsOfPage.dataset.tkOneResult, noResults: tkWordsOfPage.dataset.tkNoResults,
    offline: tkWordsOfPage.dataset.tkOffline
  } : {};
  Object.keys(words).forEach(function (key) { words[key] = given[key] || words[key]; });
  return words;
})();
/* localStorage, or null where the browser refuses it (storage turned off, a full quota): what
   the sheets filled in on the page (fill.js) and live mode (live.js) keep on the device. */
function tkLocalStore() {
  try {
    var storage = window.localStorage;
    storage.setItem("tk-probe", "1");
    storage.removeItem("tk-probe");
    return storage;
  } catch (error) {
    return null;
  }
}
/* A pattern of the page's words with its {names} filled in ("{count} results"); a name
   without a value stays as written. */
function tkFilled(pattern, values) {
  return pattern.replace(/\{(\w+)\}/g, function (all, name) {
    return name in values ? String(values[name]) : all;
  });
}
var tkQuery = new URLSearchParams(window.location.search).get("q");
/* Opened from disk (the offline kit, builder/offline.py), a page cannot search: the browser
   does not let it fetch Pagefind's index, nor its WebAssembly. The header says so instead of
   offering a box that finds nothing, and leads to the search page, which says it in full. */
var tkFromDisk = window.location.protocol === "file:";

(function keepThePageAcrossLanguages() {
  // Pages have the same address in every language, so switching keeps the reader's page.
  var here = window.location.href.split("#")[0];
  if (here.indexOf(tkSiteRoot.href) !== 0) {
    return;
  }
  var rest = here.slice(tkSiteRoot.href.length);
  tkLanguageLinks.forEach(function (link) {
    link.href = new URL(rest, new URL(link.href)).href;
    /* The theme handles a click on a language link too (on document.body): it looks the page
       up in that language's sitemap.xml and, when the page is not listed there (a site built
       without site_url, or `toolkit serve`, has an empty sitemap), goes to that language's
       home page instead. It did so only when its sitemaps had loaded, and the other
       language's first, so the outcome raced. The link is right as it is: the theme never
       sees the click, and the browser follows the link. */
    link.addEventListener("click", function (event) { event.stopPropagation(); });
  });
})();

/* Pagefind's search module, loaded once, for the header's box and the search page's
   interface alike (the browser keeps one instance of a module per address). */
var tkEngine = null;
function tkPagefind() {
  tkEngine = tkEngine || import(new URL("pagefind/pagefind.js", tkTopRoot).href)
    .then(function (module) {
      return module.options({baseUrl: tkTopRoot.pathname}).then(function () { return module; });
    });
  return tkEngine;
}

(function addSearchBox() {
  var header = document.querySelector(".md-header__inner");
  if (!header) {
    return;
  }
  if (tkFromDisk) {
    var note = document.createElement("a");
    note.className = "tk-search-box tk-search-box--offline";
    note.href = new URL("search/index.html", tkSiteRoot).href;
    note.textContent = tkWords.offline;
    header.appendChild(note);
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
  tkSuggestAsYouType(form, input);
})();

/* As the reader types (two characters or more), a panel under the header box lists the best
   pages Pagefind finds, in the page's language (Pagefind reads the index of the page's
   <html lang>), and a last line to every result on the search page. The pattern is a list of
   links with a live region that says how many pages were found, not a combobox: each result
   is a real link (Enter, a middle click and "open in a new tab" work as on any link), the
   arrow keys move the focus through them and back to the box, Escape closes the panel. Without
   the index (`toolkit serve` makes none) no panel opens and the form still submits. */
function tkSuggestAsYouType(form, input) {
  /* The index is first asked once typing pauses: a reader who types and presses Enter goes
     to the search page without the box fetching anything on the way. */
  var shown = 6, shortest = 2, pause = 200, typing = 0;
  var status = document.createElement("p");
  status.className = "tk-search-status";
  status.id = "tk-search-status";
  status.setAttribute("role", "status");
  var panel = document.createElement("div");
  panel.className = "tk-search-panel";
  panel.id = "tk-search-panel";
  panel.hidden = true;
  var list = document.createElement("ul");
  list.setAttribute("aria-labelledby", status.id);
  var all = document.createElement("a");
  all.className = "tk-search-all";
  all.textContent = tkWords.allResults;
  panel.append(list, all);
  form.append(status, panel);
  input.autocomplete = "off";
  input.setAttribute("aria-controls", panel.id);
  var asked = 0;
  function setOpen(isOpen) {
    panel.hidden = !isOpen;
    form.classList.toggle("tk-search-box--open", isOpen);
  }
  function show(query, count, pages) {
    list.replaceChildren.apply(list, pages.map(tkResult));
    if (!count) {
      var none = document.createElement("li");
      none.className = "tk-search-none";
      none.textContent = tkWords.noResults;
      list.append(none);
    }
    var address = new URL(form.action);
    address.searchParams.set("q", query);
    all.href = address.href;
    all.hidden = !count;
    status.textContent = count === 1 ? tkWords.oneResult
      : count ? tkFilled(tkWords.results, {count: count}) : tkWords.noResults;
    setOpen(true);
  }
  function reopen() {  // the last results, if they are still the box's
    var again = list.children.length > 0 && input.value.trim().length >= shortest;
    setOpen(again);
    return again;
  }
  input.addEventListener("input", function () {
    var query = input.value.trim(), mine = ++asked;
    if (query.length < shortest) {
      setOpen(false);
      status.textContent = "";
      return;
    }
    clearTimeout(typing);
    typing = setTimeout(function () { lookUp(query, mine); }, pause);
  });
  form.addEventListener("submit", function () { clearTimeout(typing); });
  function lookUp(query, mine) {
    tkPagefind().then(function (module) { return module.search(query); })
      .then(function (search) {
        if (mine !== asked) {
          return null;  // a later keystroke asked again
        }
        return Promise.all(search.results.slice(0, shown).map(function (found) {
          return found.data();
        })).then(function (pages) {
          if (mine === asked) {
            show(query, search.results.length, pages);
          }
        });
      })
      .catch(function () { setOpen(false); });
  }
  input.addEventListener("focus", function (event) {
    if (!form.contains(event.relatedTarget)) {  // not back from a result, nor from Escape
      reopen();
    }
  });
  form.addEventListener("keydown", function (event) {
    if (panel.hidden && !(event.key === "ArrowDown" && reopen())) {
      return;
    }
    var links = Array.prototype.filter.call(panel.querySelectorAll("a"), function (link) {
      return !link.hidden;
    });
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();  // a search box would also empty itself
      setOpen(false);
      input.focus();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at ? links[at - 1] : input).focus();
    }
  });
  form.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !form.contains(event.relatedTarget)) {
      setOpen(false);
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) {
      setOpen(false);
    }
  });
}

/* One result: its title and excerpt, made as text. Pagefind's excerpt is HTML that marks the
   words found with <mark>; it is read in a document of its own (where nothing loads or runs)
   and only its text and its <mark>s are kept. */
function tkResult(page) {
  var item = document.createElement("li");
  var link = document.createElement("a");
  link.href = new URL(page.url, window.location.href).href;
  var title = document.createElement("span");
  title.className = "tk-search-title";
  title.textContent = page.meta.title || page.url;
  var excerpt = document.createElement("span");
  excerpt.className = "tk-search-excerpt";
  var parsed = new DOMParser().parseFromString(page.excerpt || "", "text/html");
  var texts = parsed.createTreeWalker(parsed.body, NodeFilter.SHOW_TEXT);
  for (var text = texts.nextNode(); text; text = texts.nextNode()) {
    var kept = document.createTextNode(text.data);
    if (text.parentElement.closest("mark")) {
      var mark = document.createElement("mark");
      mark.append(kept);
      kept = mark;
    }
    excerpt.append(kept);
  }
  link.append(title, excerpt);
  item.append(link);
  return item;
}

(function startSearchPage() {
  var mount = document.getElementById("tk-search");
  if (!mount) {
    return;
  }
  if (tkFromDisk) {  // the kit's own search page says so already (builder/offline.py)
    mount.textContent = tkWords.offline;
    document.querySelectorAll(".tk-search-nojs").forEach(function (note) { note.hidden = true; });
    return;
  }
  var bundle = new URL("pagefind/", tkTopRoot);
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("pagefind-ui.css", bundle).href;
  document.head.appendChild(style);
  var script = document.createElement("script");
  script.src = new URL("pagefind-ui.js", bundle).href;
  /* The filters are loaded before the interface starts: started at once, it sometimes shows
     a filter group fewer (one at random) when its first search comes back before them. */
  script.onload = function () {
    tkPagefind().then(function (module) { return module.filters(); })
      .catch(function () { return null; }).then(startInterface);
  };
  function startInterface() {
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
  }
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
