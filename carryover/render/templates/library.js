/* Carryover: the library page's filters. Only the library page loads this script (after the
 * site's, which it uses: window.carryover); carryover/render/facets.py publishes it minified,
 * named by its content. The page is one static page of cards (carryover/render/paging.py);
 * what the filters read is beside it, in small files (facets.py): the facet index (every
 * card's kind, ages, routines and places as bitmasks, in title order) and the cards
 * themselves, in chunks.
 *  - A library that fits on one page filters the page's own items, by the values they carry
 *    (data-category="sensory" …): at once, and offline.
 *  - A longer one: with a filter set, from the menus or from the page's address, the index gives
 *    the exact count, and only the chunks holding the first page of matches are fetched; they
 *    are shown in place of the static cards (the same markup, made with DOM calls and
 *    textContent). "Show more" fetches the next page of matches.
 *  - The filters live in the address (?age=0-2&routine=bedtime), on any page of the library,
 *    and travel with the language switch. Clearing them brings the static page back.
 *  - While the data loads, the count says so; if it cannot load (offline), the count says that
 *    and the static page stays as it is. Without JavaScript the menus stay hidden.
 */
;(function () {
  "use strict"

  var kit = window.carryover  // the site's script (carryover.js), run before this one
  if (!kit) return
  var t = kit.t, $ = kit.$, $$ = kit.$$, el = kit.el, str = kit.str, validId = kit.validId
  var FORMAT = 1  // facets.py's FORMAT
  var CHUNK_NAME = /^[a-z0-9][a-z0-9.-]*\.json$/
  var HEX = /^[0-9a-f]*$/
  var LANG = /^[a-z]{2,3}$/

  /* Digits grouped as the build groups them (5,000; 5.000): the group comes from the page. */
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, str(kit.ui.group)) }

  function resultsText(total, shown) {
    if (total === 0) return t("js_results_none")
    if (shown < total) return t("js_results_partial", { shown: number(shown), n: number(total) })
    return total === 1 ? t("js_results_one") : t("js_results_other", { n: number(total) })
  }

  /* The index as the build wrote it, or null: every filter's masks as long as the cards,
     one chunk name for each chunk. */
  function checkIndex(data) {
    if (!data || typeof data !== "object" || data.format !== FORMAT) return null
    var total = data.total, size = data.chunk, filters = data.filters
    if (typeof total !== "number" || total < 0 || typeof size !== "number" || size < 1) return null
    if (!Array.isArray(data.chunks) || data.chunks.length !== Math.ceil(total / size)) return null
    if (!data.chunks.every(function (name) { return typeof name === "string" && CHUNK_NAME.test(name) })) return null
    if (!filters || typeof filters !== "object") return null
    var ok = Object.keys(filters).every(function (name) {
      var f = filters[name]
      return f && Array.isArray(f.values) && typeof f.width === "number" && f.width >= 1 &&
        typeof f.cards === "string" && f.cards.length === total * f.width && HEX.test(f.cards)
    })
    return ok ? data : null
  }

  /* A chunk's card as the page shows one, or null. */
  function checkCard(c) {
    if (!c || typeof c !== "object" || !validId(c.id)) return null
    return {
      id: c.id, title: str(c.title) || c.id, summary: str(c.summary),
      facts: Array.isArray(c.facts) ? c.facts.filter(function (f) { return typeof f === "string" }) : [],
      lang: LANG.test(str(c.lang)) ? c.lang : ""
    }
  }

  /* Positions (in title order) of the cards that have every wanted value. */
  function matching(index, wanted) {
    var tests = []
    for (var i = 0; i < wanted.length; i++) {
      var f = kit.has(index.filters, wanted[i].name) ? index.filters[wanted[i].name] : null
      var bit = f ? f.values.indexOf(wanted[i].value) : -1
      if (bit < 0) return []  // a value the data does not know: nothing has it
      tests.push({ cards: f.cards, width: f.width, digit: f.width - 1 - (bit >> 2), mask: 1 << (bit & 3) })
    }
    var found = []
    for (var p = 0; p < index.total; p++) {
      var ok = true
      for (var j = 0; ok && j < tests.length; j++) {
        var x = tests[j]
        ok = (parseInt(x.cards.charAt(p * x.width + x.digit), 16) & x.mask) !== 0
      }
      if (ok) found.push(p)
    }
    return found
  }

  function setup() {
    var form = $(".co-filters")
    var list = $(".co-library")
    var count = $(".co-library__count")
    if (!form || !list || !count || !form.getAttribute("data-index")) return
    var more = $(".co-library__more")
    var moreButton = more && $("button", more)
    var pager = $(".co-pager", list.parentNode)
    var selects = $$("select", form)
    var statics = $$(".co-library__item", list)
    var local = !pager && statics.length > 0 && selects.every(function (s) {
      return statics[0].hasAttribute("data-" + s.name)
    })
    var staticCount = count.textContent
    var indexUrl = new URL(form.getAttribute("data-index"), location.href).href
    var cardsRoot = form.getAttribute("data-cards") || ""
    var size = Math.max(1, Number(form.getAttribute("data-size")) || 100)
    var switches = $$("header a[hreflang]").map(function (a) {  // the language switch
      return { link: a, base: (a.getAttribute("href") || "").split("?")[0] }
    })
    var index = null  // a promise of the checked index
    var chunks = Object.create(null)  // chunk number -> promise of its cards
    var view = { token: 0, found: null, shown: 0, items: [], busy: false, retitled: false }
    /* Page 2 … says its number in its heading and title; the matches are not page 2. */
    var heading = $("h1")
    var headingText = heading && heading.firstChild && heading.firstChild.nodeType === 3 ? heading.firstChild : null
    var pageTitle = headingText ? headingText.nodeValue : ""
    var baseTitle = form.getAttribute("data-title") || pageTitle

    function retitle(filtered) {
      if (!headingText || baseTitle === pageTitle || view.retitled === filtered) return
      var from = filtered ? pageTitle : baseTitle, to = filtered ? baseTitle : pageTitle
      headingText.nodeValue = to
      document.title = document.title.split(from).join(to)
      view.retitled = filtered
    }

    function loadIndex() {
      if (!index) {
        index = fetch(indexUrl, { cache: "no-cache", credentials: "same-origin" })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json() })
          .then(function (data) { var checked = checkIndex(data); if (!checked) throw new Error("index"); return checked })
        index.catch(function () { index = null })  // tried again on the next change
      }
      return index
    }

    function loadChunk(data, k) {
      if (!chunks[k]) {
        var expected = Math.min(data.chunk, data.total - k * data.chunk)
        chunks[k] = fetch(new URL(data.chunks[k], indexUrl).href, { credentials: "same-origin" })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json() })
          .then(function (body) {
            if (!body || !Array.isArray(body.cards) || body.cards.length !== expected) throw new Error("chunk")
            return body.cards.map(checkCard)
          })
        chunks[k].catch(function () { delete chunks[k] })
      }
      return chunks[k]
    }

    /* The cards at positions found[from … from + size), fetching the chunks they are in: at
       most data.most chunks, so a few matches spread far apart come a step at a time. */
    function cardsAt(found, from) {
      return loadIndex().then(function (data) {
        var most = typeof data.most === "number" && data.most >= 1 ? data.most : 12
        var positions = []
        var needed = []
        found.slice(from, from + size).every(function (p) {
          var k = Math.floor(p / data.chunk)
          if (needed.indexOf(k) < 0) {
            if (needed.length >= most) return false
            needed.push(k)
          }
          positions.push(p)
          return true
        })
        return Promise.all(needed.map(function (k) { return loadChunk(data, k) })).then(function (loaded) {
          return positions.map(function (p) {
            return loaded[needed.indexOf(Math.floor(p / data.chunk))][p % data.chunk]
          })
        })
      })
    }

    function item(card) {
      var li = el("li", { "class": "co-library__item" })
      if (card.lang) li.setAttribute("lang", card.lang)
      li.appendChild(el("a", { href: cardsRoot + card.id + "/" })).appendChild(el("strong", {}, card.title))
      li.appendChild(document.createTextNode(" "))
      li.appendChild(el("span", { "class": "co-library__summary" }, card.summary))
      li.appendChild(document.createTextNode(" "))
      li.appendChild(el("span", { "class": "co-meta" }, card.facts.join(" · ")))
      return li
    }

    function clearResults() {
      view.items.forEach(function (li) { if (li.parentNode) li.parentNode.removeChild(li) })
      view.items = []
      view.found = null
      view.shown = 0
    }

    function showStatic(text) {
      clearResults()
      statics.forEach(function (li) { li.hidden = false })
      if (pager) pager.hidden = false
      if (more) more.hidden = true
      list.removeAttribute("aria-busy")
      count.textContent = text
      retitle(false)
    }

    /* Adds the cards after those shown; returns the first one added. */
    function showCards(found, cards) {
      var first = null
      cards.forEach(function (card) {
        if (!card) return
        var li = list.appendChild(item(card))
        view.items.push(li)
        first = first || li
      })
      view.shown += cards.length
      if (more) more.hidden = view.shown >= found.length
      list.removeAttribute("aria-busy")
      count.textContent = resultsText(found.length, view.shown)
      return first
    }

    function wantedNow() {
      return selects.filter(function (s) { return s.value }).map(function (s) { return { name: s.name, value: s.value } })
    }

    function writeAddress(wanted) {
      var params = new URLSearchParams()
      wanted.forEach(function (w) { params.set(w.name, w.value) })
      var query = params.toString() ? "?" + params.toString() : ""
      history.replaceState(null, "", location.pathname + query + location.hash)
      switches.forEach(function (s) { s.link.setAttribute("href", s.base + query) })
    }

    /* The whole library is on the page: its items say their values. */
    function filterHere(wanted) {
      var shown = 0
      statics.forEach(function (li) {
        var ok = wanted.every(function (w) {
          return (li.getAttribute("data-" + w.name) || "").split(" ").indexOf(w.value) >= 0
        })
        li.hidden = !ok
        if (ok) shown++
      })
      count.textContent = wanted.length ? resultsText(shown, shown) : staticCount
    }

    function apply() {
      var wanted = wantedNow()
      writeAddress(wanted)
      if (local) { filterHere(wanted); return }
      var mine = ++view.token
      if (!wanted.length) { showStatic(staticCount); return }
      count.textContent = t("js_library_loading")
      list.setAttribute("aria-busy", "true")
      loadIndex().then(function (data) {
        var found = matching(data, wanted)
        return cardsAt(found, 0).then(function (cards) {
          if (mine !== view.token) return
          clearResults()
          statics.forEach(function (li) { li.hidden = true })
          if (pager) pager.hidden = true
          retitle(true)
          view.found = found
          showCards(found, cards)
        })
      }).catch(function () {
        if (mine === view.token) showStatic(t("js_library_failed"))
      })
    }

    if (moreButton) {
      moreButton.addEventListener("click", function () {
        var found = view.found
        if (!found || view.busy || view.shown >= found.length) return
        var mine = view.token
        view.busy = true
        moreButton.setAttribute("aria-disabled", "true")
        count.textContent = t("js_library_loading")
        cardsAt(found, view.shown).then(function (cards) {
          if (mine !== view.token) return
          var first = showCards(found, cards)
          var link = first && $("a", first)
          if (link) link.focus()
        }, function () {
          if (mine === view.token) count.textContent = t("js_library_failed")
        }).then(function () {
          view.busy = false
          moreButton.removeAttribute("aria-disabled")
        })
      })
    }

    var initial = new URLSearchParams(location.search)
    selects.forEach(function (select) {
      var value = initial.get(select.name)
      if (value && $$("option", select).some(function (o) { return o.value === value })) select.value = value
      select.addEventListener("change", apply)
    })
    form.addEventListener("reset", function () { setTimeout(apply, 0) })
    form.addEventListener("submit", function (event) { event.preventDefault() })
    form.hidden = false
    apply()
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup)
  else setup()
})()
