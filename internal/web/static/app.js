// Keyboard shortcuts for agents on a headset all day. Every page works
// without this file; it only saves hands from the mouse.
(function () {
  "use strict";
  var page = document.body.dataset.page;
  var persian = "۰۱۲۳۴۵۶۷۸۹", arabic = "٠١٢٣٤٥٦٧٨٩";

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return true;
    return tag === "INPUT" && ["radio", "checkbox", "submit", "button"].indexOf(target.type) < 0;
  }

  function digit(key) {
    if (/^[0-9]$/.test(key)) return key;
    var i = persian.indexOf(key);
    if (i < 0) i = arabic.indexOf(key);
    return i < 0 ? null : String(i);
  }

  function choose(input) {
    input.checked = true;
    input.focus();
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("keydown", function (e) {
    if (e.metaKey) return;
    // "/" finds a customer from any page, as search boxes do elsewhere.
    var search = document.getElementById("customer-search");
    if (search && e.key === "/" && !e.ctrlKey && !e.altKey && !typing(e.target)) {
      e.preventDefault();
      search.focus();
      return;
    }
    if (page === "queue" && !typing(e.target) && !e.ctrlKey && !e.altKey && (e.key === "n" || e.key === "N" || e.key === "د")) {
      var next = document.getElementById("next-call");
      var resume = document.querySelector("[data-testid=resume-call]");
      if (next) { e.preventDefault(); next.requestSubmit(); }
      else if (resume) { e.preventDefault(); resume.click(); }
      return;
    }
    if (page !== "call") return;
    var form = document.getElementById("call-form");
    if (e.ctrlKey && e.key === "Enter") { e.preventDefault(); form.requestSubmit(); return; }
    if (e.altKey && !e.ctrlKey && e.code === "KeyR") {
      // Release: open the card and put the agent on its first reason.
      var release = document.getElementById("release-card");
      if (release) {
        e.preventDefault();
        release.open = true;
        var reason = release.querySelector("input[name=reason]:checked") || release.querySelector("input[name=reason]");
        if (reason) reason.focus();
      }
      return;
    }
    if (e.altKey && !e.ctrlKey) {
      var k = digit(e.key) || digit(e.code.replace("Digit", ""));
      var outcome = k && form.querySelector('input[name=disposition][data-key="' + k + '"]');
      if (outcome) { e.preventDefault(); choose(outcome); }
      return;
    }
    if (e.ctrlKey || typing(e.target)) return;
    // Digits answer scales and choices; Y and N, by the physical key so
    // the Persian layout's غ and د work too, answer yes/no questions.
    var d = digit(e.key);
    if (d === null && /^Digit[0-9]$/.test(e.code)) d = e.code.slice(5);
    var yn = { KeyY: "yes", KeyN: "no" }[e.code];
    if (d === null && !yn) return;
    var types = yn ? ["yes_no"] : ["rating", "nps", "choice"];
    var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset.question"));
    // The focused question, else the first one of its kind not yet answered.
    var set = e.target.closest && e.target.closest("fieldset.question");
    if (!set || types.indexOf(set.dataset.type) < 0) {
      set = questions.filter(function (f) { return types.indexOf(f.dataset.type) >= 0 && !answered(f); })[0];
    }
    if (!set) return;
    var answer = yn ? set.querySelector('input[value="' + yn + '"]')
      : set.dataset.type === "choice" ? set.querySelectorAll("input[type=radio]")[Number(d) - 1]
      : set.querySelector('input[value="' + d + '"]');
    if (!answer) return;
    e.preventDefault();
    choose(answer);
    // On to the next question still open, so 1 then 3 answers two scales.
    var at = questions.indexOf(set);
    var next = questions.slice(at + 1).concat(questions.slice(0, at)).filter(function (f) { return !answered(f); })[0];
    var field = next && next.querySelector("input, textarea");
    if (field) field.focus();
  });

  function answered(set) {
    var text = set.querySelector("textarea");
    return text ? text.value.trim() !== "" : !!set.querySelector("input:checked");
  }

  // The callback time matters only for "call back later".
  var form = document.getElementById("call-form");
  if (form) {
    var callback = form.querySelector(".callback");
    var sync = function () {
      var chosen = form.querySelector("input[name=disposition]:checked");
      callback.hidden = !(chosen && chosen.value === "callback") && !callback.querySelector(".problem");
    };
    form.addEventListener("change", sync);
    sync();
  }

  // Report pages: a print button, shown only where it works (the browser's
  // own print command works without it).
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
