// The listing's filter panel starts open (without scripts every field shows); on a phone it
// folds, so that the first claims are on the first screen, unless a field has an error to read.
"use strict";
(() => {
  const panel = document.getElementById("filter-panel");
  if (panel && window.matchMedia("(max-width: 600px)").matches && !panel.querySelector(".error, .errors")) {
    panel.open = false;
  }
})();
