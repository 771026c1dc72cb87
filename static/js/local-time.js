/* Add the visitor's own time beside each date the server wrote in Geneva time.
 *
 * The server renders <span class="when" data-local-label="Your time"><time datetime="ISO">...</time>
 * Geneva time</span>; without JavaScript that stays as it is. With it, when the visitor's
 * clock differs from Geneva's at that moment, " · Your time: <local date and time>" follows.
 */
(function () {
  "use strict";

  var GENEVA = "Europe/Zurich";

  /* Like the server's DATETIME_FORMAT for the page's language: day, full month and year, then
   * the hour as that language writes it (no leading zero, no weekday): "4 de noviembre de 2025,
   * 10:00", "November 4, 2025 at 10:00 AM". */
  function format(date, lang, timeZone, withZoneName) {
    var options = {
      year: "numeric", month: "long", day: "numeric",
      hour: "numeric", minute: "2-digit"
    };
    if (timeZone) { options.timeZone = timeZone; }
    if (withZoneName) { options.timeZoneName = "short"; }
    return new Intl.DateTimeFormat(lang || undefined, options).format(date);
  }

  function addLocalTimes() {
    if (typeof Intl === "undefined" || !Intl.DateTimeFormat) { return; }
    var lang = document.documentElement.getAttribute("lang");
    var holders = document.querySelectorAll(".when[data-local-label]");
    Array.prototype.forEach.call(holders, function (holder) {
      var time = holder.querySelector("time[datetime]");
      if (!time || holder.querySelector(".local-time")) { return; }
      var date = new Date(time.getAttribute("datetime"));
      if (isNaN(date.getTime())) { return; }
      try {
        if (format(date, lang, GENEVA, false) === format(date, lang, undefined, false)) { return; }
        var local = document.createElement("span");
        local.className = "local-time";
        local.textContent = " · " + holder.getAttribute("data-local-label") + ": " + format(date, lang, undefined, true);
        holder.appendChild(local);
      } catch (error) {
        /* An unknown language or zone: the Geneva time alone is still right. */
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addLocalTimes);
  } else {
    addLocalTimes();
  }
})();
