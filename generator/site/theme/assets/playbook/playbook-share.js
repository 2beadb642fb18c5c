/* Journey Playbook: sharing one reader's work (issue #15).

   "Share my changes" (home page): this browser's ticks and answers that the team's status
   file does not say yet, as a snippet of progress.yaml to copy, download, or open in
   GitHub's web editor; `playbook progress import FILE` merges it (lib/snippet.js).

   Share links (journey pages): this browser's ticks and answers for one journey in the
   address's fragment (#share=…), which browsers never send to a server (lib/link.js).
   Opening a link previews what it would change; nothing is merged until the reader
   agrees, and it can be undone.

   "Send to the team" (home and journey pages, issue #25): the same changes as the body of a
   new issue in the repository the button names, opened in GitHub's form (lib/send.js); a
   body too long for the address is copied for the reader to paste into the empty form.

   Imported by playbook.js, which calls setUpSharing once the page is ready. */

import { LINK_PREFIX, applyLink, decodeLink, encodeLink, linkPayload, readLink, readShare } from "./lib/link.js";
import { lookup } from "./lib/maps.js";
import { MARKER, changeCount, changesDocument, changesYaml } from "./lib/changes.js";
import { stampOf } from "./lib/snippet.js";
import { issueBody, issueUrl } from "./lib/send.js";
import { fill } from "./lib/text.js";
import { withName } from "./lib/state.js";
import {
  all, ask, data, download, keysOf, load, offerUndo, save, showPreview, showState, teamAnswers as teamAnswersOnPage,
} from "./page.js";

function copyText(area, status) {
  function copied() {
    status.textContent = status.getAttribute("data-copied");
  }
  function failed() {
    area.focus();
    area.select();
    try {
      if (document.execCommand("copy")) {
        copied();
        return;
      }
    } catch {
      /* reported below */
    }
    status.textContent = status.getAttribute("data-copy-failed");
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(area.value).then(copied, failed);
  } else {
    failed();
  }
}

function setUpShareChanges() {
  for (const box of all(".playbook-share")) {
    const transfer = document.querySelector(".playbook-transfer");
    const known = {
      ticks: lookup(keysOf(transfer, "data-known-ticks")),
      answers: lookup(keysOf(transfer, "data-known-answers")),
    };
    const teamAnswers = teamAnswersOnPage();
    const status = box.querySelector(".playbook-status");
    const result = box.querySelector(".playbook-share__result");
    const area = box.querySelector("textarea");
    const editor = box.querySelector("[data-playbook-action=open-editor]");
    const editorBase = editor ? editor.getAttribute("href") : "";
    // The name the reader's changes carry (`by`): kept in this browser with their progress.
    const name = box.querySelector(".playbook-share__name");
    if (name) {
      name.value = load().name;
      name.addEventListener("change", () => save(withName(load(), name.value)));
    }
    box.querySelector("[data-playbook-action=share-changes]").addEventListener("click", () => {
      const stamp = stampOf(new Date());
      const changed = changesDocument(load(), data, known, teamAnswers, stamp);
      const count = changeCount(changed);
      if (!count) {
        result.hidden = true;
        status.textContent = status.getAttribute("data-nothing");
        return;
      }
      area.value = changesYaml(changed, "# " + box.getAttribute("data-heading") + " (" + stamp + ")");
      result.hidden = false;
      status.textContent = fill(status.getAttribute("data-count"), { count });
      if (editor && editor.getAttribute("data-creates") === "true") {
        // GitHub's "new file" page takes the file's text from ?value=.
        editor.href = editorBase + "&value=" + encodeURIComponent(area.value);
      }
    });
    box.querySelector("[data-playbook-action=copy-snippet]").addEventListener("click", () => {
      copyText(area, status);
    });
    box.querySelector("[data-playbook-action=download-snippet]").addEventListener("click", (event) => {
      download(event.currentTarget.getAttribute("data-filename"), "application/yaml", area.value);
    });
    box.hidden = false;
  }
}

function shareOf(box) {
  return readShare(
    box.getAttribute("data-share-journey"),
    box.getAttribute("data-fingerprint"),
    box.getAttribute("data-share-ids"),
  );
}

function setUpMakeLink(box, share) {
  const status = box.querySelector(".playbook-status");
  const field = box.querySelector(".playbook-sharelink__url");
  box.querySelector("[data-playbook-action=make-link]").addEventListener("click", () => {
    encodeLink(linkPayload(share, load(), data, teamAnswersOnPage(), stampOf(new Date()))).then((code) => {
      field.value = location.origin + location.pathname + LINK_PREFIX + code;
      status.textContent = fill(status.getAttribute("data-made"), { length: field.value.length });
      field.focus();
      field.select();
    });
  });
}

function forgetLink() {
  history.replaceState(history.state, "", location.pathname + location.search);
}

/* A link's outcome is written in its box far down the journey page, while the reader is at
   the top, where the link opened it (or in the dialog, which gave focus back to the body).
   So the outcome is brought to them: scrolled to the middle of the screen (clear of the
   sticky header) and focused, which a screen reader reads out, with the undo next to it. */
function tellHere(status, text) {
  status.textContent = text;
  status.setAttribute("tabindex", "-1");
  status.scrollIntoView({ block: "center" });
  status.focus({ preventScroll: true });
}

function openLink(box, share) {
  const status = box.querySelector(".playbook-status");
  const dialog = box.querySelector("dialog");
  decodeLink(location.hash.slice(LINK_PREFIX.length)).then((payload) => {
    const read = readLink(payload, share, load(), data.items);
    showPreview(dialog, read.counts, read.unknown);
    dialog.querySelector(".playbook-link-changed").hidden = !read.changed;
    ask(dialog, (choice) => {
      forgetLink();
      if (choice !== "merge") {
        tellHere(status, status.getAttribute("data-cancelled"));
        return;
      }
      const before = load();
      const next = applyLink(before, read, data.items);
      save(next);
      showState(next);
      offerUndo(box, "replace", before);
      tellHere(status, status.getAttribute("data-done"));
    });
  }).catch(() => {
    forgetLink();
    tellHere(status, status.getAttribute("data-broken"));
  });
}

function setUpShareLinks() {
  for (const box of all(".playbook-sharelink")) {
    const share = shareOf(box);
    setUpMakeLink(box, share);
    box.hidden = false;
    if (location.hash.indexOf(LINK_PREFIX) === 0) openLink(box, share);
    // A link pasted into the address bar of this very page only changes the fragment.
    window.addEventListener("hashchange", () => {
      if (location.hash.indexOf(LINK_PREFIX) === 0) openLink(box, share);
    });
  }
}

/** The keys `box` may send: its own list (a journey page's), else the site's (home page). */
function knownOf(box) {
  const holder = box.hasAttribute("data-known-ticks") ? box : document.querySelector(".playbook-transfer");
  return {
    ticks: lookup(keysOf(holder, "data-known-ticks")),
    answers: lookup(keysOf(holder, "data-known-answers")),
  };
}

/** Opens the empty form at `url` for a `body` too long for the address, copied for the
    reader to paste; `count` changes, said in `status`. */
function sendByPaste(url, count, area, status, body) {
  area.value = body;
  function opened(key) {
    status.textContent = fill(status.getAttribute(key), { count });
  }
  // Copied first, while the page still has the focus the clipboard needs; the empty form
  // opens either way, and a body the browser would not copy is shown to copy by hand.
  const open = () => window.open(url, "_blank", "noopener");
  const failed = () => {
    area.parentNode.hidden = false;
    area.focus();
    area.select();
    opened("data-paste-failed");
    open();
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(body).then(() => {
      opened("data-paste");
      open();
    }, failed);
  } else {
    failed();
  }
}

function setUpSendToTeam() {
  for (const box of all(".playbook-send")) {
    const known = knownOf(box);
    const status = box.querySelector(".playbook-status");
    const area = box.querySelector("textarea");
    box.querySelector("[data-playbook-action=send-to-team]").addEventListener("click", () => {
      area.parentNode.hidden = true;
      const changed = changesDocument(load(), data, known, teamAnswersOnPage(), stampOf(new Date()));
      const count = changeCount(changed);
      if (!count) {
        status.textContent = status.getAttribute("data-nothing");
        return;
      }
      const body = issueBody(box.getAttribute("data-prose"), changesYaml(changed, MARKER));
      const address = issueUrl(box.getAttribute("data-new-issue"), box.getAttribute("data-title"), body);
      if (address.prefilled) {
        window.open(address.url, "_blank", "noopener");
        status.textContent = fill(status.getAttribute("data-opened"), { count });
        return;
      }
      sendByPaste(address.url, count, area, status, body);
    });
    box.hidden = false;
  }
}

/** Sets up "share my changes", share links and "send to the team" on the page. */
export function setUpSharing() {
  setUpShareChanges();
  setUpShareLinks();
  setUpSendToTeam();
}
