/* Prefill the registration form's time zone with the browser's own (an IANA name such as
 * "Africa/Nairobi"), unless the visitor chose one already. Without JavaScript the select
 * lists common zones and "Geneva time only"; the server checks whatever arrives.
 */
(function () {
  "use strict";

  function prefill() {
    var select = document.querySelector("select[data-detect-time-zone]");
    if (!select || select.value || typeof Intl === "undefined" || !Intl.DateTimeFormat) { return; }
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (error) { return; }
    if (!zone || !/^[A-Za-z_]+(\/[A-Za-z0-9_+\-]+)+$/.test(zone)) { return; }
    var known = Array.prototype.some.call(select.options, function (option) { return option.value === zone; });
    if (!known) {
      var option = document.createElement("option");
      option.value = zone;
      option.textContent = zone.replace(/_/g, " ");
      select.appendChild(option);
    }
    select.value = zone;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prefill);
  } else {
    prefill();
  }
})();
