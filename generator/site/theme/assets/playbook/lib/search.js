/* Journey Playbook: a search query stemmed in the page's language before Pagefind sees it
   (the search box, playbook-search.js; generator/site/search_index.py QUERY_STEMMERS says
   why): each plain word is stemmed again until it stops changing, so an inflected word and
   its base form meet at one stem (Norwegian "lojaliteten" stems to "lojalitet", and that to
   "lojalit", as the index has it). Pure: the stemmer comes in as an argument. */

/** Stemming rounds at most: Snowball's stemmers settle within two. */
export const MAX_ROUNDS = 3;

/** `query` with each word of letters and digits stemmed by `stemmer` (a function of one
    lower-case word, or null: the query as typed) until it stops changing or would be
    shorter than two letters; anything else (quotes, hyphens, operators) is left as it is. */
export function stemQuery(query, stemmer) {
  if (!stemmer) return query;
  return query
    .split(/\s+/)
    .map((word) => {
      if (!/^[\p{L}\p{N}]+$/u.test(word)) return word;
      let current = word.toLowerCase();
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const next = stemmer(current);
        if (next === current || next.length < 2) break;
        current = next;
      }
      return current;
    })
    .join(" ");
}
