/* Journey Playbook: each search query stemmed in the index's language, for the search
   worker (assets/javascripts/workers/playbook-search.js says why it wraps Material's).

   Material turns each typed word into a prefix query ("kundtjänsten*") matched against an
   index of stems ("kundtjänst"), and lunr never stems a prefix query. So each plain word is
   replaced by its stem, stemmed again until it stops changing: a prefix of the stems of all
   its inflections (Norwegian "lojaliteten" stems to "lojalitet" but "lojalitet" to
   "lojalit", so "lojalit*" finds both). Pure: lunr comes in as an argument. */

/** Stemming rounds at most: lunr's stemmers settle within two. */
export const MAX_ROUNDS = 3;

/** A function that stems one word in the language of a search index's `config` ({lang,
    pipeline}), or null where lunr has no stemmer for it or the index was built without one
    (such a language is searched as typed). */
export function stemmerFor(config, lunr) {
  const language = (config.lang || ["en"])[0];
  const pipeline = config.pipeline || [];
  const namespace = language === "en" ? lunr : lunr && lunr[language];
  if (!namespace || !namespace.stemmer || !pipeline.includes("stemmer")) return null;
  return function stem(word) {
    if (namespace.stopWordFilter && !namespace.stopWordFilter(new lunr.Token(word))) return word;
    let current = word;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const next = namespace.stemmer(new lunr.Token(current)).toString();
      if (next === current || next.length < 2) break;
      current = next;
    }
    return current;
  };
}

/** `query` with each plain word (letters and digits only) lower-cased and stemmed; anything
    else (spaces, "+", "-", "*", quotes, field names) as typed. */
export function stemQuery(query, stem) {
  if (!stem) return query;
  return query
    .split(/(\s+)/)
    .map((part) => (/^[\p{L}\p{N}]+$/u.test(part) ? stem(part.toLowerCase()) : part))
    .join("");
}

/** Material lists a page whose sections matched, but not the page itself, with no terms,
    so its link's ?h= was empty: give it the terms its sections matched. Changes `result`
    in place and returns it. */
export function withGroupTerms(result) {
  for (const group of result.items || []) {
    const matched = {};
    for (const item of group) {
      for (const term of Object.keys(item.terms || {})) if (item.terms[term]) matched[term] = true;
    }
    for (const item of group) {
      if (item.terms && Object.keys(item.terms).length === 0) item.terms = matched;
    }
  }
  return result;
}
