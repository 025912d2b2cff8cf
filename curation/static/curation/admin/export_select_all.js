// The export page's "Select all" checkbox: checks or clears every field of its resource.
// A static file because the site's Content-Security-Policy allows no inline script or handler.
"use strict";
document.addEventListener("change", (event) => {
  const toggle = event.target;
  if (!toggle.matches("input.select-toggle")) {
    return;
  }
  const resourceRow = toggle.closest("[resource-index]");
  const selector = resourceRow
    ? `.selectable-field-export-row[resource-index="${resourceRow.getAttribute("resource-index")}"] input[type="checkbox"]`
    : '.selectable-field-export-row input[type="checkbox"]';
  document.querySelectorAll(selector).forEach((checkbox) => {
    if (checkbox !== toggle) {
      checkbox.checked = toggle.checked;
    }
  });
});
