/* Carryover search: the theme's search box and result list, answered by Pagefind.
 *
 * The theme talks to a search worker in four messages (SETUP, READY, QUERY, RESULT) and asks
 * for it as soon as a page loads. Here the worker it asks for is a stand-in that answers in
 * this page with Pagefind, whose index the build made from the finished pages
 * (carryover/publish/search.py), in this language only. Nothing is fetched until search is
 * opened (focus on the search box, or the search button): then Pagefind's engine, and for
 * each query only the index chunks it needs and the results it shows, never the whole
 * library. Pagefind stems each word in the site's language and ignores accents ("presion"
 * finds "presión"); a card's keywords weigh most. No worker thread: a search takes a few
 * milliseconds, and a worker would cost a phone one more round trip before the first result.
 *
 * One result per page, the best first; it shows the page's title, its summary and, for a
 * card, its category and ages. The theme writes what it gets as HTML: every text is escaped
 * here. The best SHOWN results are sent; when more were found, the line above them says so.
 * Runs before the theme's script (joined ahead of it).
 */
(function () {
  "use strict"
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var SHOWN = 10
  var MIN = 3
  var PAUSE = 250 /* ms without a key before searching */
  var THEME_WORKER = /\/workers\/[^/]*search[^/]*\.js(?:[?#].*)?$/
  var THEME_INDEX = /\/search\/search_index\.json(?:[?#].*)?$/
  var NativeWorker = window.Worker
  var opened = false, waiting = []

  function release() {
    if (opened) return
    opened = true
    start() /* while the theme fetches its settings */
    waiting.splice(0).forEach(function (go) { go() })
  }

  function escape(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]
    })
  }
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase() }
  function shared(a, b) { var n = 0; while (n < a.length && a[n] === b[n]) n++; return n }

  /* The language's Pagefind folder, from the theme's settings (its "base" is the language's root) */
  function pagefindBase() {
    var config = JSON.parse(document.getElementById("__config").textContent)
    return new URL("pagefind/", new URL(config.base || ".", location.href)).href
  }

  var engine = null
  function start() {
    if (!engine) {
      var base = pagefindBase()
      /* Pagefind's own worker is not published (carryover/publish/search.py): it searches in
         this thread, in the language of the page (<html lang>) */
      engine = import(base + "pagefind.js").then(function (module) {
        var pagefind = module.createInstance({ basePath: base, noWorker: true })
        return pagefind.options({ baseUrl: "/", excerptLength: 0 })
          .then(function () { return pagefind.init() })
          .then(function () { return pagefind })
      })
    }
    return engine
  }

  /* When a word is nowhere in the library, Pagefind looks up its longest beginning that is
     ("berrinche" on the English site finds "be"). A word counts only when the words it
     matched share its beginning, all of it but an ending ("cutting" matches "cut",
     "cepillarse" "cepillo"): otherwise it has no match here. */
  function matches(word, found) {
    var first = found && found.results[0]
    if (!first) return Promise.resolve(false)
    var letters = function (text) { return fold(text).replace(/[^\p{L}\p{N}]/gu, "") } /* "*wow*," is "wow" */
    var want = letters(word)
    var need = Math.min(want.length, Math.max(3, want.length - 5))
    var at = first.words || [] /* this lookup's word positions: a page's data is shared by lookups */
    return first.data().then(function (page) {
      var text = page.content.split(/\s+/)
      return at.some(function (i) { return shared(want, letters(text[i] || "")) >= need })
    })
  }

  /* Parents type sentences ("i yelled at my son"), and Pagefind finds only the pages with
     every word. So each word is looked up on its own, and a page's score is the sum of its
     words' scores: a rare word counts for much, a common one ("yelled" against "son") for
     little, and a page with every word comes first unless its words are all common ones.
     (Looking up the whole sentence and the words side by side as well found one more of
     the test queries and cost a slow phone over a second at 5,000 cards.) */
  function find(pagefind, words, alive) {
    var unique = words.filter(function (w, i) { return words.indexOf(w) === i })
    var long = unique.filter(function (w) { return w.length >= MIN })
    if (!long.length) long = [unique.join(" ")]
    return Promise.all(long.map(function (w) { return pagefind.search(w) })).then(function (each) {
      if (!alive()) return []
      return Promise.all(long.map(function (w, i) { return matches(w, each[i]) })).then(function (real) {
        return each.filter(function (found, i) { return real[i] })
      })
    }).then(function (lookups) {
      var merged = {}, results = []
      lookups.forEach(function (found) {
        (found ? found.results : []).forEach(function (r) {
          if (!merged[r.id]) results.push(merged[r.id] = { ref: r, score: 0 })
          merged[r.id].score += r.score
        })
      })
      return results.sort(function (a, b) { return b.score - a.score })
    })
  }

  function item(data, score, terms) {
    var meta = data.meta || {}
    var tags = [meta.fact1, meta.fact2].filter(Boolean).map(escape)
    var doc = {
      location: data.url.replace(/^\//, ""), /* from the language's root, as the theme's are */
      title: escape(meta.title),
      text: meta.summary ? "<p>" + escape(meta.summary) + "</p>" : "", /* its own line, above the tags */
      score: score,
      terms: terms
    }
    if (tags.length) doc.tags = tags
    return [doc]
  }

  /* A parent types a key every 100-300 ms on a phone. Each key fetches the index chunks of
     the words typed so far (Pagefind's preload: network only), and the search itself waits
     for a PAUSE in the typing: on a slow phone a search of a big library takes a few hundred
     milliseconds, and one per key queued them up for seconds. A query overtaken by the next
     key fetches no result. Words under MIN letters are not looked up ("de", "my", a word still being
     typed): every word is also a beginning, and a short one matches so many words that it
     would fetch a large part of the index for nothing. */
  function preload(query) {
    var words = query.toLowerCase().replace(/"/g, " ").split(/\s+/).filter(function (w) { return w.length >= MIN })
    if (words.length) start().then(function (pagefind) { words.forEach(function (w) { pagefind.preload(w) }) })
  }

  function search(query, alive) {
    var words = query.toLowerCase().replace(/"/g, " ").split(/\s+/).filter(Boolean)
    if (!words.length) return Promise.resolve({ items: [], total: 0 })
    if (words.join(" ").length < MIN) return Promise.resolve(null) /* and the theme says to type */
    return start().then(function (pagefind) { return find(pagefind, words, alive) }).then(function (results) {
      if (!alive()) return null
      var terms = {}
      words.forEach(function (w) { terms[w] = true })
      var best = results.slice(0, SHOWN)
      return Promise.all(best.map(function (r) { return r.ref.data() })).then(function (pages) {
        return { items: pages.map(function (page, i) { return item(page, best[i].score, terms) }), total: results.length }
      })
    })
  }

  /* After the theme has written its count (it counts only what it was sent) */
  function shownOf(result) {
    var meta = document.querySelector(".md-search-result__meta")
    if (!meta || !window.carryover || !(result.total > result.items.length)) return
    meta.textContent = window.carryover.t("js_search_shown", { shown: result.items.length, total: result.total })
  }

  /* What the theme takes for its search worker: it posts messages and listens for "message" */
  function SearchWorker() {
    var listeners = [], latest = 0, self = this
    function emit(data) {
      var event = { data: data }
      listeners.forEach(function (l) { l.call(self, event) })
      if (typeof self.onmessage === "function") self.onmessage(event)
      if (data.type === RESULT) shownOf(data.data)
    }
    function handle(message) {
      if (!message || self.terminated) return
      if (message.type === SETUP) {
        start().then(function () { emit({ type: READY }) }, function (err) {
          console.warn("search could not start", err)
        })
      } else if (message.type === QUERY) {
        var asked = ++latest, query = String(message.data || "")
        var alive = function () { return asked === latest }
        preload(query)
        setTimeout(function () {
          if (!alive()) return
          search(query, alive).then(function (result) {
            if (result && alive()) emit({ type: RESULT, data: result })
          }, function (err) {
            console.warn(err)
            if (alive()) emit({ type: RESULT, data: { items: [], total: 0 } })
          })
        }, PAUSE)
      }
    }
    this.onmessage = null
    this.onerror = null
    this.postMessage = function (message) {
      if (opened) handle(message)
      else waiting.push(function () { handle(message) })
    }
    this.addEventListener = function (type, listener) { if (type === "message") listeners.push(listener) }
    this.removeEventListener = function (type, listener) {
      listeners = listeners.filter(function (l) { return l !== listener })
    }
    this.terminate = function () { self.terminated = true }
  }

  if (NativeWorker) {
    window.Worker = function (url, options) {
      return THEME_WORKER.test(String(url)) ? new SearchWorker() : new NativeWorker(url, options)
    }
    window.Worker.prototype = NativeWorker.prototype
  }

  /* The theme's own index holds no page (its settings only): it too waits until search is opened */
  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype
  if (proto) {
    var nativeOpen = proto.open, nativeSend = proto.send
    proto.open = function (method, url) {
      this.__carryoverUrl = String(url)
      return nativeOpen.apply(this, arguments)
    }
    proto.send = function () {
      var request = this, args = arguments
      if (!opened && THEME_INDEX.test(request.__carryoverUrl || "")) {
        waiting.push(function () { nativeSend.apply(request, args) })
        return undefined
      }
      return nativeSend.apply(this, arguments)
    }
  }
  /* The theme reads the search box on "keyup" only: text pasted, dictated or put in by a
     phone's keyboard suggestions (an "input" with no key) was never searched. */
  document.addEventListener("input", function (event) {
    var box = event.target
    if (box && box.matches && box.matches(".md-search__input")) {
      release()
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    }
  })
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches(".md-search__input")) release()
  })
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release()
  })
  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest("label[for=__search], .md-search")) release()
  })
})()
