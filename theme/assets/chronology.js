/* Progressive enhancement for the chronology: in-place filters (search: search.js).
   The site works without this file: filters are then links to static pages.
   Everything from the index is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var KINDS = ["era", "tag", "actor", "place", "status"];
  var root = document.body.getAttribute("data-root") || "./";
  var language = document.documentElement.lang || "en";
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;

  /* A counted phrase in the page's language: forms by CLDR category, from a data- attribute. */
  function counted(formsJson, n, values) {
    var forms = JSON.parse(formsJson || "{}");
    var category = plurals ? plurals.select(n) : (n === 1 ? "one" : "other");
    var text = forms[category] || forms.other || forms.one || "";
    return fill(text, Object.assign({ n: n }, values || {}));
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  var indexPromise = null;

  /* The filters' file: each event's era, tags, actors, places and status, small at any size
     (words are looked up in the sharded text index by search.js, never here). */
  function loadIndex() {
    if (!indexPromise) {
      indexPromise = fetch(root + "search/filters.json").then(function (response) {
        if (!response.ok) { throw new Error("filters: HTTP " + response.status); }
        return response.json();
      }).then(prepare);
    }
    return indexPromise;
  }

  /* Turn the compact rows into objects with ids; an event's number is its position, as in
     the text index. */
  function prepare(index) {
    var termIds = {};
    ["tag", "actor", "place"].forEach(function (kind) {
      termIds[kind] = index.terms[kind].map(function (t) { return t[0]; });
    });
    var statuses = index.statuses || [];
    var events = index.events.map(function (row, number) {
      var event = { id: index.ids ? index.ids[number] : "", number: number };
      event.era = row[0] >= 0 ? index.eras[row[0]][0] : "";
      event.status = row[2] >= 0 ? statuses[row[2]][0] : "";
      ["tag", "actor", "place"].forEach(function (kind, k) {
        event[kind] = row[1][k].map(function (i) { return termIds[kind][i]; });
      });
      return event;
    });
    return { eras: index.eras, terms: index.terms, statuses: statuses, events: events };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* ---- filters on the chronology ---------------------------------------------------- */

  var FIELDS = KINDS.concat(["q"]);   /* the four lists, then words to find */

  function readFilters() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    FIELDS.forEach(function (kind) { state[kind] = params.get(kind) || ""; });
    return state;
  }

  function writeFilters(state) {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (kind) {
      if (state[kind]) { params.set(kind, state[kind]); } else { params.delete(kind); }
    });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function matches(event, state) {
    return KINDS.every(function (kind) {
      if (!state[kind]) { return true; }
      if (kind === "era" || kind === "status") { return event[kind] === state[kind]; }
      return event[kind].indexOf(state[kind]) >= 0;
    });
  }

  /* Event number -> true for the events holding every word (null when there are no words). */
  function withWords(text) {
    if (!text || !window.chronologyFind) { return Promise.resolve(null); }
    return window.chronologyFind(text).then(function (numbers) {
      if (numbers === null) { return null; }
      var found = {};
      numbers.forEach(function (n) { found[n] = true; });
      return found;
    });
  }

  function buildFilterForm(nav, index) {
    var form = element("form", "filter-form");
    form.setAttribute("aria-label", nav.querySelector("summary").textContent);
    var options = {
      era: index.eras,
      tag: index.terms.tag, actor: index.terms.actor, place: index.terms.place,
      status: index.statuses
    };
    var words = element("label", "filter-field filter-words");
    words.appendChild(element("span", "filter-label", nav.getAttribute("data-label-text")));
    var input = element("input");
    input.type = "search";
    input.name = "q";
    input.autocomplete = "off";
    words.appendChild(input);
    form.appendChild(words);
    KINDS.forEach(function (kind) {
      var label = element("label", "filter-field");
      label.appendChild(element("span", "filter-label", nav.getAttribute("data-label-" + kind)));
      var select = element("select");
      select.name = kind;
      var any = element("option", "", nav.getAttribute("data-label-all"));
      any.value = "";
      select.appendChild(any);
      options[kind].slice().sort(function (a, b) {
        return kind === "era" || kind === "status" ? 0 : a[1].localeCompare(b[1], language);
      }).forEach(function (pair) {
        var option = element("option", "", pair[1]);
        option.value = pair[0];
        select.appendChild(option);
      });
      label.appendChild(select);
      form.appendChild(label);
    });
    var clear = element("button", "filter-clear", nav.getAttribute("data-label-clear"));
    clear.type = "reset";
    form.appendChild(clear);
    nav.querySelector(".filter-links").hidden = true;
    nav.appendChild(form);
    return form;
  }

  /* Dim the overview's marks that hold no matching event; a cluster shows how many match. */
  function filterOverview(shown, active) {
    document.querySelectorAll("a.overview-mark[data-ids]").forEach(function (mark) {
      var ids = mark.getAttribute("data-ids").split(" ");
      var count = active ? ids.filter(function (id) { return shown[id]; }).length : ids.length;
      mark.classList.toggle("mark-off", count === 0);
      var number = mark.querySelector(".mark-count");
      if (number) { number.textContent = String(count || ids.length); }
    });
  }

  var SHOWN = 20;   /* results listed in place of a paginated chronology, as many as search shows */
  var latest = null;

  function applyFilters(nav, form, index, chronology, results, status) {
    var state = {};
    FIELDS.forEach(function (kind) { state[kind] = form.elements[kind].value.trim(); });
    var active = FIELDS.some(function (kind) { return state[kind]; });
    var token = latest = {};
    chronology.setAttribute("aria-busy", "true");   /* until the words are looked up */
    var done = function () {
      if (token !== latest) { return; }
      writeFilters(state);   /* the address changes once the view has */
      chronology.removeAttribute("aria-busy");
    };
    return withWords(state.q).then(function (holding) {
      if (token !== latest) { return; }
      var found = index.events.filter(function (event) {
        return matches(event, state) && (!holding || holding[event.number]);
      });
      var complete = chronology.getAttribute("data-complete") === "true";
      var shown = {};
      found.forEach(function (event) { shown[event.id] = true; });
      filterOverview(shown, active);
      status.textContent = active
        ? counted(nav.getAttribute("data-matches"), found.length)
          + (found.length > SHOWN && !complete ? " " + fill(nav.getAttribute("data-label-first"), { n: SHOWN }) : "")
        : "";
      if (complete || !active) {
        chronology.querySelectorAll("article.entry").forEach(function (entry) {
          entry.hidden = active && !shown[entry.id];
        });
        chronology.querySelectorAll(".year-group, .era-group").forEach(function (group) {
          group.hidden = active && !group.querySelector("article.entry:not([hidden])");
        });
        chronology.hidden = false;
        results.hidden = true;
        return done();
      }
      var numbers = found.slice(0, SHOWN).map(function (event) { return event.number; });
      return window.chronologyRecords(numbers).then(function (rows) {
        if (token !== latest) { return; }
        results.textContent = "";
        var list = element("ol", "search-results");
        rows.forEach(function (row) { list.appendChild(window.chronologyResultItem(row, "h3")); });
        results.appendChild(list);
        chronology.hidden = true;
        results.hidden = false;
        done();
      });
    }).catch(done);
  }

  function enhanceFilters() {
    var nav = document.querySelector("[data-filters]");
    var chronology = document.getElementById("chronology");
    var status = document.querySelector("[data-filter-status]");
    if (!nav || !chronology || !status) { return; }
    loadIndex().then(function (index) {
      var form = buildFilterForm(nav, index);
      var results = element("div", "filter-results");
      results.hidden = true;
      chronology.parentNode.insertBefore(results, chronology);
      var state = readFilters();
      FIELDS.forEach(function (kind) { form.elements[kind].value = state[kind]; });
      var apply = function () { applyFilters(nav, form, index, chronology, results, status); };
      var typing = null;
      form.addEventListener("change", apply);
      form.addEventListener("input", function (event) {
        if (event.target.name !== "q") { return; }
        window.clearTimeout(typing);
        typing = window.setTimeout(apply, 200);
      });
      form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
      if (FIELDS.some(function (kind) { return state[kind]; })) {
        nav.open = true;
        apply();
      }
    }).catch(function () { /* the static links stay in place */ });
  }

  /* ---- the overview: one tab stop, arrow keys move between marks ---------------------- */

  function enhanceOverview() {
    document.querySelectorAll("[data-overview]").forEach(function (svg) {
      var marks = Array.prototype.slice.call(svg.querySelectorAll("a.overview-mark"));
      var rtl = getComputedStyle(svg).direction === "rtl";
      svg.addEventListener("keydown", function (event) {
        var at = marks.indexOf(event.target.closest ? event.target.closest("a.overview-mark") : null);
        if (at < 0) { return; }
        var later = rtl ? "ArrowLeft" : "ArrowRight", earlier = rtl ? "ArrowRight" : "ArrowLeft";
        var to = event.key === later || event.key === "ArrowDown" ? at + 1
          : event.key === earlier || event.key === "ArrowUp" ? at - 1
          : event.key === "Home" ? 0 : event.key === "End" ? marks.length - 1 : null;
        if (to === null) { return; }
        event.preventDefault();
        to = Math.max(0, Math.min(marks.length - 1, to));
        marks[at].setAttribute("tabindex", "-1");
        marks[to].setAttribute("tabindex", "0");
        marks[to].focus();
      });
    });
  }

  /* Complete citation addresses when the site was built without site_url. */
  function completeCitations() {
    document.querySelectorAll("[data-cite-url]").forEach(function (span) {
      span.textContent = new URL(span.getAttribute("data-cite-url"), window.location.href).href;
    });
  }

  /* "Embed this": complete the address when built without site_url, and show a copy button
     (without this script, the code is selected and copied by hand). */
  function enhanceEmbedCode() {
    document.querySelectorAll(".embed-code-text").forEach(function (text) {
      var relative = text.getAttribute("data-embed-src");
      if (relative) {
        var full = new URL(text.getAttribute("data-embed-url"), window.location.href).href;
        text.value = text.value.replace('src="' + relative + '"', 'src="' + full + '"');
      }
      var button = document.querySelector('[data-copy="' + text.id + '"]');
      var status = button && button.parentNode.querySelector(".embed-copied");
      if (!button) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        text.select();
        var done = function () { status.textContent = button.getAttribute("data-copied") || ""; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text.value).then(done, function () { document.execCommand("copy"); done(); });
        } else {
          document.execCommand("copy");
          done();
        }
      });
    });
  }

  completeCitations();
  enhanceEmbedCode();
  enhanceOverview();
  enhanceFilters();
})();
