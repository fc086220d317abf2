#!/usr/bin/env node
/*
 * Stems words with the site's JavaScript stemmer, for tests/js/test_stemmer.py.
 *
 *   node tests/js/stem.js STEMMER_JSON [LEXICON_JSON|-] < words.json > stems.json
 *
 * stdin: a JSON list of words; stdout: the JSON list of their stem keys.
 */
"use strict"
const fs = require("fs")
const path = require("path")

const { Stemmer } = require(path.join(__dirname, "..", "..", "theme", "assets", "javascripts", "kazakh", "stemmer.js"))

const [tablePath, lexiconPath] = process.argv.slice(2)
const table = JSON.parse(fs.readFileSync(tablePath, "utf8"))
const lexicon = lexiconPath && lexiconPath !== "-"
  ? JSON.parse(fs.readFileSync(lexiconPath, "utf8"))
  : {}
const stemmer = new Stemmer(table, lexicon.support || {}, lexicon.lemmas || [])
const words = JSON.parse(fs.readFileSync(0, "utf8"))
process.stdout.write(JSON.stringify(words.map(w => stemmer.stem(w))))
