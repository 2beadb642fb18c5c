// ESLint for the page scripts (`make lint`): the recommended rules, each file with the
// globals of where it runs. Pinned with everything else in package-lock.json.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", ".venv/", "site/", "playbook/", "examples/**/site/"] },
  js.configs.recommended,
  {
    // The page's modules: served as they are, run in the browser.
    files: ["generator/site/theme/assets/playbook/**/*.js"],
    languageOptions: {
      sourceType: "module",
      globals: { ...globals.browser, __md_scope: "readonly" },
    },
  },
  {
    // The search worker wraps Material's classic worker script (importScripts).
    files: ["generator/site/theme/assets/javascripts/workers/*.js"],
    languageOptions: { sourceType: "script", globals: globals.worker },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
