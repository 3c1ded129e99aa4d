// Counts a rule's first SMS text as the supervisor types it, exactly as
// survey.Measure does on the server (internal/survey/segments.go; the
// browser test TestRuleSMSTextCountsSegmentsLive compares the two). The
// page shows the server's count without this file.
(function () {
  "use strict";
  // GSM 03.38's default alphabet and its extension table, whose
  // characters take two septets.
  var basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var extended = "^{}\\[~]|€\f";
  // Go's unicode.IsSpace, which the server trims a text with.
  var space = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

  function measure(text) {
    var septets = 0, gsm = true;
    for (var ch of text) { // code points, as Go ranges over a string
      if (basic.indexOf(ch) >= 0) septets++;
      else if (extended.indexOf(ch) >= 0) septets += 2;
      else gsm = false;
    }
    var m = { encoding: "GSM-7", units: septets, segments: 0, left: 0, class: "" };
    var single = 160, each = 153;
    if (!gsm) {
      // A JavaScript string's length is its UTF-16 code units: an emoji
      // outside the BMP is two, as in UCS-2.
      m.encoding = "UCS-2"; m.units = text.length; single = 70; each = 67;
    }
    if (text === "") m.left = single;
    else if (m.units <= single) { m.segments = 1; m.left = single - m.units; }
    else { m.segments = Math.ceil(m.units / each); m.left = m.segments * each - m.units; }
    m.class = m.segments >= 4 ? "many_parts" : m.segments > 1 ? "few_parts" : "one_part";
    return m;
  }

  // firstText is the message an opening makes: trimmed, then the lines
  // the survey adds (settings.MeasureSMSText).
  function firstText(typed, after) {
    var text = typed.replace(/\r\n/g, "\n").replace(space, "");
    return [text, after].filter(function (p) { return p !== ""; }).join("\n");
  }

  var persian = "۰۱۲۳۴۵۶۷۸۹";
  function digits(n) {
    var s = String(n);
    if (document.documentElement.lang !== "fa") return s;
    return s.replace(/[0-9]/g, function (d) { return persian[+d]; });
  }

  function update(area) {
    var out = document.getElementById(area.id + "-count");
    if (!out) return;
    var m = measure(firstText(area.value, area.dataset.smsAfter || ""));
    out.querySelector("[data-sms=segments]").textContent = digits(m.segments);
    out.querySelector("[data-sms=encoding]").textContent = m.encoding;
    out.querySelector("[data-sms=left]").textContent = digits(m.left);
    out.querySelector("[data-sms=class]").textContent = out.dataset[m.class] || m.class;
  }

  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("textarea[data-sms-after]")) update(e.target);
  });

  window.tamasSMS = { measure: measure, firstText: firstText };
})();
