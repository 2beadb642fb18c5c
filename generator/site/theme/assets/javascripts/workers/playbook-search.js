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
   word on the page, so the opened page highlights it (withGroupTerms does the same for a
   page listed only for its sections). A language without a lunr stemmer (its index's
   pipeline has none) is searched as typed.

   The logic is an ES module, assets/playbook/lib/search.js, which Node's unit tests import.
   This wrapper stays a classic worker script, because Material's worker needs
   importScripts, which a module worker lacks; it loads the module with import() and
   holds each query until the module is there. Where import() fails (a browser without it
   in workers), queries run as typed, as Material's own worker runs them. */
(function () {
  "use strict";
  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var logic = null;
  var stem = null;
  var config = {};
  var ready = import("../../playbook/lib/search.js").then(
    function (module) { logic = module; },
    function () { logic = null; }
  );

  var post = self.postMessage.bind(self);
  self.postMessage = function (message, transfer) {
    if (logic && message && message.type === RESULT && message.data) logic.withGroupTerms(message.data);
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
        var that = this;
        if (message && message.type === QUERY && typeof message.data === "string") {
          ready.then(function () {
            // Looked up until found: the language's stemmer loads during setup.
            if (logic && !stem && self.lunr) stem = logic.stemmerFor(config, self.lunr);
            var query = logic ? logic.stemQuery(message.data, stem) : message.data;
            handler.call(that, { data: { type: QUERY, data: query } });
          });
          return undefined;
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
