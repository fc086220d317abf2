/*
 * The search box of theme/partials/search.html: asks Pagefind's index
 * (pagefind/pagefind.js, loaded when the reader opens the search) with the
 * Kazakh query of query.js, ranks its best candidates again, and shows them
 * in Material's results panel. Keys: "/" opens, Esc closes, ↑ ↓ move
 * through the results, Enter opens one.
 */
(function (KazakhQuery) {
  "use strict"

  var CANDIDATES = 20  /* Pagefind's best results ranked again (each costs a fragment) */
  var SHOWN = 10
  var FIRST = 5  /* candidates shown (ranked) before the others are here */
  var ALTERNATIVES = 4  /* Pagefind queries for one typed query at most */
  var MIN_TYPED = 3  /* letters before a word is searched (one letter would load most of the index) */
  var PAUSE = 200  /* ms after a keystroke before searching */

  var root = document.querySelector("[data-digest-search]")
  var toggle = document.getElementById("__search")
  if (!root || !toggle) return
  var labels = JSON.parse(root.querySelector(".digest-search__labels").textContent)
  var input = root.querySelector(".md-search__input")
  var form = root.querySelector(".md-search__form")
  var meta = root.querySelector(".md-search-result__meta")
  var list = root.querySelector(".md-search-result__list")
  var pagefind = null
  var asked = 0

  function absolute(path) { return new URL(path, document.baseURI).href }

  /* Pagefind's index: pagefind/ and, on a large site, further segments in
     pagefind/part-1/, … (digest/site/pagefind_index.py) merged into it */
  var OPTIONS = {
    excerptLength: 24,
    /* short news items must not win on length alone; prefer words close
       in length to the typed stem over long ones it only starts */
    ranking: { pageLength: 0.3, termSimilarity: 3, termFrequency: 0.8 }
  }

  function load() {
    if (!pagefind) {
      var base = absolute(root.dataset.pagefind)
      var options = Object.assign({ baseUrl: new URL(absolute(root.dataset.base)).pathname }, OPTIONS)
      var segments = fetch(base + "digest-segment.json")
        .then(function (r) { return r.ok ? r.json() : {} })
        .catch(function () { return {} })
      pagefind = import(base + "pagefind.js").then(function (pf) {
        return pf.options(options).then(function () { return pf.init() }).then(function () { return segments })
          .then(function (segment) {
            var parts = []
            for (var i = 1; i < (segment.of || 1); i++) {
              parts.push(pf.mergeIndex(base + "part-" + i + "/", options))
            }
            return Promise.all(parts)
          }).then(function () { return pf })
      })
      pagefind.catch(function () { pagefind = null })
    }
    return pagefind
  }

  function count(n) {
    if (!n) return labels.none
    return n === 1 ? labels.one : labels.other.replace(/#/g, String(n))
  }

  function escape(text) {
    var div = document.createElement("div")
    div.textContent = text
    return div.innerHTML
  }

  var WORD = /([\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*)/u
  var EXCERPT_WORDS = 30

  function marked(part, terms) {
    var word = part.toLowerCase()
    var hit = terms.some(function (t) { return KazakhQuery.level(word, t) > 0 })
    return hit ? "<mark>" + escape(part) + "</mark>" : escape(part)
  }

  /* The article's text: Pagefind's text of the page (its blocks joined
     with ". ") without the title, the byline and the blocks made only of
     tag labels (the tag list), which are ranked and shown apart */
  function articleText(d) {
    var tagWords = new Set(((d.meta.tags || "").toLowerCase().match(/[\p{L}\p{N}]+/gu)) || [])
    var title = d.meta.title || ""
    var text = d.content.startsWith(title) ? d.content.slice(title.length) : d.content
    function tagsOnly(block) {
      var words = block.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []
      return words.every(function (w) { return tagWords.has(w) || /^\d+$/.test(w) })
    }
    /* the byline and the tag list come before the text: start after the
       last block of tag labels that precedes the first long block */
    var blocks = text.split(/(?<=\.) /)
    var cut = 0
    for (var b = 0; b < blocks.length; b++) {
      if (tagsOnly(blocks[b])) cut = b + 1
      else if ((blocks[b].match(/[\p{L}\p{N}]+/gu) || []).length >= 8) break
    }
    blocks = blocks.slice(cut).filter(function (block) { return !tagsOnly(block) })
    return blocks.join(" ").replace(/^[.\s]+/, "")
  }

  /* Some thirty words of the article's text around its first match (words
     of a query word's stem before words that only start like it), the
     matching forms marked. Not Pagefind's excerpt: the tag list weighs
     most, so Pagefind would quote the tags. */
  function excerpt(d, terms) {
    var parts = articleText(d).split(WORD)
    var words = []  /* indexes of the word parts (odd) */
    for (var i = 1; i < parts.length; i += 2) words.push(i)
    var best = -1
    var bestLevel = 0
    for (var w = 0; w < words.length && bestLevel < 2; w++) {
      var word = parts[words[w]].toLowerCase()
      var level = Math.max.apply(null, terms.map(function (t) { return KazakhQuery.level(word, t) }))
      if (level > bestLevel) {
        best = w
        bestLevel = level
      }
    }
    var from = Math.max(0, best - 8)
    var to = Math.min(words.length, from + EXCERPT_WORDS)
    if (!words.length) return ""
    var start = from ? words[from] : 0
    var end = to < words.length ? words[to] : parts.length
    var out = ""
    for (var k = start; k < end; k++) out += k % 2 ? marked(parts[k], terms) : escape(parts[k])
    return (from ? "… " : "") + out.trim() + (to < words.length ? " …" : "")
  }

  /* The title with the words matching the query marked */
  function markTitle(title, terms) {
    return title.split(WORD).map(function (part, i) {
      return i % 2 ? marked(part, terms) : escape(part)
    }).join("")
  }

  /* The query whose results are shown (tests and bench/ wait for it) */
  function done(query) { root.dataset.searched = query }

  function render(ranked, total, terms) {
    list.innerHTML = ""
    ranked.slice(0, SHOWN).forEach(function (r) {
      var d = r.data
      var item = document.createElement("li")
      item.className = "md-search-result__item"
      var date = d.meta.date ? '<p class="digest-search__date"><time datetime="' + escape(d.meta.date) + '">' +
        escape(d.meta.date) + "</time></p>" : ""
      item.innerHTML =
        '<a class="md-search-result__link" tabindex="-1">' +
        '<article class="md-search-result__article md-typeset">' +
        "<h1>" + markTitle(r.title, terms) + "</h1>" + date +
        "<p>" + excerpt(d, terms) + "</p></article></a>"
      item.firstChild.href = d.url
      list.appendChild(item)
    })
    meta.textContent = count(total)
  }

  /* Pagefind's results for every query, best score first, each article once;
     articles holding all the words before the others */
  function gather(pf, queries, seen, out) {
    return Promise.all(queries.map(function (q) { return pf.search(q) })).then(function (answers) {
      var found = []
      answers.forEach(function (a) {
        (a && a.results || []).forEach(function (r) {
          if (!seen.has(r.id)) {
            seen.add(r.id)
            found.push(r)
          }
        })
      })
      found.sort(function (a, b) { return b.score - a.score })
      return out.concat(found)
    })
  }

  /* Pagefind's answer to `terms`: [candidates best first, how many found].
     Every word alone is asked too (the same index chunks): how many articles
     hold it weighs it (a rare word counts more), and when few articles hold
     all the words, those holding the most of the query's weight follow,
     each word's best first */
  function candidates(pf, terms) {
    var seen = new Set()
    return gather(pf, KazakhQuery.combinations(terms, ALTERNATIVES), seen, []).then(function (all) {
      if (terms.length < 2) return [all, all.length]
      return Promise.all(terms.map(function (t) {
        return gather(pf, KazakhQuery.combinations([t], ALTERNATIVES), new Set(), []).then(function (alone) {
          t.df = alone.length
          return alone
        })
      })).then(function (each) {
        if (all.length >= CANDIDATES) return [all, all.length]
        var weight = KazakhQuery.termWeights(terms)
        var by = new Map()
        each.forEach(function (alone, k) {
          var top = alone.length ? alone[0].score || 1 : 1
          alone.forEach(function (r) {
            var entry = by.get(r.id) || { result: r, cover: 0, score: 0 }
            entry.cover += weight[k]
            entry.score += weight[k] * r.score / top
            by.set(r.id, entry)
          })
        })
        var rest = Array.from(by.values()).filter(function (e) { return !seen.has(e.result.id) })
        rest.sort(function (a, b) { return (b.cover - a.cover) || (b.score - a.score) })
        return [all.concat(rest.map(function (e) { return e.result })), all.length + rest.length]
      })
    })
  }

  function ranked(datas, terms) {
    return KazakhQuery.rank(datas.map(function (d, i) {
      return { title: d.meta.title || "", tags: d.meta.tags || "", text: articleText(d), rank: i, data: d }
    }), terms)
  }

  /* Results in two steps: Pagefind's first few candidates as soon as they
     are here, then all of them ranked together */
  function search(query) {
    var ticket = ++asked
    var terms = KazakhQuery.parse(query)
    if (!terms.length) {
      list.innerHTML = ""
      meta.textContent = labels.prompt
      done(query)
      return Promise.resolve()
    }
    return load().then(function (pf) {
      return candidates(pf, terms).then(function (found) {
        var loads = found[0].slice(0, CANDIDATES).map(function (r) { return r.data() })
        var first = Promise.all(loads.slice(0, FIRST)).then(function (datas) {
          if (ticket === asked) render(ranked(datas, terms), found[1], terms)
        })
        return Promise.all([first, Promise.all(loads)]).then(function (both) {
          if (ticket !== asked) return
          render(ranked(both[1], terms), found[1], terms)
          done(query)
        })
      })
    }).catch(function (error) {
      if (ticket !== asked) return
      meta.textContent = labels.failed
      done(query)
      console.error(error)
    })
  }

  /* While the reader types, the index chunks of the words are fetched
     (Pagefind's preload); the search runs at a pause */
  var timer = null
  input.addEventListener("input", function () {
    clearTimeout(timer)
    var query = input.value
    if (pagefind) {
      pagefind.then(function (pf) {
        KazakhQuery.parse(query).forEach(function (t) {
          if (t.form.length >= MIN_TYPED) t.search.forEach(function (key) { pf.preload(key) })
        })
      })
    }
    var longest = Math.max.apply(null, [0].concat(KazakhQuery.parse(query).map(function (t) { return t.form.length })))
    if (longest < MIN_TYPED && query.trim()) return
    timer = setTimeout(function () { search(query) }, PAUSE)
  })
  form.addEventListener("reset", function () {
    setTimeout(function () { search(""); input.focus() })
  })

  function open() {
    toggle.checked = true
    toggle.dispatchEvent(new Event("change"))
  }

  function close() {
    toggle.checked = false
    toggle.dispatchEvent(new Event("change"))
    input.blur()
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load()
      setTimeout(function () { input.focus() }, 0)
    }
  })
  input.addEventListener("focus", function () {
    load()
    if (!toggle.checked) open()
  })

  function links() { return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link")) }

  function move(step) {
    var all = links()
    if (!all.length) return
    var at = all.indexOf(document.activeElement)
    var next = at + step
    if (next < 0) return input.focus()
    all[Math.min(next, all.length - 1)].focus()
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    var typing = event.target instanceof HTMLElement &&
      (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName))
    if (!toggle.checked) {
      if (event.key === "/" && !typing) {
        event.preventDefault()
        open()
        input.focus()
      }
      return
    }
    if (event.key === "Escape") {
      event.preventDefault()
      close()
    } else if (event.key === "ArrowDown") {
      event.preventDefault()
      move(1)
    } else if (event.key === "ArrowUp") {
      event.preventDefault()
      move(-1)
    } else if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault()
      var first = links()[0]
      if (first) first.click()
    }
  }, true)
})(self.digestKazakhQuery)
