/* Journey Playbook: the search box (theme/partials/playbook-search.html).

   A button in the header opens a modal dialog with a search form; typing searches the
   Pagefind index of the page's own language (pagefind.js picks it from <html lang>; the
   index is written after the build, generator/site/search_index.py), so a Swedish page
   finds Swedish pages only, and an inflected word finds its base form (Pagefind stems
   da, de, en, fi, nb, nn and sv). Results are a list of links, each page's title with an
   excerpt; the count is announced through the status line (role="status").

   Each typed word is first stemmed in the page's language until it stops changing
   (data-stemmer: a Snowball stemmer, generator/site/search_index.py QUERY_STEMMERS says
   why), so "lojaliteten" finds what "lojalitet" finds.

   Nothing is loaded until the box is first opened: then pagefind.js, its worker, the
   language's WebAssembly and the index chunks the words need, all from this site.

   Keyboard: "/", "s" or "f" opens it (as Material's search did), Escape or "Close" closes
   it and returns focus to where it was, Enter opens the first result, the arrow keys move
   between the field and the results. Without JavaScript (or <dialog>) the box stays hidden.
   A module (it imports lib/search.js, which Node's unit tests import too). */
import { stemQuery } from "./lib/search.js";

(function () {

  var dialog = document.getElementById("playbook-search");
  var opener = document.querySelector(".playbook-search-open");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;

  var input = dialog.querySelector(".playbook-search__input");
  var status = dialog.querySelector(".playbook-search__status");
  var list = dialog.querySelector(".playbook-search__results");
  var more = dialog.querySelector(".playbook-search__more");
  var PAGE = 10;  // results shown at once: each one fetches its own excerpt
  var loading = null;  // the promise of the pagefind module, once asked for
  var current = null;  // {results, shown} of the latest search
  var sequence = 0;  // a slower, older search never overwrites a newer one
  var timer = 0;
  var returnTo = null;

  /* Where Material's search button was: in the header bar, before the repository link. */
  var bar = document.querySelector(".md-header__inner");
  if (bar) bar.insertBefore(opener, bar.querySelector(".md-header__source"));
  opener.hidden = false;

  function text(name, values) {
    return dialog.getAttribute("data-" + name).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values || {}, key) ? values[key] : whole;
    });
  }

  function address(attribute) {
    return new URL(dialog.getAttribute(attribute), location.href).href;
  }

  /* {search, stem}: Pagefind, and the query stemmer (or none) of the page's language. */
  function load() {
    if (!loading) {
      var pagefind = import(address("data-bundle")).then(function (module) {
        return module.options({ excerptLength: 24 }).then(function () {
          return module.init();
        }).then(function () { return module; });
      });
      var stemmer = dialog.hasAttribute("data-stemmer")
        ? import(address("data-stemmer")).then(function (module) { return module.stemmer; })
        : Promise.resolve(null);
      loading = Promise.all([pagefind, stemmer]).then(function (loaded) {
        return { search: loaded[0].search, stem: stemmerOf(loaded[1]) };
      });
      loading.catch(function () { loading = null; });  // the next try loads again
    }
    return loading;
  }

  function stemmerOf(stemmer) {
    return function (query) { return stemQuery(query, stemmer); };
  }

  function open() {
    if (!dialog.open) {
      returnTo = document.activeElement;
      dialog.showModal();
    }
    input.focus();
    input.select();
    load().catch(failed);
  }

  function failed() {
    status.textContent = text("failed");
  }

  dialog.addEventListener("close", function () {
    var target = returnTo && document.contains(returnTo) && returnTo !== document.body
      ? returnTo : opener;
    returnTo = null;
    target.focus();
  });

  /* The results, after the typing has paused for a moment. */
  function search() {
    var query = input.value.trim();
    var mine = ++sequence;
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      current = null;
      return;
    }
    load().then(function (loaded) {
      return loaded.search(loaded.stem(query));
    }).then(function (found) {
      if (mine !== sequence || !found) return;
      current = { results: found.results, shown: 0 };
      list.textContent = "";
      return showMore(mine).then(function () {
        var count = found.results.length;
        announce(count === 0 ? text("none", { query: query })
          : count === 1 ? text("one") : text("many", { count: count }));
      });
    }).catch(failed);
  }

  function announce(message) {
    // The same words twice in a row are not read again by every screen reader: clear first.
    if (status.textContent === message) status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 0);
  }

  function showMore(mine) {
    var slice = current.results.slice(current.shown, current.shown + PAGE);
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== sequence) return;
      pages.forEach(function (page) { list.appendChild(resultItem(page, current.shown++)); });
      more.hidden = current.shown >= current.results.length;
    });
  }

  function resultItem(page, index) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    var excerpt = document.createElement("p");
    link.className = "playbook-search__link";
    link.href = sameSite(page.url);
    link.textContent = (page.meta && page.meta.title) || page.url;
    excerpt.className = "playbook-search__excerpt";
    excerpt.id = "playbook-search-excerpt-" + index;
    appendMarked(excerpt, page.excerpt || "");
    link.setAttribute("aria-describedby", excerpt.id);
    item.appendChild(link);
    item.appendChild(excerpt);
    return item;
  }

  /* Results link to this site only. */
  function sameSite(url) {
    var target = new URL(url, location.href);
    return target.origin === location.origin ? target.href : "#";
  }

  /* Pagefind's excerpt is page text with the matched words in <mark>: copy the text and
     the marks, nothing else (parsed in an inert document, so nothing in it runs). */
  function appendMarked(target, html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(node.textContent || ""));
      }
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".playbook-search__link"));
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 120);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) return;
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });

  dialog.querySelector(".playbook-search__close").addEventListener("click", function () {
    dialog.close();
  });

  more.addEventListener("click", function () {
    var next = current ? current.shown : 0;
    showMore(sequence).then(function () {
      var added = links()[next];
      if (added) added.focus();
    }).catch(failed);
  });

  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      // One press closes, even from a search field that would first clear itself.
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var all = [input].concat(links());
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    var next = all[at + (event.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  /* A click on the backdrop (outside the panel) closes the box. */
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });

  opener.addEventListener("click", open);

  function typing(element) {
    if (!element || !element.tagName) return false;
    if (element.isContentEditable || /^(TEXTAREA|SELECT)$/.test(element.tagName)) return true;
    return element.tagName === "INPUT" &&
      !/^(checkbox|radio|button|submit|reset|file|range|color)$/.test(element.type);
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "f") return;
    if (typing(event.target) || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    open();
  });
})();
