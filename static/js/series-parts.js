/* Parts of a proposed series: move up/down and add a part without a round trip.
 * Progressive enhancement only: without this script the same buttons post the form
 * and the server rearranges the parts (nothing is saved until "Save").
 */
(function () {
  "use strict";

  function setUp(fieldset) {
    var list = fieldset.querySelector("[data-parts-list]");
    var template = fieldset.querySelector("template[data-empty-part]");
    var total = fieldset.querySelector('input[name$="-TOTAL_FORMS"]');
    var maximum = fieldset.querySelector('input[name$="-MAX_NUM_FORMS"]');
    var label = fieldset.getAttribute("data-part-label") || "%(number)s";
    if (!list || !total) {
      return;
    }

    function items() {
      return Array.prototype.slice.call(list.querySelectorAll(":scope > [data-part]"));
    }

    function renumber() {
      var parts = items();
      parts.forEach(function (item, index) {
        var order = item.querySelector("input.part-order");
        if (order) {
          order.value = String(index + 1);
        }
        var heading = item.querySelector("[data-part-heading]");
        if (heading) {
          heading.textContent = label.replace("%(number)s", String(index + 1));
        }
        var up = item.querySelector('[data-move="up"]');
        var down = item.querySelector('[data-move="down"]');
        if (up) {
          up.disabled = index === 0;
        }
        if (down) {
          down.disabled = index === parts.length - 1;
        }
      });
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-move]");
      if (!button || !list.contains(button)) {
        return;
      }
      event.preventDefault();
      var item = button.closest("[data-part]");
      if (button.getAttribute("data-move") === "up" && item.previousElementSibling) {
        list.insertBefore(item, item.previousElementSibling);
      } else if (button.getAttribute("data-move") === "down" && item.nextElementSibling) {
        list.insertBefore(item.nextElementSibling, item);
      }
      renumber();
      if (!button.disabled) {
        button.focus();
      } else {
        var other = item.querySelector("button[data-move]:not([disabled])");
        if (other) {
          other.focus();
        }
      }
    });

    var add = fieldset.querySelector("[data-add-part]");
    if (add && template) {
      add.addEventListener("click", function (event) {
        var count = parseInt(total.value, 10) || 0;
        var limit = maximum ? parseInt(maximum.value, 10) : NaN;
        if (!isNaN(limit) && count >= limit) {
          return; /* the server says why */
        }
        event.preventDefault();
        var holder = document.createElement("div");
        holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(count));
        var item = holder.firstElementChild;
        list.appendChild(item);
        total.value = String(count + 1);
        renumber();
        var first = item.querySelector("input:not([type=hidden]), textarea");
        if (first) {
          first.focus();
        }
      });
    }
  }

  document.querySelectorAll("[data-series-parts]").forEach(setUp);
})();
