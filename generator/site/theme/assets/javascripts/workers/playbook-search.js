/* Journey Playbook: Material's search worker, with each query stemmed in the index's language.

   Loaded instead of Material's worker (theme/main.html), which it then runs unchanged with
   importScripts; it lives beside it so that Material's "../lunr" paths still resolve.

   Material turns each typed word into a prefix query ("kundtjänsten*"), matched against an
   index of stems ("kundtjänst"). lunr never stems a prefix query, so a fully typed
   inflection found nothing through the prefix; and when it was found some other way,
   Material labelled the typed word "missing" (struck through) and put nothing in the
   result's ?h= link, since no indexed stem starts with the typed word. Norwegian showed the
   third fault: "lojalitet" stems to "lojalit", "lojaliteten" to "lojalitet", so the
   inflected query missed every page that says "lojalitet".

   So each plain word is replaced by its stem, stemmed again until it stops changing: a
   prefix of the stems of all its inflections ("lojalit*" finds both). The stem is also
   what Material then reports as matched and passes on in ?h=, and it is a prefix of the
   word on the page, so the opened page highlights it (withGroupTerms below does the same
   for a page listed only for its sections). A language without a lunr stemmer
   (its index's pipeline has none) is searched as typed. */
(function () {
  "use strict";
  var SETUP = 0;
  var QUERY = 2;
  var stem = null;
  var config = {};

  function stemmerFor(config) {
    var language = (config.lang || ["en"])[0];
    var pipeline = config.pipeline || [];
    var lunr = self.lunr;
    var namespace = language === "en" ? lunr : lunr && lunr[language];
    if (!namespace || !namespace.stemmer || pipeline.indexOf("stemmer") < 0) return null;
    return function (word) {
      var stopped = namespace.stopWordFilter && !namespace.stopWordFilter(new lunr.Token(word));
      if (stopped) return word;
      var current = word;
      for (var round = 0; round < 3; round++) {
        var next = namespace.stemmer(new lunr.Token(current)).toString();
        if (next === current || next.length < 2) break;
        current = next;
      }
      return current;
    };
  }

  function stemQuery(query) {
    if (!stem) return query;
    return query
      .split(/(\s+)/)
      .map(function (part) {
        return /^[\p{L}\p{N}]+$/u.test(part) ? stem(part.toLowerCase()) : part;
      })
      .join("");
  }

  /* Material lists a page whose sections matched, but not the page itself, with no terms,
     so its link's ?h= was empty: give it the terms its sections matched. */
  var RESULT = 3;
  function withGroupTerms(result) {
    (result.items || []).forEach(function (group) {
      var matched = {};
      group.forEach(function (item) {
        Object.keys(item.terms || {}).forEach(function (term) {
          if (item.terms[term]) matched[term] = true;
        });
      });
      group.forEach(function (item) {
        if (item.terms && Object.keys(item.terms).length === 0) item.terms = matched;
      });
    });
    return result;
  }
  var post = self.postMessage.bind(self);
  self.postMessage = function (message, transfer) {
    if (message && message.type === RESULT && message.data) withGroupTerms(message.data);
    return transfer ? post(message, transfer) : post(message);
  };

  var listen = self.addEventListener;
  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen.call(self, type, handler, options);
    return listen.call(
      self,
      type,
      function (event) {
        var message = event.data;
        if (message && message.type === QUERY && typeof message.data === "string") {
          // Looked up until found: the language's stemmer loads during setup.
          if (!stem && self.lunr) stem = stemmerFor(config);
          return handler.call(this, { data: { type: QUERY, data: stemQuery(message.data) } });
        }
        if (message && message.type === SETUP && message.data && message.data.config) {
          config = message.data.config;
          stem = null;
        }
        return handler.call(this, event);
      },
      options
    );
  };

  /* Material's worker, named by theme/main.html; only a file of this folder is accepted. */
  var material = decodeURIComponent(self.location.hash.slice(1));
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("playbook-search.js: expected Material's search worker, got " + material);
  }
  importScripts("./" + material);
})();
