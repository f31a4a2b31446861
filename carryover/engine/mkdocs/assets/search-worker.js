/* Carryover search worker.
 *
 * Runs Material for MkDocs' own search worker, with two changes that parents
 * typing on phones need, in the site's language, whichever it is:
 *  - accents never matter: "presion" finds "Presión", "nino" finds "niño";
 *  - a word finds its other forms: "rabieta" finds "rabietas", "cepillo" finds
 *    "cepillarse". Material appends a wildcard to every query word, and lunr
 *    skips stemming for wildcard words, so a full word never met its stemmed
 *    form in the index. We stem (and fold) each query word first, so the
 *    wildcard then matches the stem.
 */
(function () {
  "use strict"
  var QUERY = 2
  var fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") }
  var nativeImport = self.importScripts.bind(self)
  var nativeListen = self.addEventListener.bind(self)
  var wrapped = typeof WeakSet === "function" ? new WeakSet() : { has: function () { return false }, add: function () {} }

  /* Fold accents before and after every stemmer, for documents and queries alike */
  function foldingStemmer(stemmer, label) {
    if (!stemmer || wrapped.has(stemmer)) return stemmer
    var fn = function (token) {
      var result = stemmer(token.update(fold))
      return result && result.update ? result.update(fold) : result
    }
    wrapped.add(fn)
    self.lunr.Pipeline.registerFunction(fn, label)
    return fn
  }

  /* lunr-languages puts each language at lunr.<code> (lunr.es, lunr.pt…): every one
     loaded for this site's language gets the same folding, whichever language it is */
  function languages(lunr) {
    return Object.keys(lunr).filter(function (code) {
      return /^[a-z]{2}$/.test(code) && lunr[code] && typeof lunr[code].stemmer === "function"
    })
  }

  function patch() {
    var lunr = self.lunr
    if (!lunr) return
    lunr.stemmer = foldingStemmer(lunr.stemmer, "carryover-stemmer-en")
    languages(lunr).forEach(function (code) {
      lunr[code].stemmer = foldingStemmer(lunr[code].stemmer, "carryover-stemmer-" + code)
    })
  }

  self.importScripts = function () {
    nativeImport.apply(self, arguments)
    patch()
  }

  /* Turn each plain query word into its folded stem, twice: "stem^4" matches the word's
     own forms exactly (and scores higher), "stem" becomes "stem*" in Material and also
     finds longer words while the parent is still typing. Words with operators stay. */
  function rewrite(query) {
    var lunr = self.lunr
    var codes = languages(lunr).filter(function (code) { return wrapped.has(lunr[code].stemmer) })
    var language = codes.length ? lunr[codes[0]] : lunr
    return query.split(/\s+/).map(function (word) {
      if (!word || /[*+\-:^~"]/.test(word)) return word
      var plain = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
      if (!plain) return ""
      var token = new lunr.Token(plain, {})
      if (language.stopWordFilter && !language.stopWordFilter(token)) return ""
      var stem = language.stemmer(new lunr.Token(plain, {})).toString()
      if (stem.length < 2) stem = fold(plain)
      return stem + "^4 " + stem
    }).filter(Boolean).join(" ") || query
  }

  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return nativeListen(type, listener, options)
    return nativeListen(type, function (ev) {
      var message = ev.data
      if (message && message.type === QUERY && typeof message.data === "string") {
        try {
          return listener({ data: { type: QUERY, data: rewrite(message.data) } })
        } catch (err) {
          console.warn(err)
        }
      }
      return listener(ev)
    }, options)
  }

  nativeImport("__MATERIAL_WORKER__")
  patch()
})()
