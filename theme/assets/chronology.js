/* Progressive enhancement for the chronology: in-place filters (search: search.js).
   The site works without this file: filters are then links to static pages.
   Everything from the index is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var KINDS = ["era", "tag", "actor", "place"];
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

  function loadIndex() {
    if (!indexPromise) {
      indexPromise = fetch(root + "search/index.json").then(function (response) {
        if (!response.ok) { throw new Error("search index: HTTP " + response.status); }
        return response.json();
      }).then(prepare);
    }
    return indexPromise;
  }

  /* Turn the compact index into objects with ids and a folded text to search in. */
  function prepare(index) {
    var termIds = {}, termNames = {};
    ["tag", "actor", "place"].forEach(function (kind) {
      termIds[kind] = index.terms[kind].map(function (t) { return t[0]; });
      termNames[kind] = index.terms[kind].map(function (t) { return t[1]; });
    });
    var events = index.events.map(function (row) {
      var event = { id: row[0], url: row[1], title: row[2], date: row[3], iso: row[4], text: row[7] };
      event.era = row[5] >= 0 ? index.eras[row[5]][0] : "";
      var names = [];
      ["tag", "actor", "place"].forEach(function (kind, k) {
        event[kind] = row[6][k].map(function (i) { names.push(termNames[kind][i]); return termIds[kind][i]; });
      });
      event.haystack = fold([event.title, event.text, names.join(" "), event.date].join(" "));
      event.titleFolded = fold(event.title);
      return event;
    });
    return { eras: index.eras, terms: index.terms, events: events };
  }

  /* Case- and accent-insensitive text, so "maarat" finds "Maarat" and "Ma'arrat". */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")   /* alef forms */
      .replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647")   /* alef maqsura, ta marbuta */
      .replace(/[\u2019'`]/g, "").toLowerCase();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function resultItem(event, headingLevel) {
    var item = element("li", "search-result");
    item.appendChild(element("p", "entry-date", event.date));
    var heading = element("h" + headingLevel, "search-result-title");
    var link = element("a", "", event.title);
    link.href = root + event.url;
    heading.appendChild(link);
    item.appendChild(heading);
    if (event.text) { item.appendChild(element("p", "search-result-text", event.text)); }
    return item;
  }

  /* ---- filters on the chronology ---------------------------------------------------- */

  function readFilters() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    KINDS.forEach(function (kind) { state[kind] = params.get(kind) || ""; });
    return state;
  }

  function writeFilters(state) {
    var params = new URLSearchParams(window.location.search);
    KINDS.forEach(function (kind) {
      if (state[kind]) { params.set(kind, state[kind]); } else { params.delete(kind); }
    });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function matches(event, state) {
    return KINDS.every(function (kind) {
      if (!state[kind]) { return true; }
      return kind === "era" ? event.era === state[kind] : event[kind].indexOf(state[kind]) >= 0;
    });
  }

  function buildFilterForm(nav, index) {
    var form = element("form", "filter-form");
    form.setAttribute("aria-labelledby", "filters-heading");
    var options = {
      era: index.eras,
      tag: index.terms.tag, actor: index.terms.actor, place: index.terms.place
    };
    KINDS.forEach(function (kind) {
      var label = element("label", "filter-field");
      label.appendChild(element("span", "filter-label", nav.getAttribute("data-label-" + kind)));
      var select = element("select");
      select.name = kind;
      var any = element("option", "", nav.getAttribute("data-label-all"));
      any.value = "";
      select.appendChild(any);
      options[kind].slice().sort(function (a, b) {
        return kind === "era" ? 0 : a[1].localeCompare(b[1], language);
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
    var status = element("p", "filter-status");
    status.setAttribute("role", "status");
    form.appendChild(status);
    nav.querySelector(".filter-links").hidden = true;
    nav.appendChild(form);
    return form;
  }

  function applyFilters(nav, form, index, chronology, results) {
    var state = {};
    KINDS.forEach(function (kind) { state[kind] = form.elements[kind].value; });
    writeFilters(state);
    var active = KINDS.some(function (kind) { return state[kind]; });
    var found = index.events.filter(function (event) { return matches(event, state); });
    var status = form.querySelector(".filter-status");
    var complete = chronology.getAttribute("data-complete") === "true";
    if (complete || !active) {
      var shown = {};
      found.forEach(function (event) { shown[event.id] = true; });
      chronology.querySelectorAll("article.entry").forEach(function (entry) {
        entry.hidden = active && !shown[entry.id];
      });
      chronology.querySelectorAll(".year-group, .era-group").forEach(function (group) {
        group.hidden = active && !group.querySelector("article.entry:not([hidden])");
      });
      chronology.hidden = false;
      results.hidden = true;
    } else {
      results.textContent = "";
      var list = element("ol", "search-results");
      found.slice(0, 500).forEach(function (event) { list.appendChild(resultItem(event, 3)); });
      results.appendChild(list);
      chronology.hidden = true;
      results.hidden = false;
    }
    status.textContent = active
      ? counted(nav.getAttribute("data-matches"), found.length)
        + (found.length > 500 && !complete ? " " + fill(nav.getAttribute("data-label-first"), { n: 500 }) : "")
      : "";
  }

  function enhanceFilters() {
    var nav = document.querySelector("[data-filters]");
    var chronology = document.getElementById("chronology");
    if (!nav || !chronology) { return; }
    loadIndex().then(function (index) {
      var form = buildFilterForm(nav, index);
      var results = element("div", "filter-results");
      results.hidden = true;
      chronology.parentNode.insertBefore(results, chronology);
      var state = readFilters();
      KINDS.forEach(function (kind) { form.elements[kind].value = state[kind]; });
      form.addEventListener("change", function () { applyFilters(nav, form, index, chronology, results); });
      form.addEventListener("reset", function () {
        window.setTimeout(function () { applyFilters(nav, form, index, chronology, results); }, 0);
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      if (KINDS.some(function (kind) { return state[kind]; })) { applyFilters(nav, form, index, chronology, results); }
    }).catch(function () { /* the static links stay in place */ });
  }

  /* Complete citation addresses when the site was built without site_url. */
  function completeCitations() {
    document.querySelectorAll("[data-cite-url]").forEach(function (span) {
      span.textContent = new URL(span.getAttribute("data-cite-url"), window.location.href).href;
    });
  }

  completeCitations();
  enhanceFilters();
})();
