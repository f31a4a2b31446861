/* Carryover: the few things that need a script. Reading never does.
 *  - "Copy link" on a card;
 *  - "I tried this today" on a card, and the "My practice log" page, kept only in
 *    this browser's local storage (nothing is sent anywhere);
 *  - the home-program page: make a bundle link, or open one (the choice travels
 *    in the link's #fragment, never to a server).
 * Everything fails soft: bad data in storage or in a link never breaks a page.
 */
(function () {
  "use strict"

  var ui = {}
  try { ui = JSON.parse(document.getElementById("__carryover").textContent) } catch (e) { ui = {} }
  if (!ui || typeof ui !== "object") ui = {}
  var LOG_KEY = "carryover.practice-log"
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
  var cap = Number(ui.cap) || 4
  /* The log keeps its newest entries only, so storage and the log page stay small
     whatever was saved before; the page draws the strategies practised most recently. */
  var LOG_CAP = 1000
  var LOG_SHOWN = 50
  /* The largest QR code a phone still reads from paper: version 20 (97 modules; printed
     28 mm wide, a module is about 0.28 mm). It holds 858 bytes at level L; a bigger code
     (up to 2,953 bytes) would print, but with modules too small to scan. */
  var QR_MAX = 858
  var QR_MAX_MODULES = 97
  var SVG = "http://www.w3.org/2000/svg"

  /* Maps keyed by ids have no prototype, and are read through has(): an id such as
     "constructor" must never find Object's own function. */
  function map() { return Object.create(null) }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key) }
  function str(value) { return typeof value === "string" ? value : "" }

  function t(key, values) {
    var message = (has(ui, key) && typeof ui[key] === "string") ? ui[key] : key
    Object.keys(values || {}).forEach(function (name) { message = message.split("{" + name + "}").join(values[name]) })
    return message
  }
  function $(selector, root) { return (root || document).querySelector(selector) }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)) }
  function el(tag, attrs, text) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]) })
    if (text != null) node.textContent = text
    return node
  }
  function fold(text) { return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase() }
  function isoDay(date) {
    var d = date || new Date()
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0")
  }
  function localDate(day) {
    var parts = day.split("-").map(Number)
    return new Date(parts[0], parts[1] - 1, parts[2])
  }
  function showDate(day) {
    try { return localDate(day).toLocaleDateString(ui.lang || undefined, { day: "numeric", month: "long" }) } catch (e) { return day }
  }

  /* ---- copying ---------------------------------------------------------- */

  function copyText(text, status) {
    function done(ok) { if (status) status.textContent = ok ? t("js_copied") : t("js_copy_failed") }
    function fallback() {
      var area = el("textarea", { "aria-hidden": "true" })
      area.value = text
      area.style.position = "fixed"; area.style.opacity = "0"
      document.body.appendChild(area)
      area.select()
      var ok = false
      try { ok = document.execCommand("copy") } catch (e) { ok = false }
      document.body.removeChild(area)
      done(ok)
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true) }, fallback)
    } else {
      fallback()
    }
  }

  function setupShare() {
    $$(".co-share").forEach(function (box) {
      var button = $(".co-copy", box)
      if (!button) return
      button.hidden = false
      button.addEventListener("click", function () { copyText(box.getAttribute("data-share-url"), $(".co-share__status", box)) })
    })
  }

  /* ---- practice log ----------------------------------------------------- */

  function isQuota(error) {
    return !!error && (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      error.code === 22 || error.code === 1014)
  }

  /* Local storage, or null where there is none. Full storage is still storage: the log
     can be read and cleared, and saving says why it failed. */
  function storage() {
    var store
    try {
      store = window.localStorage
      if (!store) return null
      var probe = "carryover.probe"
      store.setItem(probe, "1")
      store.removeItem(probe)
      return store
    } catch (e) {
      return store && isQuota(e) ? store : null
    }
  }

  function validEntry(entry) {
    return entry !== null && typeof entry === "object" &&
      typeof entry.card === "string" && entry.card.length <= 100 && ID.test(entry.card) &&
      typeof entry.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(entry.day) &&
      (entry.result === "helped" || entry.result === "hard")
  }

  /* Only well-formed entries survive, the newest LOG_CAP of them, oldest first; anything
     else in storage is ignored, never fatal. */
  function readLog(store) {
    var data = null
    try { data = JSON.parse(store.getItem(LOG_KEY) || "null") } catch (e) { data = null }
    if (!data || typeof data !== "object" || data.v !== 1 || !Array.isArray(data.entries)) return []
    var kept = []
    for (var i = data.entries.length - 1; i >= 0 && kept.length < LOG_CAP; i--) {
      var entry = data.entries[i]
      if (!validEntry(entry)) continue
      kept.push({ card: entry.card, day: entry.day, result: entry.result, note: str(entry.note).slice(0, 280) })
    }
    return kept.reverse()
  }

  /* Throws when the browser refuses (storage full): the caller says so. */
  function writeLog(store, entries) {
    store.setItem(LOG_KEY, JSON.stringify({ v: 1, entries: entries.slice(-LOG_CAP) }))
  }

  function setupTried() {
    var box = $(".co-tried")
    var store = storage()
    if (!box || !store) return
    box.hidden = false
    var card = box.getAttribute("data-card")
    var status = $(".co-tried__status", box)
    $$("button[data-result]", box).forEach(function (button) {
      button.addEventListener("click", function () {
        var day = isoDay()
        try {
          var entries = readLog(store)
          var note = $(".co-tried__note", box).value.trim().slice(0, 280)
          entries = entries.filter(function (e) { return !(e.card === card && e.day === day) })
          entries.push({ card: card, day: day, result: button.getAttribute("data-result"), note: note })
          writeLog(store, entries)
        } catch (e) {
          status.textContent = t(isQuota(e) ? "js_storage_full" : "js_not_saved")
          return
        }
        status.textContent = t("js_saved", { date: showDate(day) })
      })
    })
  }

  /* The library's cards.json, as a list of cards with string fields; [] if anything is off. */
  function fetchCards() {
    var url = new URL("../assets/cards.json", location.href)
    return fetch(url.href).then(function (r) { return r.ok ? r.json() : [] }).then(function (data) {
      if (!Array.isArray(data)) return []
      return data.filter(function (c) { return c && typeof c === "object" && typeof c.id === "string" && ID.test(c.id) })
        .map(function (c) {
          return { id: c.id, title: str(c.title) || c.id, summary: str(c.summary), category: str(c.category),
            ages: str(c.ages), time: str(c.time) }
        })
    }).catch(function () { return [] })
  }

  function setupLogPage() {
    var page = $(".co-log-page")
    var store = storage()
    if (!page || !store) return
    page.hidden = false
    var grid = $(".co-log-page__grid", page)
    var status = $(".co-log-page__status", page)
    var titles = map()
    var days = Array.isArray(ui.days) ? ui.days : []

    function title(card) { return has(titles, card) ? titles[card] : card }

    function weekStart(date) {
      var d = new Date(date.getFullYear(), date.getMonth(), date.getDate())
      d.setDate(d.getDate() - ((d.getDay() + 6) % 7))
      return d
    }

    /* The entries of the last four weeks, by card: one pass, then at most LOG_SHOWN
       cards of 4 x 7 cells, however much is stored. */
    function render() {
      var entries = readLog(store)
      grid.textContent = ""
      var first = weekStart(new Date())
      first.setDate(first.getDate() - 21)
      var from = isoDay(first)
      var groups = map()
      var order = []
      entries.forEach(function (e, i) {
        if (e.day < from) return
        var group = has(groups, e.card) ? groups[e.card] : null
        if (!group) {
          group = groups[e.card] = { card: e.card, days: map(), notes: [], count: 0, latest: "", last: 0, shown: false }
          order.push(group)
        }
        group.count++
        if (!has(group.days, e.day)) group.days[e.day] = e
        if (e.note) group.notes.push(e)
        if (e.day >= group.latest) { group.latest = e.day; group.last = i }
      })
      if (!order.length) { grid.appendChild(el("p", {}, t("js_log_empty"))); return }
      var newest = order.slice().sort(function (a, b) {
        if (a.latest !== b.latest) return a.latest > b.latest ? -1 : 1
        return b.last - a.last
      }).slice(0, LOG_SHOWN)
      newest.forEach(function (group) { group.shown = true })
      var hidden = 0
      order.forEach(function (group) { if (!group.shown) hidden += group.count })
      order.filter(function (group) { return group.shown }).forEach(function (group) {
        var card = group.card
        var section = el("section", { "class": "co-log-card" })
        var heading = el("h2", {})
        heading.appendChild(el("a", { href: "../strategies/" + card + "/" }, title(card)))
        section.appendChild(heading)
        var table = el("table", { "class": "co-log-table" })
        var head = el("tr", {})
        head.appendChild(el("th", { scope: "col" }, ""))
        days.forEach(function (name) { head.appendChild(el("th", { scope: "col" }, str(name))) })
        table.appendChild(head)
        for (var w = 0; w < 4; w++) {
          var start = new Date(first); start.setDate(first.getDate() + 7 * w)
          var row = el("tr", {})
          row.appendChild(el("th", { scope: "row" }, t("js_week", { date: showDate(isoDay(start)) })))
          for (var d = 0; d < 7; d++) {
            var day = new Date(start); day.setDate(start.getDate() + d)
            var key = isoDay(day)
            var found = has(group.days, key) ? group.days[key] : null
            var cell = el("td", {})
            if (found) {
              cell.className = "co-log-" + found.result
              cell.appendChild(el("span", { "aria-hidden": "true" }, found.result === "helped" ? "✓" : "!"))
              cell.appendChild(el("span", { "class": "co-visually-hidden" }, t(found.result === "helped" ? "js_log_helped" : "js_log_hard")))
              if (found.note) cell.setAttribute("title", found.note)
            }
            row.appendChild(cell)
          }
          table.appendChild(row)
        }
        section.appendChild(table)
        if (group.notes.length) {
          var list = el("ul", { "class": "co-log-notes" })
          group.notes.forEach(function (e) { list.appendChild(el("li", {}, showDate(e.day) + ": " + e.note)) })
          section.appendChild(list)
        }
        grid.appendChild(section)
      })
      if (hidden) grid.appendChild(el("p", { "class": "co-log-page__more" }, t("js_log_more", { n: hidden, shown: LOG_SHOWN })))
    }

    function asText() {
      var entries = readLog(store)
      var lines = [t("js_log_header")]
      var groups = map()
      var cards = []
      entries.forEach(function (e) {
        if (!has(groups, e.card)) { groups[e.card] = []; cards.push(e.card) }
        groups[e.card].push(e)
      })
      cards.forEach(function (card) {
        lines.push("", title(card))
        groups[card].sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : 0 })
          .forEach(function (e) {
            lines.push("- " + e.day + ": " + t(e.result === "helped" ? "js_log_helped" : "js_log_hard") + (e.note ? " — " + e.note : ""))
          })
      })
      return lines.join("\n")
    }

    $(".co-log-copy", page).addEventListener("click", function () {
      var copy = asText()
      var area = $(".co-log-page__text", page)
      area.value = copy
      area.hidden = false
      copyText(copy, status)
    })
    $(".co-log-print", page).addEventListener("click", function () { window.print() })
    $(".co-log-clear", page).addEventListener("click", function () {
      if (!window.confirm(t("js_confirm_clear"))) return
      try { store.removeItem(LOG_KEY) } catch (e) { /* nothing to remove */ }
      render()
      status.textContent = t("js_cleared")
    })
    render()
    fetchCards().then(function (cards) {
      cards.forEach(function (c) { titles[c.id] = c.title })
      render()
    })
  }

  /* ---- home-program bundles -------------------------------------------- */

  function bundleFromHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""))
    var ids = (params.get("cards") || "").split(",")
    var unique = []
    for (var i = 0; i < ids.length && unique.length < cap; i++) {
      var id = ids[i].trim()
      if (id.length <= 100 && ID.test(id) && unique.indexOf(id) < 0) unique.push(id)
    }
    return { ids: unique, note: (params.get("note") || "").slice(0, 300) }
  }

  /* encodeURIComponent, without the URIError a lone surrogate (half an emoji) raises. */
  function encodeText(value) {
    try { return encodeURIComponent(value) } catch (e) {
      var out = ""
      for (var i = 0; i < value.length; i++) {
        var c = value.charCodeAt(i)
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
          var next = value.charCodeAt(i + 1)
          if (next >= 0xdc00 && next <= 0xdfff) { out += encodeURIComponent(value.charAt(i) + value.charAt(i + 1)); i++; continue }
        }
        if (c < 0xd800 || c > 0xdfff) out += encodeURIComponent(value.charAt(i))
      }
      return out
    }
  }

  /* A QR code for a link, or null when the link cannot fit in one: the smallest
     error correction that fits (M, else L), the version chosen by the library. */
  function makeQr(link) {
    if (!window.qrcode) return null
    var data = String(link).replace(/[^\x00-\x7f]+/g, encodeText)
    if (data.length > QR_MAX) return null
    var levels = ["M", "L"]
    for (var i = 0; i < levels.length; i++) {
      try {
        var qr = window.qrcode(0, levels[i])
        qr.addData(data)
        qr.make()
        if (qr.getModuleCount() <= QR_MAX_MODULES) return qr
      } catch (e) { /* "code length overflow": try the next level */ }
    }
    return null
  }

  /* The QR code as SVG elements: one path of unit squares, drawn without markup strings. */
  function qrSvg(qr, label) {
    var count = qr.getModuleCount()
    var margin = 1
    var size = count + 2 * margin
    var svg = document.createElementNS(SVG, "svg")
    svg.setAttribute("viewBox", "0 0 " + size + " " + size)
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet")
    svg.setAttribute("shape-rendering", "crispEdges")
    svg.setAttribute("role", "img")
    svg.setAttribute("aria-label", label)
    var back = document.createElementNS(SVG, "rect")
    back.setAttribute("width", "100%")
    back.setAttribute("height", "100%")
    back.setAttribute("fill", "white")
    svg.appendChild(back)
    var d = []
    for (var r = 0; r < count; r++) {
      for (var c = 0; c < count; c++) {
        if (qr.isDark(r, c)) d.push("M" + (c + margin) + "," + (r + margin) + "h1v1h-1z")
      }
    }
    var path = document.createElementNS(SVG, "path")
    path.setAttribute("d", d.join(""))
    path.setAttribute("fill", "black")
    svg.appendChild(path)
    return svg
  }

  /* The handout comes from this site, built and sanitised; still, nothing in it may run here. */
  function inert(root) {
    $$("script, iframe, object, embed, base, meta, link", root).forEach(function (node) { node.remove() })
    $$("*", root).forEach(function (node) {
      Array.prototype.slice.call(node.attributes).forEach(function (attr) {
        var name = attr.name.toLowerCase()
        var value = attr.value.replace(/[\s\u0000-\u001f]+/g, "").toLowerCase()
        if (name.indexOf("on") === 0 || (/^(href|src|xlink:href|action|formaction)$/.test(name) && /^(javascript|vbscript|data):/.test(value))) {
          node.removeAttribute(attr.name)
        }
      })
    })
  }

  function showBundle(view, bundle) {
    view.hidden = false
    /* Print first: whatever happens below, the button prints the page. */
    $(".co-bundle-print", view).onclick = function () { window.print() }
    var note = $(".co-bundle-view__note", view)
    note.textContent = bundle.note
    note.hidden = !bundle.note
    var holder = $(".co-bundle-view__cards", view)
    holder.textContent = ""
    fetchCards().then(function (cards) {
      var known = map()
      cards.forEach(function (c) { known[c.id] = c })
      return Promise.all(bundle.ids.map(function (id) {
        if (!has(known, id)) return Promise.resolve({ id: id, missing: true })
        return fetch(new URL("../strategies/" + id + "/handout/", location.href).href)
          .then(function (r) { return r.ok ? r.text() : null })
          .then(function (text) { return text ? { id: id, card: known[id], html: text } : { id: id, missing: true } })
          .catch(function () { return { id: id, missing: true } })
      }))
    }).then(function (results) {
      results.forEach(function (result) {
        var article = el("article", { "class": "co-bundle-card" })
        if (result.missing) {
          article.classList.add("co-bundle-card--missing")
          article.appendChild(el("p", {}, t("js_unavailable")))
          holder.appendChild(article)
          return
        }
        var heading = el("h2", {})
        heading.appendChild(el("a", { href: "../strategies/" + result.id + "/" }, result.card.title))
        article.appendChild(heading)
        article.appendChild(el("p", { "class": "co-meta" }, result.card.category + " · " + result.card.ages + " · " + result.card.time))
        article.appendChild(el("p", {}, result.card.summary))
        var doc = new DOMParser().parseFromString(result.html, "text/html")
        var body = doc.querySelector(".co-sheet__body")
        if (body) {
          inert(body)
          $$("[id]", body).forEach(function (node) { node.removeAttribute("id") })
          $$(".headerlink", body).forEach(function (node) { node.remove() })
          $$("h2", body).forEach(function (h) { var h3 = el("h3", {}, h.textContent); h.replaceWith(h3) })
          /* On paper a program keeps the steps and the safety notes; the rest is a scan away */
          $$(".co-sheet__main > h3:first-child, .co-sheet__main > h3:first-child + ul", body)
            .forEach(function (node) { node.classList.add("co-screen-only") })
          $$(".co-sheet__side > h3, .co-sheet__side > h3 + ul", body)
            .forEach(function (node) { node.classList.add("co-screen-only") })
          article.appendChild(document.importNode(body, true))
        }
        holder.appendChild(article)
      })
    })
    var figure = $(".co-bundle-view__qr", view)
    figure.textContent = ""
    if (!window.qrcode) return
    var qr = makeQr(location.href)
    if (qr) {
      try { figure.appendChild(qrSvg(qr, location.href)); return } catch (e) { figure.textContent = "" }
    }
    figure.appendChild(el("p", { "class": "co-qr__none" }, t("js_qr_too_long")))
  }

  function makeBundle(form) {
    form.hidden = false
    var list = $(".co-bundle-make__list", form)
    var search = $("#bundle-search", form)
    var count = $(".co-bundle-make__count", form)
    var noteBox = $("#bundle-note", form)
    var chosen = []
    /* Said while typing, not only once the link is made: a note too long for a QR code. */
    var hint = el("p", { "class": "co-bundle-make__hint", id: "bundle-note-hint", "aria-live": "polite" })
    hint.hidden = true
    noteBox.parentNode.insertBefore(hint, noteBox.nextSibling)
    noteBox.setAttribute("aria-describedby", "bundle-note-hint")

    /* ids are plain slugs, so the list stays readable in the link: #cards=a,b&note=… */
    function linkFor() {
      var lang = $("#bundle-language", form).value
      var fragment = "cards=" + chosen.join(",")
      var note = noteBox.value.trim()
      if (note) fragment += "&note=" + encodeText(note)
      return new URL("../../" + lang + "/bundle/", location.href).href + "#" + fragment
    }
    function tooLong() { return linkFor().length > QR_MAX }
    function checkNote() {
      var over = tooLong()
      hint.textContent = over ? t("js_note_too_long") : ""
      hint.hidden = !over
    }

    function update() {
      count.textContent = chosen.length >= cap ? t("js_cap", { cap: cap }) : t("js_chosen", { n: chosen.length })
      $$("input[type=checkbox]", list).forEach(function (box) { box.disabled = !box.checked && chosen.length >= cap })
      checkNote()
    }
    noteBox.addEventListener("input", checkNote)
    $("#bundle-language", form).addEventListener("change", checkNote)

    fetchCards().then(function (cards) {
      cards.forEach(function (card) {
        var label = el("label", { "class": "co-pick", "data-search": fold(card.title + " " + card.summary + " " + card.category) })
        var box = el("input", { type: "checkbox", value: card.id })
        box.addEventListener("change", function () {
          if (box.checked && chosen.indexOf(card.id) < 0) chosen.push(card.id)
          if (!box.checked) chosen = chosen.filter(function (id) { return id !== card.id })
          update()
        })
        label.appendChild(box)
        label.appendChild(el("strong", {}, " " + card.title))
        label.appendChild(el("span", { "class": "co-meta" }, " — " + card.category + " · " + card.ages))
        list.appendChild(label)
      })
      update()
    })
    search.addEventListener("input", function () {
      var words = fold(search.value).split(/\s+/).filter(Boolean)
      $$(".co-pick", list).forEach(function (label) {
        var text = label.getAttribute("data-search")
        label.hidden = !words.every(function (w) { return text.indexOf(w) >= 0 })
      })
    })
    form.addEventListener("submit", function (event) {
      event.preventDefault()
      var status = $(".co-bundle-make__status", form)
      if (!chosen.length) { status.textContent = t("js_none_chosen"); return }
      var link = linkFor()
      var result = $(".co-bundle-make__result", form)
      result.hidden = false
      $("#bundle-link", form).value = link
      $(".co-bundle-whatsapp", form).setAttribute("href", "https://wa.me/?text=" + encodeText(link))
      status.textContent = link.length > QR_MAX ? t("js_note_too_long") : ""
      $(".co-copy-bundle", form).onclick = function () { copyText(link, status) }
      $("#bundle-link", form).focus()
    })
  }

  function setupBundle() {
    var view = $(".co-bundle-view")
    var form = $(".co-bundle-make")
    if (!view || !form) return
    var made = false
    function route() {
      var bundle = bundleFromHash()
      if (bundle.ids.length || /cards=/.test(location.hash)) {
        form.hidden = true
        showBundle(view, bundle)
      } else {
        view.hidden = true
        if (!made) { made = true; makeBundle(form) } else form.hidden = false
      }
    }
    route()
    window.addEventListener("hashchange", route)
  }

  /* ---- the library page: filters that live in the URL ------------------ */

  /* The theme closes its search panel when the search box loses focus, yet makes the
     panel's results area the next Tab stop: Tab then landed on a collapsed, invisible
     area. Tab from the search box now moves on to the page (arrow keys still walk the
     results, as the theme provides); while the panel is open the area stays focusable. */
  function setupSearchFocus() {
    var wrap = $(".md-search__scrollwrap")
    var box = $(".md-search__input")
    if (!wrap || !box) return
    box.addEventListener("focus", function () { wrap.tabIndex = 0 })
    box.addEventListener("keydown", function (event) { if (event.key === "Tab") wrap.tabIndex = -1 })
  }

  /* What the feature scripts joined after this one (saved.js, listen.js, offline.js) share,
     so each does not carry its own copy. */
  window.carryover = {
    ui: ui, t: t, has: has, str: str, $: $, $$: $$, el: el, isQuota: isQuota, storage: storage, readLog: readLog,
    validId: function (id) { return typeof id === "string" && id.length <= 100 && ID.test(id) }
  }

  function start() {
    setupSearchFocus()
    setupShare()
    setupTried()
    setupLogPage()
    setupBundle()
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
