#!/usr/bin/env node
/*
 * Runs the site's generated lunr.kk.min.js under Node with the lunr.js that
 * Material's search worker bundles, for tests/js/ and bench/search_index.py.
 *
 *   node tests/js/lunr_kk.js WORKER_SOURCE_MAP LUNR_KK_JS < request.json
 *
 * request: {"keys": [words], "index_keys": [words],
 *           "search": {"index": "search_index.json", "queries": [strings]}}
 * answer:  {"keys": [...], "index_keys": [[...]], "search": {"build_ms": n,
 *           "terms": n, "results": [[locations]]}}
 *
 * "search" indexes the documents as Material does (fields, boosts, the
 * configured separator; markup stripped instead of Material's HTML-aware
 * tokenizer) and sends each query the way Material does: every term gets a
 * trailing wildcard. With "lang": ["en"] in the index config it builds
 * Material's default English index instead, for comparison.
 */
"use strict"
const fs = require("fs")
const vm = require("vm")

const [mapPath, scriptPath] = process.argv.slice(2)
const map = JSON.parse(fs.readFileSync(mapPath, "utf8"))
const lunrSource = map.sourcesContent[map.sources.findIndex(s => s.endsWith("lunr/lunr.js"))]

const context = { console }
context.self = context
vm.createContext(context)
vm.runInContext(`var module = { exports: {} }, exports = module.exports;\n${lunrSource}\nself.lunr = module.exports;`, context)
const lunr = context.lunr

/* lunr.kk patches lunr's query parser: load it only for a Kazakh index, so
   "lang": ["en"] measures Material's default untouched */
function loadKazakh() {
  if (!lunr.kk)
    vm.runInContext(`var module = undefined, exports = undefined;\n${fs.readFileSync(scriptPath, "utf8")}`, context)
}

function buildIndex(data) {
  const config = data.config
  const kazakh = config.lang.length === 1 && config.lang[0] === "kk"
  return lunr(function () {
    this.metadataWhitelist = ["position"]
    this.b(0)
    if (kazakh) {
      loadKazakh()
      this.use(lunr.kk)
    }
    lunr.tokenizer.separator = new RegExp(config.separator)
    if (!kazakh) {
      /* Material's English default: its pipeline setting keeps the stop word filter only */
      for (const fn of ["trimmer", "stopWordFilter", "stemmer"])
        if (!config.pipeline.includes(fn)) {
          this.pipeline.remove(lunr[fn])
          this.searchPipeline.remove(lunr[fn])
        }
    }
    this.ref("location")
    for (const [name, spec] of Object.entries(config.fields))
      this.field(name, spec)
    for (const doc of data.docs)
      this.add({
        location: doc.location,
        title: doc.title.replace(/<[^>]*>/g, " "),
        text: doc.text.replace(/<[^>]*>/g, " "),
        tags: doc.tags
      }, { boost: doc.boost })
  })
}

function materialQuery(query) {
  return query.trim().split(/\s+/).filter(Boolean)
    .map(term => /(^[+-]|[~^]\d+$)/.test(term) ? term : `${term}*`).join(" ")
}

const request = JSON.parse(fs.readFileSync(0, "utf8"))
const answer = {}
if (request.keys || request.index_keys) loadKazakh()
if (request.keys) answer.keys = request.keys.map(w => lunr.kk.key(w.toLowerCase()))
if (request.index_keys) answer.index_keys = request.index_keys.map(w => lunr.kk.indexKeys(w.toLowerCase()))
if (request.search) {
  const data = JSON.parse(fs.readFileSync(request.search.index, "utf8"))
  if (request.search.lang) data.config = { ...data.config, ...request.search.lang }
  const start = process.hrtime.bigint()
  const index = buildIndex(data)
  const built = Number(process.hrtime.bigint() - start) / 1e6
  const results = (request.search.queries || []).map(q => {
    const t = process.hrtime.bigint()
    const refs = index.search(materialQuery(q)).map(r => r.ref)
    return { refs, ms: Number(process.hrtime.bigint() - t) / 1e6 }
  })
  answer.search = {
    build_ms: built,
    terms: Object.keys(index.invertedIndex).length,
    results: results.map(r => r.refs),
    query_ms: results.map(r => r.ms)
  }
}
process.stdout.write(JSON.stringify(answer))
