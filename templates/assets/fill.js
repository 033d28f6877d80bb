/* Toolkit Builder: worksheets filled in on the page. On a page with sheets (`data-tk-sheet`:
   a worksheet, or a community's pre-filled sheets) the blank writing cells, lines and boxes
   become fields, the tick cells check boxes and the ranked lists reorderable. What a
   participant writes stays in this browser (localStorage; nothing is sent anywhere), comes
   back when the page is opened again, prints as filled in with the page's Print button, and is
   cleared by the sheet's own button. Without this script the page is the same sheet, to print
   and fill in by hand: the script only adds to the built page, and pre-filled cells stay as
   they are.

   One key per sheet and page address, "tk-fill:" + the page's path + "#" + the sheet's id
   (the path tells the languages apart: /es/… is another page), holding
     {"format": 1, "sheet": "personal-action-plan",
      "entries": [{"at": ["cell", 1, "Area of my relationship to improve"], "text": "…"},
                  {"at": ["cell", "We have met in the last two months.", "Yes"], "ticked": true},
                  {"at": ["line", "rank-green", 2], "text": "…"},
                  {"at": ["field", "Name"], "text": "…"}],
      "orders": {"rank-green": ["Saltwater Bait & Tackle", "Harbor County Landlord Association"]}}
   An entry names its place by what the sheet shows, not by where that sits on the page: a
   table cell by its row (the row's own heading, else which blank row it is) and its column's
   heading; a line by its list and number; a field by its label; a ranked list's order by its
   items' names. A new version of a sheet whose columns moved, or which gained a row, so puts
   each entry back in its column. An entry whose place is gone (a column removed or renamed) is
   neither dropped nor put somewhere else: it is kept, and listed under the sheet with its old
   place, for the participant to copy where it belongs or to discard. Text typed is only ever
   text (textContent, never HTML). */
(function fillIn() {
  "use strict";
  var sheets = document.querySelectorAll("[data-tk-sheet]");
  if (!sheets.length) {
    return;  // a page without sheets: nothing to do
  }
  var FORMAT = 1;
  var PREFIX = "tk-fill:";
  var words = fillWords();
  var store = tkLocalStore();
  var plainText = supportsPlainText();
  // The same page whether its address ends in a folder or in its index.html (a page opened from
  // disk); under file:// every page shares one origin, and its path still tells them apart.
  var address = window.location.pathname.replace(/index\.html$/, "");
  var forEach = function (list, each) { Array.prototype.forEach.call(list, each); };

  var enhanced = [];
  forEach(sheets, function (root) {
    var sheet = {
      root: root, id: root.dataset.tkSheet, fields: [], byPlace: new Map(),
      byElement: new Map(), lists: [], listLabels: {}, orphans: []
    };
    sheet.key = PREFIX + address + "#" + sheet.id;
    findFields(sheet);
    findOrders(sheet);
    if (!sheet.fields.length && !sheet.lists.length) {
      return;  // a sheet to read (a glossary, a comparison, a pre-filled timeline)
    }
    root.classList.add("tk-fill-on");
    addBar(sheet);
    restore(sheet, kept(sheet));
    listen(sheet);
    enhanced.push(sheet);
  });
  // The same sheet open in another tab: what it keeps shows here too, but for the field being
  // written in.
  window.addEventListener("storage", function (event) {
    enhanced.forEach(function (sheet) {
      if (event.key === sheet.key || event.key === null) {
        restore(sheet, kept(sheet));
      }
    });
  });

  /* The words the page carries (div.tk-fill-words), in its language; English without them. */
  function fillWords() {
    var found = {
      clear: "Clear what I wrote",
      confirm: "Clear everything you wrote on this sheet? It cannot be undone.",
      kept: "Kept on this device only: nothing you write is sent anywhere.",
      notKept: "This browser does not let the page keep what you write: "
        + "print the sheet before you leave.",
      up: "Move up", down: "Move down", place: "{item}: place {number} of {count}",
      row: "{column}, row {number}", line: "{column}, line {number}", cross: "{row}: {column}",
      earlier: "Written on an earlier version of this sheet, with no place on it now:",
      discard: "Discard these"
    };
    var given = document.querySelector("div.tk-fill-words");
    Object.keys(found).forEach(function (key) {
      var word = given && given.dataset["tkFill" + key[0].toUpperCase() + key.slice(1)];
      found[key] = word || found[key];
    });
    return found;
  }

  /* "plaintext-only" keeps a field to text as one types, pastes and drops (Chromium, Safari,
     Firefox 136+); elsewhere the field is "true" and `listen` keeps it to text. */
  function supportsPlainText() {
    var probe = document.createElement("div");
    try {
      probe.contentEditable = "plaintext-only";
    } catch (error) {
      return false;
    }
    return probe.contentEditable === "plaintext-only";
  }

  /* What a screen reader says of an element: its text without what is hidden from it (a dot's
     shape) and without a heading's permalink. */
  function spoken(node) {
    var copy = node.cloneNode(true);
    forEach(copy.querySelectorAll("[aria-hidden=true], .headerlink"), function (hidden) {
      hidden.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function isEmpty(element) {
    return !element.textContent.trim() && !element.children.length;
  }

  // ------------------------------------------------------------------ finding the fields

  function findFields(sheet) {
    forEach(sheet.root.querySelectorAll(".tk-field"), function (field) {
      var line = field.querySelector(".tk-field__line");
      var label = field.querySelector(".tk-field__label");
      if (line && label && isEmpty(line)) {
        var name = spoken(label).replace(/\s*:$/, "");
        textField(sheet, ["field", name], line, name, false);
      }
    });
    forEach(sheet.root.querySelectorAll("table.tk-grid"), function (table, index) {
      tableFields(sheet, table, index ? "cell" + (index + 1) : "cell");
    });
    forEach(sheet.root.querySelectorAll("ol.tk-lines, .tk-notes"), function (list, index) {
      lineFields(sheet, list, index);
    });
  }

  /* A table's blank rows, and a checklist's boxes and column to write in. A cell is named by
     its column's heading and its row: the row's heading where it has one (a matrix, a
     checklist), else which blank row it is (1, 2…), which stays the same when rows are added
     above it. */
  function tableFields(sheet, table, part) {
    var head = table.tHead && table.tHead.rows[0];
    var columns = head ? Array.prototype.map.call(head.cells, function (cell) {
      return {name: spoken(cell), tick: cell.classList.contains("tk-tick-col")};
    }) : [];
    var checklist = table.classList.contains("tk-checklist");
    var pattern = table.classList.contains("tk-roles") ? words.line : words.row;
    var blank = 0;
    forEach(table.tBodies, function (body) {
      forEach(body.rows, function (row, at) {
        var heading = row.querySelector(":scope > th[scope=row]");
        var isBlank = row.classList.contains("tk-blank");
        blank += isBlank ? 1 : 0;
        if (!heading && !isBlank) {
          return;  // a pre-filled row
        }
        var rowName = heading ? spoken(heading) : blank;
        forEach(row.cells, function (cell) {
          if (cell.tagName !== "TD") {
            return;
          }
          var column = columns[cell.cellIndex] || {name: String(cell.cellIndex + 1), tick: false};
          var place = [part, rowName, column.name];
          var label = heading && !checklist
            ? tkFilled(words.cross, {row: rowName, column: column.name})
            : tkFilled(pattern, {column: column.name, number: at + 1});
          var box = cell.querySelector(".tk-box");
          if (box) {
            tickField(sheet, place, box, spoken(box) || label);
          } else if ((isBlank || cell.classList.contains("tk-blank")) && isEmpty(cell)) {
            if (column.tick) {
              var made = document.createElement("span");
              made.className = "tk-box";
              cell.appendChild(made);
              tickField(sheet, place, made, label);
            } else {
              textField(sheet, place, cell, label, true);
            }
          }
        });
      });
    });
  }

  /* What names a list: a ranked list its dot, notes their item, any other the heading above. */
  function listName(list, index) {
    var rank = list.closest(".tk-rank");
    var colour = rank && /\btk-rank--(\w+)/.exec(rank.className);
    if (colour) {
      var dot = rank.querySelector(".tk-dot");
      return {key: "rank-" + colour[1], label: dot ? spoken(dot) : colour[1]};
    }
    var named = list.getAttribute("aria-label");
    var before = list.previousElementSibling;
    var label = named || (before && /^H\d$/.test(before.tagName) ? spoken(before) : "");
    return {key: label || "list " + (index + 1), label: label || String(index + 1)};
  }

  /* Lines to write on (a ranked list's, notes, talking points); a ranked list's lines move up
     and down, taking what is written on them along. */
  function lineFields(sheet, list, index) {
    var slots = list.querySelectorAll(":scope > .tk-blank");
    if (!slots.length) {
      return;
    }
    var name = listName(list, index);
    sheet.listLabels[name.key] = name.label;
    var ranked = list.closest(".tk-rank") !== null;
    list.classList.add("tk-fill-list");
    var lines = Array.prototype.map.call(slots, function (slot, at) {
      var label = tkFilled(words.line, {column: name.label, number: at + 1});
      return textField(sheet, ["line", name.key, at + 1], slot, label, false);
    });
    if (ranked) {
      lines.forEach(function (line, at) {
        line.moves = moveButtons(line.element.parentNode, line.label, function (step) {
          swapLines(sheet, lines, at, step);
        });
      });
      lines.forEach(function (line, at) { enableMoves(line.moves, at, lines.length); });
    }
  }

  function textField(sheet, at, host, label, multiline) {
    var element = document.createElement(multiline ? "div" : "span");
    element.className = "tk-fill-text";
    element.setAttribute("role", "textbox");
    element.setAttribute("aria-label", label);
    if (multiline) {
      element.setAttribute("aria-multiline", "true");
    }
    element.contentEditable = plainText ? "plaintext-only" : "true";
    element.spellcheck = true;
    host.classList.add("tk-fill-cell");
    host.appendChild(element);
    return addField(sheet, {at: at, kind: "text", element: element, label: label, value: ""});
  }

  function tickField(sheet, at, box, label) {
    var input = document.createElement("input");
    input.type = "checkbox";
    input.className = "tk-fill-tick";
    input.setAttribute("aria-label", label);
    var mark = document.createElement("span");
    mark.className = "tk-fill-mark";
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = "✓";
    box.replaceChildren(input, mark);  // the box's label for screen readers is now the input's
    box.classList.add("tk-fill-box");
    box.closest("td").classList.add("tk-fill-tickcell");
    return addField(sheet, {at: at, kind: "tick", element: input, label: label, value: false});
  }

  /* Two places of a sheet with the same name (two columns headed alike) are told apart by a
     count, in the order the sheet shows them. */
  function addField(sheet, field) {
    var at = field.at.slice();
    var last = at[at.length - 1];
    for (var count = 2; sheet.byPlace.has(JSON.stringify(at)); count += 1) {
      at[at.length - 1] = last + " (" + count + ")";
    }
    field.at = at;
    sheet.fields.push(field);
    sheet.byPlace.set(JSON.stringify(at), field);
    sheet.byElement.set(field.element, field);
    return field;
  }

  /* A community's ranked lists come filled with its partners: their order may change, which
     is kept as their names in order. */
  function findOrders(sheet) {
    forEach(sheet.root.querySelectorAll(".tk-rank > ol"), function (list, index) {
      var items = Array.prototype.slice.call(list.children);
      if (items.length < 2 || items.some(function (item) {
        return item.tagName !== "LI" || item.classList.contains("tk-blank");
      })) {
        return;
      }
      var name = listName(list, index);
      var order = {key: name.key, list: list, built: items, names: new Map()};
      list.classList.add("tk-fill-list", "tk-fill-ordered");
      items.forEach(function (item) {
        order.names.set(item, spoken(item));
        item.classList.add("tk-fill-item");
        var text = document.createElement("span");
        text.className = "tk-fill-name";
        text.append.apply(text, Array.prototype.slice.call(item.childNodes));
        item.appendChild(text);
        item.moves = moveButtons(item, order.names.get(item), function (step) {
          moveItem(sheet, order, item, step);
        });
      });
      showOrder(order);
      sheet.lists.push(order);
    });
  }

  function moveButtons(host, label, move) {
    var group = document.createElement("span");
    group.className = "tk-fill-moves tk-screen-only";
    [["up", -1, "↑"], ["down", 1, "↓"]].forEach(function (way) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tk-fill-move";
      button.setAttribute("aria-label", words[way[0]] + ": " + label);
      button.title = words[way[0]];
      button.textContent = way[2];
      button.addEventListener("click", function () { move(way[1]); });
      group.appendChild(button);
    });
    host.appendChild(group);
    return group;
  }

  function enableMoves(group, at, count) {
    group.children[0].disabled = at === 0;
    group.children[1].disabled = at === count - 1;
  }

  /* After a move the focus follows what moved, on the button of the same way while it can
     still go that way (so that pressing it again moves it again). */
  function focusMoved(group, step) {
    var button = group.children[step < 0 ? 0 : 1];
    (button.disabled ? group.children[step < 0 ? 1 : 0] : button).focus();
  }

  function swapLines(sheet, lines, at, step) {
    var other = lines[at + step];
    if (!other) {
      return;
    }
    var moving = lines[at].value;
    setValue(lines[at], other.value);
    setValue(other, moving);
    save(sheet);
    focusMoved(other.moves, step);
    sheet.status.textContent = tkFilled(words.place, {
      item: moving || other.label, number: at + step + 1, count: lines.length});
  }

  function moveItem(sheet, order, item, step) {
    var items = Array.prototype.slice.call(order.list.children);
    var at = items.indexOf(item);
    var other = items[at + step];
    if (!other) {
      return;
    }
    order.list.insertBefore(item, step < 0 ? other : other.nextSibling);
    showOrder(order);
    save(sheet);
    focusMoved(item.moves, step);
    sheet.status.textContent = tkFilled(words.place, {
      item: order.names.get(item), number: at + step + 1, count: items.length});
  }

  function showOrder(order) {
    var items = order.list.children;
    forEach(items, function (item, at) { enableMoves(item.moves, at, items.length); });
  }

  /* The order kept (names), laid over the list as built: the names kept take, in their kept
     order, the places those items hold; an item the list has gained stays where it was built. */
  function applyOrder(order, names) {
    var known = order.built.filter(function (item) {
      return names && names.indexOf(order.names.get(item)) >= 0;
    });
    var sorted = known.slice().sort(function (one, two) {
      return names.indexOf(order.names.get(one)) - names.indexOf(order.names.get(two));
    });
    var next = 0;
    var placed = order.built.map(function (item) {
      return known.indexOf(item) >= 0 ? sorted[next++] : item;
    });
    var now = Array.prototype.slice.call(order.list.children);
    if (placed.some(function (item, at) { return item !== now[at]; })) {
      placed.forEach(function (item) { order.list.appendChild(item); });
    }
    showOrder(order);
  }

  function namesOf(order, items) {
    return Array.prototype.map.call(items, function (item) { return order.names.get(item); });
  }

  // ------------------------------------------------------------------ the sheet's bar

  function addBar(sheet) {
    var bar = document.createElement("div");
    bar.className = "tk-fill-bar tk-screen-only";
    var note = document.createElement("p");
    note.className = "tk-fill-note";
    note.textContent = store ? words.kept : words.notKept;
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button tk-fill-clear";
    clear.textContent = words.clear;
    clear.addEventListener("click", function () { clearSheet(sheet); });
    var status = document.createElement("p");
    status.className = "tk-sr";
    status.setAttribute("role", "status");
    bar.append(note, clear, status);
    // Above the first part to fill in: the name line or the sheet itself, below its
    // instructions.
    var first = sheet.fields.length ? sheet.fields[0].element : sheet.lists[0].list;
    while (first.parentNode !== sheet.root) {
      first = first.parentNode;
    }
    sheet.root.insertBefore(bar, first);
    var earlier = document.createElement("div");
    earlier.className = "tk-fill-earlier tk-screen-only";
    earlier.hidden = true;
    sheet.root.appendChild(earlier);
    sheet.note = note;
    sheet.status = status;
    sheet.clear = clear;
    sheet.earlier = earlier;
  }

  function clearSheet(sheet) {
    if (!window.confirm(words.confirm)) {
      return;
    }
    sheet.fields.forEach(function (field) { setValue(field, field.kind === "tick" ? false : ""); });
    sheet.lists.forEach(function (order) { applyOrder(order, null); });
    sheet.orphans = [];
    showOrphans(sheet);
    save(sheet);
  }

  /* Entries without a place on the sheet as it is now, under it with their old place. */
  function showOrphans(sheet) {
    var box = sheet.earlier;
    box.replaceChildren();
    box.hidden = !sheet.orphans.length;
    if (!sheet.orphans.length) {
      return;
    }
    var intro = document.createElement("p");
    intro.textContent = words.earlier;
    var list = document.createElement("ul");
    sheet.orphans.forEach(function (entry) {
      var item = document.createElement("li");
      var place = document.createElement("strong");
      place.textContent = placeLabel(sheet, entry.at) + ": ";
      var text = document.createElement("span");
      text.className = "tk-fill-earlier__text";
      text.textContent = entry.ticked === true ? "✓" : entry.text;
      item.append(place, text);
      list.appendChild(item);
    });
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "md-button";
    discard.textContent = words.discard;
    discard.addEventListener("click", function () {
      sheet.orphans = [];
      showOrphans(sheet);
      save(sheet);
      sheet.clear.focus();
    });
    box.append(intro, list, discard);
  }

  function placeLabel(sheet, at) {
    var parts = Array.isArray(at) ? at.map(String) : [String(at)];
    if (/^cell/.test(parts[0]) && parts.length === 3) {
      return typeof at[1] === "number" ? tkFilled(words.row, {column: parts[2], number: parts[1]})
        : tkFilled(words.cross, {row: parts[1], column: parts[2]});
    }
    if (parts[0] === "line" && parts.length === 3) {
      var list = sheet.listLabels[parts[1]] || parts[1].replace(/^rank-/, "");
      return tkFilled(words.line, {column: list, number: parts[2]});
    }
    return parts.slice(1).join(", ") || parts[0];
  }

  // ------------------------------------------------------------------ keeping and restoring

  function readText(element) {
    // A browser may keep a line break at the end of an edited field: it is no part of the text.
    var text = element.innerText.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
    return text.trim() ? text : "";
  }

  function setValue(field, value) {
    field.value = value;
    if (field.kind === "tick") {
      field.element.checked = value;
    } else {
      field.element.textContent = value;
    }
  }

  function save(sheet) {
    if (!store) {
      return;
    }
    var entries = [];
    sheet.fields.forEach(function (field) {
      if (field.value) {
        entries.push(field.kind === "tick" ? {at: field.at, ticked: true}
          : {at: field.at, text: field.value});
      }
    });
    entries = entries.concat(sheet.orphans);
    var orders = {};
    sheet.lists.forEach(function (order) {
      var now = namesOf(order, order.list.children);
      if (now.join("\n") !== namesOf(order, order.built).join("\n")) {
        orders[order.key] = now;
      }
    });
    try {
      if (entries.length || Object.keys(orders).length) {
        store.setItem(sheet.key, JSON.stringify(
          {format: FORMAT, sheet: sheet.id, entries: entries, orders: orders}));
      } else {
        store.removeItem(sheet.key);
      }
    } catch (error) {
      sheet.note.textContent = words.notKept;  // the browser's storage is full or was revoked
    }
  }

  /* What is kept of the sheet, or null. A value this script cannot read (damaged, or written
     in a later format) is set aside under a key of its own, not written over. */
  function kept(sheet) {
    var raw = store && store.getItem(sheet.key);
    if (!raw) {
      return null;
    }
    var value = null;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      value = null;
    }
    if (value && value.format === FORMAT && Array.isArray(value.entries)) {
      return value;
    }
    try {
      store.setItem(sheet.key + "~unread", raw);
      store.removeItem(sheet.key);
    } catch (error) {
      return null;
    }
    return null;
  }

  /* The sheet as `value` keeps it (null: as built). The field being written in keeps what it
     holds; an entry without a place on the sheet now is kept aside and shown. */
  function restore(sheet, value) {
    var focused = document.activeElement;
    var placed = new Set();
    sheet.fields.forEach(function (field) {
      if (field.element !== focused) {
        setValue(field, field.kind === "tick" ? false : "");
      }
    });
    sheet.orphans = [];
    (value ? value.entries : []).forEach(function (entry) {
      var isText = entry && typeof entry.text === "string" && entry.text !== "";
      var isTick = entry && entry.ticked === true;
      if (!Array.isArray(entry && entry.at) || !(isText || isTick)) {
        return;  // nothing written
      }
      var place = JSON.stringify(entry.at);
      var field = sheet.byPlace.get(place);
      if (field && !placed.has(place) && (field.kind === "tick" ? isTick : isText)) {
        placed.add(place);
        if (field.element !== focused) {
          setValue(field, isTick || entry.text);
        }
      } else {
        sheet.orphans.push(isTick ? {at: entry.at, ticked: true}
          : {at: entry.at, text: entry.text});
      }
    });
    var orders = (value && value.orders) || {};
    sheet.lists.forEach(function (order) {
      applyOrder(order, Array.isArray(orders[order.key]) ? orders[order.key].map(String) : null);
    });
    showOrphans(sheet);
  }

  // ------------------------------------------------------------------ typing

  function listen(sheet) {
    var root = sheet.root;
    function changed(event) {
      var field = sheet.byElement.get(event.target);
      if (field) {
        field.value = field.kind === "tick" ? field.element.checked : readText(field.element);
        save(sheet);
      }
    }
    root.addEventListener("input", changed);
    root.addEventListener("change", changed);
    // A click anywhere in a cell or on a line writes there (or ticks its box).
    root.addEventListener("click", function (event) {
      var host = event.target.closest(".tk-fill-cell, .tk-fill-tickcell");
      if (!host || event.target.closest(".tk-fill-text, input, button, a")) {
        return;
      }
      var tick = host.querySelector("input.tk-fill-tick");
      if (tick) {
        tick.click();
      } else {
        caretAtEnd(host.querySelector(".tk-fill-text"));
      }
    });
    // A line holds one line: Enter goes on to the next line of its list.
    root.addEventListener("keydown", function (event) {
      var field = sheet.byElement.get(event.target);
      if (!field || event.key !== "Enter" || field.element.tagName !== "SPAN") {
        return;
      }
      event.preventDefault();
      var next = sheet.fields[sheet.fields.indexOf(field) + 1];
      if (next && next.at[0] === field.at[0] && next.at[1] === field.at[1]) {
        caretAtEnd(next.element);
      }
    });
    if (!plainText) {
      keepToText(root, sheet);
    }
  }

  /* A field being written in would print with its caret: the focus leaves it for the printout
     and comes back after. */
  var printedFrom = null;
  window.addEventListener("beforeprint", function () {
    var active = document.activeElement;
    if (active && active.classList && active.classList.contains("tk-fill-text")) {
      printedFrom = active;
      active.blur();
    }
  });
  window.addEventListener("afterprint", function () {
    if (printedFrom) {
      printedFrom.focus();
      printedFrom = null;
    }
  });

  /* Where a field cannot be "plaintext-only": a paste goes in as its text, a drop is refused
     and no formatting is applied, so a field never holds more than text. */
  function keepToText(root, sheet) {
    root.addEventListener("paste", function (event) {
      if (sheet.byElement.has(event.target.closest && event.target.closest(".tk-fill-text"))) {
        event.preventDefault();
        var text = (event.clipboardData || window.clipboardData).getData("text");
        document.execCommand("insertText", false, text);
      }
    });
    root.addEventListener("drop", function (event) {
      if (event.target.closest && event.target.closest(".tk-fill-text")) {
        event.preventDefault();
      }
    });
    root.addEventListener("beforeinput", function (event) {
      if (/^format/.test(event.inputType || "")) {
        event.preventDefault();
      }
    });
  }

  function caretAtEnd(element) {
    element.focus();
    var range = document.createRange();
    range.selectNodeContents(element);
    range.collapse(false);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
