/* Journey Playbook: how much a file or a link from someone else may hold.

   A share link and an imported progress file are untrusted: 2 MB of deflate can unpack to
   2 GB, and half a million ids froze a tab for two minutes while it listed them. A journey
   has a few hundred ids and a whole playbook a few thousand at most, and a real link or
   file is a few kilobytes, so anything past these limits was not made by a playbook and
   is refused before it is listed (issue #23). */

export const MAX_BYTES = 4 * 1024 * 1024;
export const MAX_IDS = 5000;
