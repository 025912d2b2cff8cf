// Live progress of a background job on its admin page: polls the job's status.json and updates
// the bar and the texts. A static file, because the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var root = document.querySelector("[data-job-status-url]");
  if (!root) {
    return;
  }
  var url = root.getAttribute("data-job-status-url");
  var INTERVAL_MS = 1000;

  function setText(id, text) {
    var element = document.getElementById(id);
    if (element) {
      element.textContent = text;
    }
  }

  function show(id, visible) {
    var element = document.getElementById(id);
    if (element) {
      element.hidden = !visible;
    }
  }

  function render(status) {
    var bar = document.getElementById("job-bar");
    if (bar) {
      if (status.percent === null) {
        bar.removeAttribute("value");
      } else {
        bar.value = status.percent;
        bar.textContent = status.percent + "%";
      }
    }
    setText("job-percent", status.percent === null ? "" : status.percent + " %");
    var state = document.getElementById("job-state");
    if (state) {
      state.textContent = status.state_label;
      state.className = "job-state-" + status.state;
    }
    setText("job-phase", status.phase || "—");
    setText("job-items", status.done.toLocaleString() + (status.total ? " of " + status.total.toLocaleString() : ""));
    setText("job-elapsed", status.elapsed_text || "—");
    setText("job-remaining", status.remaining_text || "—");
    setText("job-waiting", status.waiting_text || "");
    setText("job-attempts", String(status.attempts));
    setText("job-summary", status.summary || "");
    setText("job-error", status.error || "");
    var link = document.getElementById("job-result");
    if (link && status.result_url) {
      link.href = status.result_url;
      link.hidden = false;
    }
    show("job-cancel", !status.finished);
    show("job-retry", status.state === "failed" || status.state === "cancelled");
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        render(status);
        if (!status.finished) {
          window.setTimeout(poll, INTERVAL_MS);
        }
      })
      .catch(function () {
        // A failed poll (a restart, a dropped connection) is tried again a little later.
        window.setTimeout(poll, INTERVAL_MS * 5);
      });
  }

  window.setTimeout(poll, INTERVAL_MS);
})();
