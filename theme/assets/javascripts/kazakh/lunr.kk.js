/*
 * Kazakh for lunr.js inside Material for MkDocs' search worker.
 *
 * Material's worker loads `lunr/min/lunr.<lang>.min.js` for every language of
 * the search config and calls `this.use(lunr.kk)`. digest/site/search_index.py
 * writes that file at build time: kazakh/stemmer.js, this file and the
 * language data (stemmer.json, lexicon support, stopwords, translit.json)
 * from digest/kazakh/data, so the browser keys words as the build does.
 *
 * Index: every word becomes its stem key (Қазақстанның → қазақстан; a Latin
 * word its ASCII-folded key, Belarus → belarus). Stop words are dropped.
 *
 * Query: Material appends `*` to every term it sends to lunr, and lunr skips
 * the search pipeline for wildcard terms, so a pipeline stemmer never sees
 * what the reader typed. The query parser is therefore wrapped: each term is
 * replaced by its key before lunr (and Material's result analysis, which
 * parses the query again) uses it; the wildcard stays, so a key still matches
 * as a prefix while the reader is typing.
 *
 * Latin typing (Qazaqstan, Toqaev, Shymkent): a Latin term is keyed in
 * ASCII-folded 2021 Latin and also matches every Cyrillic key of the index
 * whose Latin form it starts. Those keys are looked up in the index's own
 * vocabulary at query time rather than indexed twice, which would make the
 * worker's index (built on every page load) half again as slow to build.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports)
    module.exports = factory
  else
    root.lunrKazakh = factory
})(typeof self !== "undefined" ? self : this, function (lunr, KazakhStemmer, data) {
  "use strict"

  var stemmer = new KazakhStemmer.Stemmer(data.stemmer, data.support, data.lemmas)
  var stopwords = new Set(data.stopwords)
  var toLatin = data.translit.cyrillic_to_latin
  var asciiFold = data.translit.ascii

  var CYRILLIC = /[\u0400-\u04FF]/
  var SCRIPT_RUNS = /[\u0400-\u04FF]+|[^\u0400-\u04FF]+/g
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu

  /* Latin (2021 alphabet, or its ASCII fold) back to Cyrillic, for stemming
     only: the result is transliterated again, so и/й or х/һ never matter */
  var FROM_LATIN = {
    "a": "а", "ä": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г",
    "ğ": "ғ", "h": "х", "i": "и", "ı": "і", "j": "ж", "k": "к", "l": "л",
    "m": "м", "n": "н", "ñ": "ң", "o": "о", "ö": "ө", "p": "п", "q": "қ",
    "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү",
    "v": "в", "y": "ы", "z": "з"
  }
  var FROM_LATIN_PAIRS = { "sh": "ш", "ch": "ч" }

  /* -- keys ----------------------------------------------------------------- */

  function fold(latin) {
    var out = ""
    for (var i = 0; i < latin.length; i++) {
      var ch = latin[i]
      out += Object.prototype.hasOwnProperty.call(asciiFold, ch) ? asciiFold[ch] : ch
    }
    return out.normalize("NFKD").replace(/[^\x00-\x7F]/g, "")
  }

  /* compute(word), remembered per word: a site has a few ten thousand
     distinct words and millions of tokens */
  function memoised(compute) {
    var cache = new Map()
    return function (word) {
      var value = cache.get(word)
      if (value === undefined) {
        value = compute(word)
        cache.set(word, value)
      }
      return value
    }
  }

  /* Lower-case Cyrillic → ASCII-folded 2021 Latin (Қазақстан → qazaqstan) */
  var latin = memoised(toLatinFolded)

  function toLatinFolded(word) {
    var out = ""
    for (var i = 0; i < word.length; i++) {
      var ch = word[i]
      out += Object.prototype.hasOwnProperty.call(toLatin, ch) ? toLatin[ch] : ch
    }
    return fold(out)
  }

  function cyrillic(word, dotted) {
    var out = ""
    for (var i = 0; i < word.length; i++) {
      var pair = FROM_LATIN_PAIRS[word.substr(i, 2)]
      if (pair) {
        out += pair
        i++
      } else if (word[i] === "i" && dotted) {
        out += dotted
      } else if (Object.prototype.hasOwnProperty.call(FROM_LATIN, word[i])) {
        out += FROM_LATIN[word[i]]
      } else {
        return null
      }
    }
    return out
  }

  /* The key of a Latin word: a Kazakh word typed in Latin is stemmed as
     Kazakh (Qazaqstannyñ → qazaqstan); other words are folded to ASCII.
     Readers type "i" for both і (ı) and и: the reading that strips more
     wins (Minskide → minsk); unstripped, both fold to the same key */
  function latinKey(word) {
    var guess = cyrillic(word)
    if (!guess) return fold(word)
    var key = latin(stemmer.stem(guess))
    if (word.indexOf("i") >= 0) {
      var front = latin(stemmer.stem(cyrillic(word, "і")))
      if (front.length < key.length) key = front
    }
    return key
  }

  /* The one key a query term is matched by */
  function queryKey(term) {
    var word = term.normalize("NFC").replace(EDGES, "")
    if (!word) return term
    return CYRILLIC.test(word) ? stemmer.stem(word) : latinKey(word)
  }

  /* The keys an indexed word is found by (memoised: a site has a few ten
     thousand distinct words, and millions of tokens) */
  var indexKeys = memoised(computeIndexKeys)

  function computeIndexKeys(word) {
    var keys = []
    var runs = word.normalize("NFC").match(SCRIPT_RUNS) || []
    for (var i = 0; i < runs.length; i++) {
      var run = runs[i].replace(EDGES, "")
      if (!run || stopwords.has(run)) continue
      keys.push(CYRILLIC.test(run) ? stemmer.stem(run) : latinKey(run))
    }
    return keys
  }

  /* -- pipeline functions ------------------------------------------------------ */

  var WORD_EDGES = /^[\p{L}\p{N}](?:.*[\p{L}\p{N}])?$/su

  function trimmer(token) {
    var str = token.toString()
    if (WORD_EDGES.test(str)) return token
    str = str.replace(EDGES, "")
    return str ? token.update(function () { return str }) : undefined
  }

  function stopWordFilter(token) {
    return stopwords.has(token.toString()) ? undefined : token
  }

  function stemmerFn(token) {
    var keys = indexKeys(token.toString())
    if (keys.length === 1) {
      var key = keys[0]
      return token.update(function () { return key })
    }
    return keys.map(function (key, i) {
      var t = i ? token.clone() : token
      return t.update(function () { return key })
    })
  }

  lunr.kk = function () {
    /* one memoised step per word: stemmerFn trims, drops stop words and keys
       (three pipeline steps per token made the worker's index build slower) */
    this.pipeline.reset()
    this.pipeline.add(lunr.kk.stemmer)
    /* query terms are keyed by the query parser (below); keying them again
       here would stem a stem (Material's suggestions pass keys through it) */
    if (this.searchPipeline) {
      this.searchPipeline.reset()
      this.searchPipeline.add(lunr.kk.trimmer)
    }
  }
  lunr.kk.trimmer = trimmer
  lunr.kk.stopWordFilter = stopWordFilter
  lunr.kk.stemmer = stemmerFn
  lunr.kk.key = queryKey
  lunr.kk.indexKeys = indexKeys
  lunr.kk.stem = function (word) { return stemmer.stem(word) }
  lunr.Pipeline.registerFunction(trimmer, "trimmer-kk")
  lunr.Pipeline.registerFunction(stopWordFilter, "stopWordFilter-kk")
  lunr.Pipeline.registerFunction(stemmerFn, "stemmer-kk")

  /* -- query ------------------------------------------------------------------ */

  /* The Cyrillic keys of an index by their Latin form, sorted (built at the
     first Latin query on that index) */
  var vocabularies = new WeakMap()
  function vocabulary(index) {
    var pairs = vocabularies.get(index)
    if (!pairs) {
      pairs = []
      Object.keys(index.invertedIndex).forEach(function (term) {
        if (CYRILLIC.test(term)) pairs.push([latin(term), term])
      })
      pairs.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0 })
      vocabularies.set(index, pairs)
    }
    return pairs
  }

  /* Cyrillic keys of `index` whose Latin form is `key` (or starts so, for a prefix) */
  function cyrillicKeys(index, key, prefix) {
    var pairs = vocabulary(index)
    var lo = 0
    var hi = pairs.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (pairs[mid][0] < key) lo = mid + 1
      else hi = mid
    }
    var out = []
    for (var i = lo; i < pairs.length && pairs[i][0].startsWith(key); i++)
      if (prefix || pairs[i][0] === key) out.push(pairs[i][1])
    return out
  }

  var running = null  /* the index a query runs on, and its Latin terms */

  var parse = lunr.QueryParser.prototype.parse
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.apply(this, arguments)
    var keyed = []
    var stops = []
    query.clauses.forEach(function (clause) {
      var m = /^(\**)([^*]*)(\**)$/.exec(clause.term)
      if (!m || !m[2]) return keyed.push(clause)
      if (stopwords.has(m[2])) return stops.push(clause)
      var key = queryKey(m[2])
      clause.term = m[1] + key + m[3]
      clause.usePipeline = false
      if (running && key && !m[1] && !CYRILLIC.test(key) && /\p{L}/u.test(key)) {
        clause.kkCyrillic = cyrillicKeys(running.index, key, Boolean(m[3]))
        running.latin.push([key, Boolean(m[3])])
      }
      keyed.push(clause)
    })
    /* a query of stop words only still searches for them, as typed */
    query.clauses = keyed.length ? keyed : stops
    if (running) running.clauses = query.clauses.length
    return query
  }

  /* A Latin clause also accepts its Cyrillic keys: they join the clause's
     token set (a trie) as whole words; Cyrillic and Latin never share a node */
  var fromClause = lunr.TokenSet.fromClause
  lunr.TokenSet.fromClause = function (clause) {
    var set = fromClause.apply(this, arguments)
    ;(clause.kkCyrillic || []).forEach(function (word) {
      var node = set
      for (var i = 0; i < word.length; i++)
        node = node.edges[word[i]] || (node.edges[word[i]] = new lunr.TokenSet())
      node.final = true
    })
    return set
  }

  var query = lunr.Index.prototype.query
  lunr.Index.prototype.query = function () {
    var outer = running
    var state = running = { index: this, latin: [], clauses: 0 }
    var results
    try {
      results = query.apply(this, arguments)
    } finally {
      running = outer
    }
    var latinTerms = state.latin
    if (state.clauses < 2 && !latinTerms.length) return results
    results.forEach(function (result) {
      var metadata = result.matchData.metadata
      if (state.clauses > 1) dedupePositions(metadata)
      /* Material checks which typed terms a result matched by comparing them
         with the matched index terms: name the Latin term too (no positions) */
      latinTerms.forEach(function (pair) {
        if (metadata[pair[0]]) return
        var hit = Object.keys(metadata).some(function (term) {
          var form = CYRILLIC.test(term) ? latin(term) : term
          return pair[1] ? form.startsWith(pair[0]) : form === pair[0]
        })
        if (hit) metadata[pair[0]] = Object.create(null)
      })
    })
    return results
  }

  /* A word matched by two clauses (Қазақстан Qazaqstan) has its positions
     twice; Material would then wrap it in <mark> twice and break the snippet */
  function dedupePositions(metadata) {
    var seen = {}
    Object.keys(metadata).forEach(function (term) {
      Object.keys(metadata[term]).forEach(function (field) {
        var entry = metadata[term][field]
        if (!entry || !Array.isArray(entry.position)) return
        var done = seen[field] || (seen[field] = new Set())
        entry.position = entry.position.filter(function (p) {
          var key = typeof p === "number" ? p : JSON.stringify(p)
          if (done.has(key)) return false
          done.add(key)
          return true
        })
      })
    })
  }

  return lunr.kk
})
