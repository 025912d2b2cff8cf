/* The claim form's editor aids (curation/admin/claim_entry.py): the typed value read back,
   the unit taken from the metric, and the article's selected text used as the quote.
   A static file: the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  function readBack(input, url) {
    var shown = document.createElement("div");
    shown.className = "readback";
    shown.id = input.id + "_readback";
    shown.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + shown.id).trim());
    input.insertAdjacentElement("afterend", shown);
    var timer = null;
    var asked = 0;

    function ask() {
      var typed = input.value.trim();
      if (!typed) {
        shown.textContent = "";
        shown.classList.remove("readback-error");
        return;
      }
      var mine = ++asked;
      fetch(url + "?value=" + encodeURIComponent(typed), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (mine !== asked) { return; } // a later keystroke has its own answer coming
          shown.classList.toggle("readback-error", Boolean(answer.error));
          shown.textContent = answer.error ? answer.error : "Read as " + answer.reading;
        })
        .catch(function () { shown.textContent = ""; });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 250);
    });
    ask();
  }

  function unitFromMetric(units) {
    var metric = document.getElementById("id_metric");
    var unit = document.getElementById("id_unit");
    if (!metric || !unit) { return; }
    var filled = unit.value; // the unit this script last put there (or the stored one)

    function fill() {
      var wanted = units[metric.value];
      // Only an empty unit or one this script filled is replaced: a typed currency stays.
      if (wanted && (!unit.value || unit.value === filled)) {
        unit.value = wanted;
        filled = wanted;
      }
    }

    // The metric is an autocomplete (select2), which announces changes through jQuery only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(metric).on("change", fill);
    } else {
      metric.addEventListener("change", fill);
    }
  }

  function quoteFromSelection() {
    var button = document.getElementById("use-selection");
    var article = document.getElementById("claim-source-text");
    var status = document.getElementById("use-selection-status");
    if (!button || !article) { return; }
    button.addEventListener("click", function () {
      var selection = window.getSelection();
      var inside = selection && selection.rangeCount > 0 &&
        article.contains(selection.getRangeAt(0).commonAncestorContainer);
      var text = inside ? selection.toString().trim() : "";
      if (!text) {
        status.textContent = "First select the words that state the figure in the article text.";
        return;
      }
      var quotes = Array.prototype.slice.call(
        document.querySelectorAll("textarea[name^='citations-'][name$='-quote']")
      ).filter(function (field) { return field.name.indexOf("__prefix__") === -1; });
      var target = quotes.filter(function (field) { return !field.value.trim(); })[0] || quotes[0];
      if (!target) {
        status.textContent = "There is no citation quote field to fill.";
        return;
      }
      target.value = text;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      status.textContent = "Quote set: “" + text + "”.";
      target.focus();
    });
  }

  /* Each citation's quote checked against its source as it is typed or picked: "Found in the
     article", or the nearest passage with the differing words marked. The answer is built
     from text nodes, so the article's words are never read as markup. */
  function checkQuote(textarea, url) {
    var prefix = textarea.name.slice(0, -"quote".length); // "citations-0-"
    var source = document.getElementById("id_" + prefix + "source");
    if (!source) { return; }
    var shown = document.createElement("div");
    shown.className = "quote-check";
    shown.id = textarea.id + "_check";
    shown.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", shown);
    var timer = null;
    var asked = 0;

    function show(answer) {
      shown.textContent = "";
      shown.classList.toggle("quote-check-missing", answer.found === false);
      if (answer.error || answer.found === undefined) { return; }
      if (answer.found) {
        shown.textContent = "Found verbatim in the article.";
        return;
      }
      if (!answer.passage.length) {
        shown.textContent = "Not in the article, and no passage of it is close. It can be saved as a draft, not submitted.";
        return;
      }
      shown.appendChild(document.createTextNode("Not in the article; did you mean: “"));
      var passage = document.createElement("span");
      passage.className = "did-you-mean";
      answer.passage.forEach(function (piece) {
        var node = piece.differs ? document.createElement("mark") : document.createTextNode(piece.text);
        if (piece.differs) { node.textContent = piece.text; }
        passage.appendChild(node);
      });
      shown.appendChild(passage);
      shown.appendChild(document.createTextNode("”?"));
    }

    function ask() {
      var quote = textarea.value.trim();
      if (!quote || !source.value) { shown.textContent = ""; return; }
      var mine = ++asked;
      var query = "?source=" + encodeURIComponent(source.value) + "&quote=" + encodeURIComponent(quote);
      fetch(url + query, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) { if (mine === asked) { show(answer); } })
        .catch(function () { shown.textContent = ""; });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(ask, 300);
    }
    textarea.addEventListener("input", later);
    if (window.django && window.django.jQuery) {
      window.django.jQuery(source).on("change", later);
    } else {
      source.addEventListener("change", later);
    }
    ask();
  }

  function checkQuotes(url) {
    document.querySelectorAll("textarea[name^='citations-'][name$='-quote']").forEach(function (textarea) {
      if (textarea.name.indexOf("__prefix__") === -1 && !textarea.hasAttribute("data-checked")) {
        textarea.setAttribute("data-checked", "");
        checkQuote(textarea, url);
      }
    });
  }

  /* The admin's autocomplete boxes (select2) hide the labelled <select> and show a combobox
     without a name; give each the label of its field, for screen readers (axe-core checks). */
  function nameComboboxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
      if (!label) { return; }
      var name = label.textContent.replace(/:\s*$/, "").trim();
      // The combobox is named by its rendered text (aria-labelledby), empty until a choice is made.
      select.parentNode.querySelectorAll(
        ".select2-selection[role='combobox'], .select2-selection__rendered"
      ).forEach(function (element) {
        if (!element.hasAttribute("aria-label")) { element.setAttribute("aria-label", name); }
      });
    });
  }
  document.addEventListener("formset:added", function () {
    setTimeout(function () {
      nameComboboxes();
      var entry = document.getElementById("claim-entry");
      if (entry) { checkQuotes(entry.getAttribute("data-check-quote-url")); }
    }, 0);
  });

  document.addEventListener("DOMContentLoaded", function () {
    // The admin builds its autocomplete boxes in a jQuery ready handler registered before this
    // one; jQuery runs them in order, so the boxes exist when this one runs.
    if (window.django && window.django.jQuery) { window.django.jQuery(nameComboboxes); }
    var entry = document.getElementById("claim-entry");
    if (!entry) { return; }
    var url = entry.getAttribute("data-read-number-url");
    ["id_value", "id_value_max"].forEach(function (id) {
      var input = document.getElementById(id);
      if (input && input.tagName === "INPUT") { readBack(input, url); }
    });
    var unitsData = document.getElementById("claim-metric-units");
    unitFromMetric(unitsData ? JSON.parse(unitsData.textContent) : {});
    quoteFromSelection();
    // After the admin's ready handlers, so the source boxes are built.
    var checkUrl = entry.getAttribute("data-check-quote-url");
    if (window.django && window.django.jQuery) {
      window.django.jQuery(function () { checkQuotes(checkUrl); });
    } else {
      checkQuotes(checkUrl);
    }
  });
})();
