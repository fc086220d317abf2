/*
 * Kazakh noun stemmer: a line-by-line port of digest/kazakh/stem.py.
 *
 * It runs on the same table (digest/kazakh/data/stemmer.json, embedded into
 * the site's lunr.kk.min.js at build time by digest/site/search_index.py) and
 * the same optional corpus support (lexicon.json), so the search in the
 * browser keys words exactly as the build does. tests/js/ checks it against
 * digest/kazakh/data/stem_cases.json and against the Python stemmer itself.
 *
 * Strings are indexed by UTF-16 code units; every letter the table knows is
 * in the Basic Multilingual Plane, so this matches Python's indexing.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports)
    module.exports = factory()
  else
    root.KazakhStemmer = factory()
})(typeof self !== "undefined" ? self : this, function () {
  "use strict"

  var LEMMA_BONUS = 1000000

  function setOf(items) {
    var set = new Set()
    for (var i = 0; i < items.length; i++) set.add(items[i])
    return set
  }

  function hasAny(text, set) {
    for (var i = 0; i < text.length; i++)
      if (set.has(text[i])) return true
    return false
  }

  function Stemmer(table, support, lemmas) {
    var self = this
    this.minStem = table.min_stem
    this.shortStems = setOf(table.short_stems)
    this.vowels = setOf(table.vowels)
    this.back = setOf(table.back)
    this.front = setOf(table.front)
    this.loanLetters = setOf(table.loan_letters)
    this.classOf = new Map()
    this.allClasses = setOf(Object.keys(table.classes))
    Object.keys(table.classes).forEach(function (name) {
      var letters = table.classes[name]
      for (var i = 0; i < letters.length; i++) {
        var set = self.classOf.get(letters[i]) || new Set()
        set.add(name)
        self.classOf.set(letters[i], set)
      }
    })
    var notAfter = {}
    Object.keys(table.not_after).forEach(function (cat) {
      if (cat !== "about") notAfter[cat] = new RegExp(table.not_after[cat])
    })
    this.byForm = new Map()
    this.maxLen = 0
    table.suffixes.forEach(function (group) {
      group.forms.forEach(function (pair) {
        var allo = {
          form: pair[0],
          cat: group.cat,
          slot: group.slot,
          harmony: pair[1],
          after: setOf(group.after),
          mayFollow: setOf(table.slots[group.slot].may_follow),
          notAfter: notAfter[pair[0]] || notAfter[group.cat] || null
        }
        var list = self.byForm.get(allo.form) || []
        list.push(allo)
        self.byForm.set(allo.form, list)
        self.maxLen = Math.max(self.maxLen, allo.form.length)
      })
    })
    this.noCut = table.no_cut.strings.slice()
    this.devoice = table.devoice
    this.syncope = table.syncope.map
    this.poss3Block = notAfter.poss3 || null
    this.lemmas = setOf(table.lemmas.words.concat(lemmas || []))
    this.support = support || {}
    this.cache = new Map()
  }

  /* -- sounds ------------------------------------------------------------- */

  Stemmer.prototype.classes = function (s) {
    var last = s[s.length - 1]
    if ((last === "ь" || last === "ъ") && s.length > 1)
      last = s[s.length - 2]
    return this.classOf.get(last) || this.allClasses
  }

  /* "b", "f", or "bf" when either harmony may follow (loanwords, и/у/ю) */
  Stemmer.prototype.harmony = function (s, loan) {
    /* loanwords (Тоқаевқа but Жээнбековтің; банктер) take either harmony */
    var n = s.length
    if (loan || (n > 2 && !this.vowels.has(s[n - 1]) && !this.vowels.has(s[n - 2]) &&
                 s[n - 2] !== "й" && s[n - 2] !== "у"))
      return "bf"
    for (var i = s.length - 1; i >= 0; i--) {
      var ch = s[i]
      if (this.back.has(ch)) return "b"
      if (ch === "е" && i > 0 && this.vowels.has(s[i - 1])) return "bf"
      if (this.front.has(ch)) return "f"
      if (this.vowels.has(ch)) return "bf"
    }
    return "bf"
  }

  /* May `right` follow `leftText` (which ends in allomorph `left`, if any)? */
  Stemmer.prototype.fits = function (right, leftText, left, loan) {
    if (right.harmony && this.harmony(leftText, loan).indexOf(right.harmony) < 0)
      return false
    if (left && left.cat === "poss3")
      return right.after.has("P3")
    var classes = this.classes(leftText)
    for (var name of right.after)
      if (classes.has(name)) return true
    return false
  }

  /* -- readings ----------------------------------------------------------- */

  Stemmer.prototype.walk = function (rest, chain, right, out, loan) {
    if (right && this.fits(right, rest, null, loan) && !out.has(rest))
      out.set(rest, chain)
    var top = Math.min(this.maxLen, rest.length - 2)
    for (var n = 1; n <= top; n++) {
      var allos = this.byForm.get(rest.slice(-n))
      if (!allos) continue
      for (var a = 0; a < allos.length; a++) {
        var allo = allos[a]
        if (right && (!right.mayFollow.has(allo.slot) || !this.fits(right, rest, allo, loan)))
          continue
        var left = rest.slice(0, -n)
        if (allo.notAfter && allo.notAfter.test(left) && !this.lemmas.has(left))
          continue
        this.walk(left, [[allo.form, allo.cat]].concat(chain), allo, out, loan)
      }
    }
  }

  Stemmer.prototype.acceptable = function (word, stem) {
    if (stem.length < this.minStem && !this.shortStems.has(stem)) return false
    if (!hasAny(stem, this.vowels)) return false
    var cut = stem.length
    for (var i = 0; i < this.noCut.length; i++) {
      var s = this.noCut[i]
      var start = word.indexOf(s)
      while (start !== -1) {
        if (start < cut && cut < start + s.length) return false
        start = word.indexOf(s, start + 1)
      }
    }
    return true
  }

  function endsWithAny(text, suffixes) {
    for (var i = 0; i < suffixes.length; i++)
      if (text.endsWith(suffixes[i])) return true
    return false
  }

  /* The key of a stem: final ы/і dropped, final б/г/ғ devoiced, syncope undone */
  Stemmer.prototype.key = function (stem) {
    if (this.lemmas.has(stem)) return stem
    var last = stem[stem.length - 1]
    if (
      stem.length > 3 &&
      (last === "ы" || last === "і") &&
      !this.vowels.has(stem[stem.length - 2]) &&
      !(this.poss3Block && this.poss3Block.test(stem.slice(0, -1))) &&
      !endsWithAny(stem, this.noCut)
    )
      stem = stem.slice(0, -1)
    last = stem.slice(-1)
    if (last && Object.prototype.hasOwnProperty.call(this.devoice, last))
      stem = stem.slice(0, -1) + this.devoice[last]
    return Object.prototype.hasOwnProperty.call(this.syncope, stem)
      ? this.syncope[stem]
      : stem
  }

  Stemmer.prototype.score = function (key) {
    var support = Object.prototype.hasOwnProperty.call(this.support, key)
      ? this.support[key]
      : 0
    return (this.lemmas.has(key) ? LEMMA_BONUS : 0) + support
  }

  /* A stripped stem ending in consonant + ы/і is unusual (облы+сы vs облыс+ы) */
  Stemmer.prototype.oddStem = function (reading) {
    var s = reading.stem
    var first = reading.endings.length ? reading.endings[0][0] : ""
    return Boolean(
      (first === "сы" || first === "сі") &&
      s.length > 3 &&
      (s[s.length - 1] === "ы" || s[s.length - 1] === "і") &&
      !this.vowels.has(s[s.length - 2]) &&
      !this.lemmas.has(s) &&
      !endsWithAny(s, this.noCut) &&
      !(this.poss3Block && this.poss3Block.test(s.slice(0, -1)))
    )
  }

  /* Every acceptable reading of a lower-cased, unhyphenated word, best first */
  Stemmer.prototype.readings = function (word, loan) {
    if (loan === undefined || loan === null)
      loan = hasAny(word, this.loanLetters)
    var found = new Map([[word, []]])
    this.walk(word, [], null, found, loan)
    var out = []
    for (var [stem, chain] of found)
      if (!chain.length || this.acceptable(word, stem))
        out.push({ stem: stem, endings: chain, key: this.key(stem) })
    var self = this
    out.forEach(function (r) {
      r.bare = r.endings.length ? 0 : 1
      r.odd = self.oddStem(r) ? 1 : 0
      r.score = self.score(r.key)
    })
    /* the grammar's choice: strip as much as allowed, avoiding odd stems... */
    out.sort(function (x, y) {
      return (x.bare - y.bare) || (x.odd - y.odd) || (x.stem.length - y.stem.length)
    })
    /* ...unless a reading that strips less has a better-known key */
    var best = out[0]
    var rival = null
    out.forEach(function (r) {
      if (r.stem.length <= best.stem.length && !self.lemmas.has(r.key)) return
      if (!rival || r.score > rival.score ||
          (r.score === rival.score && r.stem.length < rival.stem.length))
        rival = r
    })
    if (rival && rival.score > best.score) {
      out.splice(out.indexOf(rival), 1)
      out.unshift(rival)
    }
    return out
  }

  /* Is `text` a whole chain of endings that may follow `after`? */
  Stemmer.prototype.isEndings = function (text, after) {
    var found = new Map()
    this.walk(after + text, [], null, found, true)
    for (var [stem, chain] of found)
      if (chain.length && stem === after) return true
    return false
  }

  Stemmer.prototype.keyOf = function (w, loan) {
    if (!hasAny(w, this.vowels)) return w
    return this.readings(w, loan)[0].key
  }

  Stemmer.prototype.compute = function (word) {
    var w = word.toLowerCase()
    var dash = w.lastIndexOf("-")
    var head = dash >= 0 ? w.slice(0, dash) : ""
    if (dash >= 0 && head) {
      var tail = w.slice(dash + 1)
      var base = head.replace(/-+$/, "")
      /* after a Latin word, a number or an acronym the endings follow a sound
         the spelling does not show: let any chain follow ("xxx" fits every class) */
      var probe = hasAny(base, this.vowels) && this.classOf.has(base[base.length - 1])
        ? base
        : "xxx"
      if (base && this.isEndings(tail, probe))
        return base.indexOf("-") < 0 ? this.stem(base) : base
      return head + "-" + this.keyOf(tail, hasAny(w, this.loanLetters))
    }
    var known = false
    for (var i = 0; i < w.length && !known; i++)
      known = this.classOf.has(w[i]) || this.vowels.has(w[i])
    if (!known) return w
    return this.keyOf(w, null)
  }

  /* The lower-cased stem key of `word`: one key for every inflected form */
  Stemmer.prototype.stem = function (word) {
    var key = this.cache.get(word)
    if (key === undefined) {
      key = this.compute(word)
      this.cache.set(word, key)
    }
    return key
  }

  return { Stemmer: Stemmer }
})
