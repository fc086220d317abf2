#!/usr/bin/env node
/*
 * Runs the site search's query.js under Node on the build's language data,
 * for tests/js/test_stemmer.py.
 *
 *   node tests/js/query.js DATA_JSON < request.json
 *
 * request: {"parse": [queries], "rank": {"query": q, "results": [{title, tags, text}]}}
 * answer:  {"parse": [[{form, keys, search}]], "rank": [indexes of results, best first]}
 */
"use strict"
const fs = require("fs")
const path = require("path")

const js = path.join(__dirname, "..", "..", "theme", "assets", "javascripts", "kazakh")
const KazakhStemmer = require(path.join(js, "stemmer.js"))
const KazakhQuery = require(path.join(js, "query.js"))

const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const query = KazakhQuery(KazakhStemmer, data)
const request = JSON.parse(fs.readFileSync(0, "utf8"))
const answer = {}
if (request.parse)
  answer.parse = request.parse.map(q => query.parse(q).map(t => ({ form: t.form, keys: t.keys, search: t.search })))
if (request.rank) {
  const terms = query.parse(request.rank.query)
  const results = request.rank.results.map((r, i) => ({ ...r, rank: i }))
  answer.rank = query.rank(results, terms).map(r => r.rank)
}
process.stdout.write(JSON.stringify(answer))
