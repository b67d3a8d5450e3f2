// Progressive enhancement of the registration form: inline validation and submitting through the JSON API
// without a reload. Without this script the same form posts as plain HTML and the server renders the errors.
(function () {
  "use strict";

  var messages = {
    firstName: "Bitte geben Sie Ihren Vornamen an.",
    lastName: "Bitte geben Sie Ihren Nachnamen an.",
    email: "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@kommune.de.",
    organization: "Bitte geben Sie Ihre Kommune oder Behörde an.",
    consent: "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu. Ohne Ihre Zustimmung können wir Ihre Anmeldung nicht bearbeiten."
  };
  var order = ["firstName", "lastName", "email", "organization", "role", "sessions", "dietary", "accessibilityNeeds", "consent"];

  function field(form, name) { return form.querySelector("#f-" + name); }

  function validate(form, name) {
    var input = field(form, name);
    if (!input) { return null; }
    if (name === "consent") { return input.checked ? null : messages.consent; }
    var value = input.value.trim();
    if (name === "email") { return /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value) ? null : messages.email; }
    return value.length > 0 ? null : messages[name];
  }

  function describedBy(input, id, add) {
    var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== id; });
    if (add) { ids.push(id); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
  }

  function controlsOf(form, name) {
    if (name === "sessions") {
      var set = form.querySelector("fieldset.sessions");
      return set ? Array.prototype.slice.call(set.querySelectorAll("input")) : [];
    }
    var input = field(form, name);
    return input ? [input] : [];
  }

  function setFieldError(form, name, text) {
    var controls = controlsOf(form, name);
    if (!controls.length) { return false; }
    var id = "f-" + name + "-fehler";
    var container = name === "sessions" ? form.querySelector("fieldset.sessions") : controls[0].closest(".field");
    var existing = form.querySelector("#" + id);
    if (existing) { existing.parentNode.removeChild(existing); }
    controls.forEach(function (c) {
      describedBy(c, id, !!text);
      if (text) { c.setAttribute("aria-invalid", "true"); } else { c.removeAttribute("aria-invalid"); }
    });
    if (container) { container.classList.toggle("invalid", !!text); }
    if (!text) { return true; }
    var p = document.createElement("p");
    p.className = "field-error";
    p.id = id;
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = "Fehler: ";
    p.appendChild(hidden);
    p.appendChild(document.createTextNode(text));
    if (name === "sessions") {
      var legendHint = container.querySelector(".hint");
      container.insertBefore(p, legendHint ? legendHint.nextSibling : container.firstChild.nextSibling);
    } else {
      controls[0].parentNode.insertBefore(p, controls[0]);
    }
    return true;
  }

  function clearSummary(form) {
    var old = document.getElementById("fehlerliste");
    if (old) { old.parentNode.removeChild(old); }
  }

  function showSummary(form, errors, detail) {
    clearSummary(form);
    var box = document.createElement("div");
    box.className = "error-summary";
    box.id = "fehlerliste";
    box.setAttribute("role", "alert");
    box.setAttribute("tabindex", "-1");
    box.setAttribute("aria-labelledby", "fehlerliste-titel");
    var h = document.createElement("h2");
    h.id = "fehlerliste-titel";
    h.textContent = "Bitte prüfen Sie Ihre Angaben";
    box.appendChild(h);
    var list = document.createElement("ul");
    var names = Object.keys(errors).sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    names.forEach(function (name) {
      errors[name].forEach(function (text) {
        var li = document.createElement("li");
        if (controlsOf(form, name).length) {
          var a = document.createElement("a");
          a.href = "#f-" + name;
          a.textContent = text;
          a.addEventListener("click", function (e) {
            e.preventDefault();
            var target = controlsOf(form, name)[0];
            target.focus();
            target.scrollIntoView({ block: "center" });
          });
          li.appendChild(a);
        } else {
          li.textContent = text;
        }
        list.appendChild(li);
      });
    });
    if (!names.length && detail) {
      var p = document.createElement("li");
      p.textContent = detail;
      list.appendChild(p);
    }
    box.appendChild(list);
    form.querySelector(".error-summary-slot").appendChild(box);
    box.focus();
  }

  function collect(form) {
    var data = new FormData(form);
    var sessions = [];
    data.forEach(function (value, key) {
      if ((key === "sessions" || key.indexOf("sessions-") === 0) && value) { sessions.push(String(value)); }
    });
    function text(name) { var v = data.get(name); return v === null ? null : String(v); }
    return {
      firstName: text("firstName"), lastName: text("lastName"), email: text("email"), organization: text("organization"),
      role: text("role"), sessions: sessions, dietary: text("dietary"), accessibilityNeeds: text("accessibilityNeeds"),
      consent: !!(field(form, "consent") && field(form, "consent").checked), consentVersion: text("consentVersion"),
      website: text("website"), requestKey: text("requestKey")
    };
  }

  function showSuccess(form) {
    var success = document.getElementById("anmeldung-erfolg");
    var notes = success.querySelector(".waitlist-notes");
    notes.textContent = "";
    function note(text) { var li = document.createElement("li"); li.textContent = text; notes.appendChild(li); }
    if (form.getAttribute("data-event-full") === "true") {
      note("Die Veranstaltung ist ausgebucht. Nach Ihrer Bestätigung stehen Sie auf der Warteliste und rücken automatisch nach, sobald ein Platz frei wird.");
    }
    Array.prototype.forEach.call(form.querySelectorAll("input[data-ausgebucht]:checked"), function (input) {
      note("„" + input.getAttribute("data-ausgebucht") + "“ ist ausgebucht. Sie kommen dort auf die Warteliste und rücken automatisch nach, sobald ein Platz frei wird.");
    });
    form.hidden = true;
    success.hidden = false;
    success.querySelector("h2").focus();
  }

  function enhance(form) {
    ["firstName", "lastName", "email", "organization"].forEach(function (name) {
      var input = field(form, name);
      if (!input) { return; }
      input.addEventListener("blur", function () {
        // Judge a field only once the person has typed into it or it already shows an error.
        if (input.value.trim() || input.getAttribute("aria-invalid") === "true") { setFieldError(form, name, validate(form, name)); }
      });
    });
    var consent = field(form, "consent");
    if (consent) { consent.addEventListener("change", function () { if (consent.checked) { setFieldError(form, "consent", null); } }); }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var errors = {};
      ["firstName", "lastName", "email", "organization", "consent"].forEach(function (name) {
        var message = validate(form, name);
        setFieldError(form, name, message);
        if (message) { errors[name] = [message]; }
      });
      if (Object.keys(errors).length) { showSummary(form, errors); return; }

      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.getAttribute("data-api"), {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(collect(form))
      }).then(function (response) {
        if (response.status === 202) { clearSummary(form); showSuccess(form); return; }
        return response.json().catch(function () { return {}; }).then(function (problem) {
          var fieldErrors = problem.errors || {};
          order.forEach(function (name) { setFieldError(form, name, fieldErrors[name] ? fieldErrors[name].join(" ") : null); });
          showSummary(form, fieldErrors, problem.detail || "Die Anmeldung hat nicht geklappt. Bitte versuchen Sie es erneut.");
        });
      }).catch(function () {
        // No connection to the API: fall back to the plain form post.
        form.submit();
      }).then(function () { button.disabled = false; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.registration"), enhance);
    var summary = document.getElementById("fehlerliste");
    if (summary && document.activeElement !== summary) { summary.focus(); }
  });
})();

// The "Drucken" button of the attendance list: hidden in the markup, shown only where this script can print;
// without script the browser's own print command prints the same page with the same print styles.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
