/* The search page, and the words of the chronology's filters: a query downloads only what it
   needs from the sharded index that
   generator/search.py writes (search/shards.json, search/terms/<prefix>.json, search/docs/<n>.json),
   never the whole chronology. fold(), stem() and searchTerms() mirror generator/search.py rule
   for rule: the index and the query must fold the same way. Results are inserted with
   textContent, never as HTML. */
(function () {
  "use strict";

  var PAGE = 20;
  var MIN_TERM = 2;
  var MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var LETTERS = {
    "\u0671": "\u0627", "\u0649": "\u064a", "\u06cc": "\u064a", "\u0629": "\u0647", "\u06a9": "\u0643",
    "\u0621": "", "'": "", "\u2019": "", "\u2018": "", "`": "", "\u02bc": "", "\u02bb": "", "\u02bf": "", "\u02be": ""
  };
  var LETTER_RE = /[\u0671\u0649\u06cc\u0629\u06a9\u0621'\u2019\u2018`\u02bc\u02bb\u02bf\u02be]/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var ARABIC = /^[\u0600-\u06ff]/;
  var STOPWORDS = {};
  ("the of and in a an al el to at on by for with from is was were as its it that this" +
    " في من علي الي عن مع او ثم ان التي الذي").split(" ").forEach(function (w) { STOPWORDS[w] = true; });
  var ARTICLES = ["وال", "فال", "بال", "كال", "لل", "ال"];
  var SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

  function fold(text) {
    return text.normalize("NFKD").replace(MARKS, "")
      .replace(LETTER_RE, function (c) { return LETTERS[c]; }).toLowerCase();
  }

  function stem(word) {
    if (!ARABIC.test(word)) { return word; }
    if ("وف".indexOf(word[0]) >= 0 && word.length > 3) { word = word.slice(1); }
    var stripped = false;
    for (var i = 0; i < ARTICLES.length; i++) {
      if (word.indexOf(ARTICLES[i]) === 0 && word.length - ARTICLES[i].length >= 2) {
        word = word.slice(ARTICLES[i].length);
        stripped = true;
        break;
      }
    }
    if (!stripped && "بلك".indexOf(word[0]) >= 0 && word.length > 4) { word = word.slice(1); }
    SUFFIXES.forEach(function (suffix) {
      if (word.length - suffix.length >= 3 && word.slice(-suffix.length) === suffix) {
        word = word.slice(0, -suffix.length);
      }
    });
    return word;
  }

  function searchTerms(text) {
    return (fold(text).match(WORD) || []).filter(function (w) { return !STOPWORDS[w]; })
      .map(stem).filter(function (t) { return t.length >= MIN_TERM; });
  }

  /* Exported for tests that check the two implementations agree. */
  window.chronologySearchTerms = searchTerms;

  var root = document.body.getAttribute("data-root") || "./";
  var language = document.documentElement.lang || "en";
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;
  var cache = {};

  function getJson(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (response) {
        if (!response.ok) { throw new Error("search index: HTTP " + response.status); }
        return response.json();
      });
    }
    return cache[path];
  }

  function hex(text) {
    return Array.prototype.map.call(new TextEncoder().encode(text), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  /* The shards that can hold terms equal to, or (for prefix search) starting with, a word. */
  function shardsFor(word, keys, prefix) {
    var longest = "";
    var wanted = [];
    keys.forEach(function (key) {
      if (word.indexOf(key) === 0 && key.length > longest.length) { longest = key; }
      if (prefix && key.length > word.length && key.indexOf(word) === 0) { wanted.push(key); }
    });
    if (longest) { wanted.push(longest); }
    return wanted;
  }

  /* Event numbers from a shard: gaps between them, or a base64 bitmap (bit n of byte n / 8). */
  function decode(postings) {
    var numbers = [];
    if (typeof postings === "string") {
      var bytes = atob(postings);
      for (var i = 0; i < bytes.length; i++) {
        var byte = bytes.charCodeAt(i);
        for (var bit = 0; bit < 8; bit++) { if (byte & (1 << bit)) { numbers.push(i * 8 + bit); } }
      }
      return numbers;
    }
    var n = 0;
    postings.forEach(function (gap) { n += gap; numbers.push(n); });
    return numbers;
  }

  /* The events (by number) holding a word, and those whose title holds it. */
  function lookup(word, manifest) {
    /* Latin words also match longer words they begin ("crusade" finds "crusaders"); Arabic
       words are already stemmed, and a three-letter stem would find unrelated roots. */
    var prefix = word.length >= 3 && !ARABIC.test(word);
    var keys = shardsFor(word, manifest.shards, prefix);
    return Promise.all(keys.map(function (key) { return getJson("search/terms/" + hex(key) + ".json"); }))
      .then(function (shards) {
        var all = {}, titles = {};
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (term) {
            if (term === word || (prefix && term.indexOf(word) === 0)) {
              decode(shard[term][0]).forEach(function (n) { all[n] = true; });
              decode(shard[term][1]).forEach(function (n) { titles[n] = true; });
            }
          });
        });
        return { all: all, titles: titles };
      });
  }

  function rank(hits) {
    var found = Object.keys(hits[0].all).map(Number).filter(function (n) {
      return hits.every(function (hit) { return hit.all[n]; });
    });
    var inTitle = function (n) { return hits.every(function (hit) { return hit.titles[n]; }) ? 0 : 1; };
    return found.sort(function (a, b) { return inTitle(a) - inTitle(b) || a - b; });
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function counted(formsJson, n, values) {
    var forms = JSON.parse(formsJson || "{}");
    var category = plurals ? plurals.select(n) : (n === 1 ? "one" : "other");
    return fill(forms[category] || forms.other || forms.one || "", Object.assign({ n: n }, values || {}));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* A result from the text index's records: [url, title, date, snippet], its title a heading
     of the given level (h2 on the search page, h3 under the filters' heading). */
  function resultItem(row, headingTag) {
    var item = element("li", "search-result");
    item.appendChild(element("p", "entry-date", row[2]));
    var heading = element(headingTag || "h2", "search-result-title");
    var link = element("a", "", row[1]);
    link.href = root + row[0];
    heading.appendChild(link);
    item.appendChild(heading);
    if (row[3]) { item.appendChild(element("p", "search-result-text", row[3])); }
    return item;
  }

  /* The records of some results, from the chunks that hold them (in result order). */
  function records(numbers) {
    return getJson("search/shards.json").then(function (manifest) {
      return Promise.all(numbers.map(function (n) {
        return getJson("search/docs/" + Math.floor(n / manifest.chunk) + ".json").then(function (rows) {
          return rows[n % manifest.chunk];
        });
      }));
    });
  }

  /* The numbers of the events holding every word of a text, best first (null: no words). */
  function find(text) {
    var words = searchTerms(text).filter(function (w, i, all) { return all.indexOf(w) === i; });
    if (!words.length) { return Promise.resolve(null); }
    return getJson("search/shards.json").then(function (manifest) {
      return Promise.all(words.map(function (word) { return lookup(word, manifest); })).then(rank);
    });
  }

  /* The chronology's filters (chronology.js) look words up here too: a few small files, never
     the whole chronology. */
  window.chronologyFind = find;
  window.chronologyRecords = records;
  window.chronologyResultItem = resultItem;

  function enhanceSearch() {
    var form = document.querySelector("[data-search-form]");
    if (!form) { return; }
    var input = form.elements.q;
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var more = element("button", "search-more", form.getAttribute("data-label-more"));
    more.type = "button";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var current = null;
    input.value = query;

    function show(found, shown) {
      more.hidden = true;
      return records(found.slice(shown, shown + PAGE)).then(function (rows) {
        rows.forEach(function (row) { list.appendChild(resultItem(row)); });
        more.hidden = found.length <= shown + PAGE;
        more.onclick = function () { show(found, shown + PAGE); };
      });
    }

    function run(text) {
      var token = current = {};
      list.textContent = "";
      more.hidden = true;
      status.textContent = searchTerms(text).length ? form.getAttribute("data-label-searching") : "";
      find(text).then(function (found) {
        if (token !== current || found === null) { return; }
        status.textContent = counted(form.getAttribute("data-found"), found.length, { q: text });
        return show(found, 0);
      }).catch(function () { status.textContent = form.getAttribute("data-label-failed"); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams(window.location.search);
      params.set("q", input.value);
      history.replaceState(null, "", window.location.pathname + "?" + params.toString());
      run(input.value);
    });
    run(query);
  }

  enhanceSearch();
})();
