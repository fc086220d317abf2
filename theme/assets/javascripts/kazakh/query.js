/*
 * Kazakh for the site search: what a query is searched as, and how the
 * articles Pagefind finds are ranked. Pagefind (digest/site/pagefind_index.py)
 * has no Kazakh stemmer; it matches every query word as a prefix of the
 * indexed words. So each typed word is searched as its stem key
 * (Минскіде → минск finds Минск, Минскте, Минскі), and the articles Pagefind
 * returns are ranked again here, on the same stemmer the build runs
 * (stemmer.js, tests/js): a title above tags above body text, the typed
 * form or a word of the same stem above a word that only starts like it,
 * and articles holding every query word first.
 *
 * Latin typing (Qazaqstan, Toqaev, Minskide) is turned back into Cyrillic
 * and stemmed; the Latin word itself is searched too, for English tag
 * labels (Belarus) and Latin words of the text.
 *
 * Loaded by search.js in the browser and by tests/js/query.js under Node.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports)
    module.exports = factory
  else
    root.KazakhQuery = factory
})(typeof self !== "undefined" ? self : this, function (KazakhStemmer, data) {
  "use strict"

  var stemmer = new KazakhStemmer.Stemmer(data.stemmer, data.support, data.lemmas)
  var stopwords = new Set(data.stopwords)
  var asciiFold = data.translit.ascii
  var weights = data.weights

  var CYRILLIC = /[\u0400-\u04FF]/
  var WORDS = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu
  var TEXT_WORDS = /[\p{L}\p{N}]+/gu  /* in a text, вице-министрі holds министрі */
  var MIN_KEY = 3  /* a shorter stem searched as a prefix floods the results */
  var LATIN_READINGS = 2  /* Cyrillic readings of a Latin word searched */

  /* Latin (2021 alphabet, its ASCII fold, and common older spellings) back to
     Cyrillic, for stemming: "i" may be і or и, both are tried */
  var FROM_LATIN = {
    "a": "а", "ä": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г",
    "ğ": "ғ", "h": "х", "i": "и", "ı": "і", "j": "ж", "k": "к", "l": "л",
    "m": "м", "n": "н", "ñ": "ң", "o": "о", "ö": "ө", "p": "п", "q": "қ",
    "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү",
    "v": "в", "y": "ы", "z": "з", "c": "с", "w": "у", "x": "х"
  }
  var FROM_LATIN_PAIRS = { "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ya": "я", "yu": "ю" }

  function fold(word) {
    var out = ""
    for (var i = 0; i < word.length; i++) {
      var ch = word[i]
      out += Object.prototype.hasOwnProperty.call(asciiFold, ch) ? asciiFold[ch] : ch
    }
    return out.normalize("NFKD").replace(/[^\x00-\x7F]/g, "")
  }

  /* `word` in Cyrillic; its n-th "i" is і when bit n of `dotted` is set, else и */
  function cyrillic(word, dotted) {
    var out = ""
    var n = 0
    for (var i = 0; i < word.length; i++) {
      var pair = FROM_LATIN_PAIRS[word.substr(i, 2)]
      if (pair) {
        out += pair
        i++
      } else if (word[i] === "i") {
        out += (dotted >> n++) & 1 ? "і" : "и"
      } else if (Object.prototype.hasOwnProperty.call(FROM_LATIN, word[i])) {
        out += FROM_LATIN[word[i]]
      } else {
        return null
      }
    }
    return out
  }

  /* The prefix a word is searched by: its stem key, or the word itself when
     the key is too short to search as a prefix */
  function searchKey(word) {
    var key = stemmer.stem(word)
    return key.length >= MIN_KEY || key.length >= word.length ? key : word
  }

  function unique(items) {
    return Array.from(new Set(items.filter(Boolean)))
  }

  /* A verb's root: the stem key without a participle, tense or voice
     ending (search_endings.json), or null */
  function verbRoot(key) {
    var endings = data.verbs.endings
    for (var i = 0; i < endings.length; i++) {
      var root = key.slice(0, key.length - endings[i].length)
      if (key.endsWith(endings[i]) && root.length >= data.verbs.min_root) return root
    }
    return null
  }

  /* One typed word: its form, its stem keys, and what Pagefind is asked for
     (a verb by its root, which words of other forms of the verb start with) */
  function term(word) {
    var form = word.normalize("NFC").toLowerCase()
    if (CYRILLIC.test(form) || /^\p{N}+$/u.test(form)) {
      var stem = stemmer.stem(form)
      var root = verbRoot(stem)
      return { form: form, keys: [stem], search: [root || searchKey(form)], root: root }
    }
    /* Latin: the Cyrillic readings whose stems strip the most ("i" is і or
       и: Minskide is минскіде, stem минск), and the word as typed */
    var plain = fold(form) || form
    var readings = []
    for (var dotted = 0; dotted < 16; dotted++) {
      var reading = cyrillic(form, dotted) || cyrillic(plain, dotted)
      if (reading && readings.indexOf(reading) < 0) readings.push(reading)
    }
    readings.sort(function (a, b) { return stemmer.stem(a).length - stemmer.stem(b).length })
    readings = readings.slice(0, LATIN_READINGS)
    var keys = readings.map(function (w) { return stemmer.stem(w) })
    var search = unique(readings.map(searchKey).concat([plain]))
    return { form: form, keys: unique(keys.concat([plain])), search: search, latin: true }
  }

  /* The words of a query, without stop words (unless it has nothing else) */
  function parse(query) {
    var words = (query.match(WORDS) || []).map(function (w) { return w.toLowerCase() })
    var content = words.filter(function (w) { return !stopwords.has(w) })
    return unique(content.length ? content : words).slice(0, 6).map(term)
  }

  /* Pagefind queries for the terms: one per combination of alternatives
     (a Latin word has several), at most `limit` */
  function combinations(terms, limit) {
    var out = [[]]
    terms.forEach(function (t) {
      var next = []
      out.forEach(function (prefix) {
        t.search.forEach(function (s) {
          if (next.length < limit) next.push(prefix.concat([s]))
        })
      })
      out = next
    })
    return out.map(function (parts) { return parts.join(" ") })
  }

  /* How well `word` (lower-case) matches term `t`: 3 the typed form, 2 a
     word of the same stem, 1 a word that only starts like the key, 0 none */
  function level(word, t) {
    if (word === t.form) return 3
    var key = CYRILLIC.test(word) ? stemmer.stem(word) : fold(word)
    for (var i = 0; i < t.keys.length; i++)
      if (key === t.keys[i]) return 2
    if (t.root && key.startsWith(t.root)) return 2
    for (var j = 0; j < t.search.length; j++)
      if (word.startsWith(t.search[j]) || key.startsWith(t.search[j])) return 1
    return 0
  }

  function bestLevels(text, terms) {
    var best = terms.map(function () { return 0 })
    var count = terms.map(function () { return 0 })
    var words = (text || "").toLowerCase().match(TEXT_WORDS) || []
    for (var i = 0; i < words.length; i++) {
      for (var k = 0; k < terms.length; k++) {
        var l = level(words[i], terms[k])
        if (l > best[k]) best[k] = l
        if (l >= 2) count[k]++
      }
    }
    return { best: best, count: count }
  }

  /* How much a term counts: a word few articles hold more than a common
     one (BM25's inverse document frequency, `df` the articles Pagefind
     found for it alone, of `pages`), the rarest term of the query 1 */
  function termWeights(terms) {
    var idf = terms.map(function (t) {
      if (t.df === undefined || !data.pages) return 1
      return Math.log(1 + (data.pages - t.df + 0.5) / (t.df + 0.5))
    })
    var top = Math.max.apply(null, idf) || 1
    return idf.map(function (w) { return Math.sqrt(Math.max(w, 0.05) / top) })
  }

  /* A result's score: per term, its best match in the title, tags and
     text, weighted; above all, how much of the query the article holds (a
     word of each term's stem, not a word that only starts like it; each
     term by its weight): articles holding every term come first */
  function score(result, terms, idf) {
    idf = idf || termWeights(terms)
    var title = bestLevels(result.title, terms)
    var tags = bestLevels(result.tags, terms)
    var body = bestLevels(result.text, terms)
    var total = 0
    var held = 0
    var query = 0
    for (var k = 0; k < terms.length; k++) {
      var s = weights.level[title.best[k]] * weights.title +
              weights.level[tags.best[k]] * weights.tags +
              weights.level[body.best[k]] * weights.body +
              Math.min(body.count[k], weights.repeat_cap) * weights.repeat
      if (Math.max(title.best[k], tags.best[k], body.best[k]) >= 2) held += idf[k]
      query += idf[k]
      total += s * idf[k]
    }
    return weights.all_terms * held / query + total
  }

  /* `results` ({title, tags, text, rank}) in the order a reader should see them */
  function rank(results, terms) {
    var idf = termWeights(terms)
    var scored = results.map(function (r) {
      return { result: r, score: score(r, terms, idf) }
    })
    scored.sort(function (a, b) { return (b.score - a.score) || (a.result.rank - b.result.rank) })
    return scored.map(function (s) { return s.result })
  }

  return {
    parse: parse,
    combinations: combinations,
    rank: rank,
    score: score,
    termWeights: termWeights,
    level: level,
    stem: function (word) { return stemmer.stem(word) }
  }
})
