/*
 * The knowledge base's search engine, run in a web worker (a module worker, so Pagefind is
 * imported like any module). Started from the head of every page by
 * overrides/partials/search-engine.html; the search box (assets/kb-search.js) sends it queries
 * and shows what it answers.
 *
 * Why a worker: until the page is parsed and Material's script has run, the page's own thread
 * is busy (about half a second for the home page at 1,000 reports on a 2-CPU machine), and on
 * that thread Pagefind could neither load nor search. Here it loads, and a search link's query
 * (`?q=`) is answered, while the page is still being built.
 *
 * The index (written at build time by campaign_kb.search) holds one record per source paragraph
 * or page section, with every Chinese character indexed as its own word. A query is read the
 * same way: Traditional characters are mapped to Simplified with the generated OpenCC table,
 * each word is first looked up as an exact phrase and, if that finds nothing, split with the
 * generated dictionary (glossary, method and city names), and every part must be in the same
 * paragraph. Dictionary words are also indexed whole (lexicon.terms), so they are one lookup.
 * Nothing is fetched from outside the site.
 */
import * as pagefind from "../pagefind/pagefind.js";

// Results answered at first; the box asks for more with `limit`. Equal to PAGE_SIZE in
// kb-search.js, so the box's first request matches the search link's early answer.
const PAGE_SIZE = 10;
const MIN_PAGES_READ = 10; // candidate pages whose paragraphs are compared
const PAGE_BATCH = 10;
const PARAGRAPH_LENGTH = 120; // characters of a typical paragraph, for length normalisation
const KIND_WEIGHT = { 综述: 0.4, 术语: 0.8 };
const SNIPPET_RADIUS = 36;
// Word breaks in a query; "." and "%" are kept so that 3.34万 and 95% stay one phrase.
const PUNCTUATION = /[\s,，、;；:：!！?？"“”'‘’()（）《》〈〉【】\[\]<>·•…—\-_/|]+/u;
const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9]+|[a-z]+/gu;

// This file is <site>/assets/kb-search-worker.js.
const root = new URL("../", import.meta.url);

let started = null; // Promise of {pagefind, lexicon}

/** Pagefind and the lexicon, loaded once; loading starts as soon as the worker does. */
function engine() {
  started ??= (async () => {
    const [lexicon] = await Promise.all([
      fetch(new URL("assets/search/lexicon.json", root)).then((r) => {
        if (!r.ok) throw new Error(`assets/search/lexicon.json: HTTP ${r.status}`);
        return r.json();
      }),
      pagefind
        .options({ basePath: new URL("pagefind/", root).pathname, baseUrl: root.pathname, noWorker: true })
        .then(() => pagefind.init())
        .then(() => {
          // Pagefind's first search builds an Intl.Segmenter, and the first one built on a
          // thread loads ICU's rules (28–78 ms here). Built now, while Pagefind's files
          // download (init has asked for them).
          if (typeof Intl.Segmenter === "function") new Intl.Segmenter(undefined, { granularity: "grapheme" });
        }),
    ]);
    const words = new Set(lexicon.words);
    const terms = new Map(Object.entries(lexicon.terms || {}));
    const longest = Math.max(1, ...lexicon.words.map((w) => Array.from(w).length));
    return { pagefind, lexicon: { ...lexicon, words, terms, longest } };
  })();
  return started;
}

engine().catch(() => {}); // start loading now; a failure is answered to the first query

/* ---- reading a query ------------------------------------------------------------------- */

const foldedChars = new Map(); // character → its folded form, worked out once

function normaliseChar(ch, t2s) {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = Array.from(ch.normalize("NFKC").toLowerCase()).map((c) => t2s[c] || c).join("");
    foldedChars.set(ch, folded);
  }
  return folded;
}

// Where folding a whole text at once could differ from folding it character by character, as
// the index does: combining marks and Hangul jamo compose under NFKC, Σ lower-cases by context.
const COMPOSING = /[\p{M}\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff\uffa0-\uffdc\u03a3]/u;
let t2sPattern = null; // one character class of every character t2s changes

/**
 * Text as the index sees it (campaign_kb.search.lexicon.fold): NFKC, lower case, t2s. Folded
 * whole by the browser where that gives the same (the first answer folds ~40,000 characters:
 * 5–10 ms this way, 14–70 ms character by character).
 */
function normalise(text, t2s) {
  if (COMPOSING.test(text)) {
    let out = "";
    for (const ch of text) out += normaliseChar(ch, t2s);
    return out;
  }
  t2sPattern ??= new RegExp(`[${Object.keys(t2s).join("")}]`, "gu");
  return text.normalize("NFKC").toLowerCase().replace(t2sPattern, (ch) => t2s[ch]);
}

/** Longest dictionary words first; characters between them stay together as one part. */
function segment(word, lexicon) {
  const chars = Array.from(word);
  const parts = [];
  let run = "";
  for (let i = 0; i < chars.length; ) {
    let match = "";
    for (let n = Math.min(lexicon.longest, chars.length - i); n > 1; n--) {
      const candidate = chars.slice(i, i + n).join("");
      if (lexicon.words.has(candidate)) {
        match = candidate;
        break;
      }
    }
    if (match) {
      if (run) parts.push(run);
      run = "";
      parts.push(match);
      i += Array.from(match).length;
    } else {
      run += chars[i];
      i += 1;
    }
  }
  if (run) parts.push(run);
  return parts;
}

function tokens(text) {
  return text.match(TOKEN) || [];
}

/* ---- searching ------------------------------------------------------------------------- */

/**
 * Pages holding `phrase`: id → Pagefind result. A dictionary word is indexed whole as well,
 * under the Latin word lexicon.terms gives, so it is one lookup; anything else is a phrase of
 * index words (characters, digit and letter runs).
 */
async function phrasePages(ctx, phrase, filters) {
  const term = ctx.lexicon.terms.get(phrase);
  const words = term ? [term] : tokens(phrase);
  const pages = new Map();
  if (!words.length) return pages;
  const response = await ctx.pagefind.search(`"${words.join(" ")}"`, { filters });
  for (const result of response ? response.results : []) pages.set(result.id, result);
  return pages;
}

/** Pages holding `part` or, for a known wrong form of a term, the term itself. */
async function partPages(ctx, part, filters) {
  const pages = await phrasePages(ctx, part, filters);
  const right = ctx.lexicon.synonyms[part];
  if (right) {
    for (const [id, result] of await phrasePages(ctx, right, filters)) {
      if (!pages.has(id)) pages.set(id, result);
    }
  }
  return pages;
}

/**
 * What every hit must contain. A word that occurs as typed stays whole; otherwise it is split
 * with the dictionary, so 成都调研 means 成都 + 调研. Each part: {text, also, pages}.
 */
async function queryParts(ctx, query, filters) {
  const parts = [];
  for (const word of normalise(query, ctx.lexicon.t2s).split(PUNCTUATION)) {
    if (!tokens(word).length) continue;
    const whole = await partPages(ctx, word, filters);
    const pieces = segment(word, ctx.lexicon);
    const chosen = whole.size || pieces.length < 2 ? [word] : pieces;
    for (const text of chosen) {
      const pages = text === word ? whole : await partPages(ctx, text, filters);
      parts.push({ text, also: ctx.lexicon.synonyms[text] || null, pages });
    }
  }
  return parts;
}

/** Candidate pages: those with every part first, then by summed Pagefind score. */
function rankPages(parts) {
  const byId = new Map();
  for (const part of parts) {
    for (const [id, result] of part.pages) {
      const entry = byId.get(id) || { result, parts: 0, score: 0 };
      entry.parts += 1;
      entry.score += result.score;
      byId.set(id, entry);
    }
  }
  return [...byId.values()].sort((a, b) => b.parts - a.parts || b.score - a.score);
}

function holds(normalText, part) {
  return normalText.includes(part.text) || (part.also !== null && normalText.includes(part.also));
}

function inFilters(record, filters) {
  const values = { 城市: record.cities, 方法: record.methods, 类型: [record.kind] };
  return Object.entries(filters).every(([name, value]) => (values[name] || []).includes(value));
}

function count(text, part) {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n += 1;
  return n;
}

/**
 * How well a paragraph answers the query: parts in its heading count most, then how often the
 * parts occur for its length; overview tables (类型 综述) give way to the paragraphs they sum up.
 */
function relevance(record, title, text, parts) {
  let score = 0;
  for (const part of parts) {
    const inTitle = count(title, part.text) + (part.also ? count(title, part.also) : 0);
    const inText = count(text, part.text) + (part.also ? count(text, part.also) : 0);
    score += (inTitle ? 2 : 0) + Math.log2(1 + inText);
  }
  const length = Array.from(text).length;
  return (score / (0.6 + 0.4 * (length / PARAGRAPH_LENGTH))) * (KIND_WEIGHT[record.kind] ?? 1);
}

const recordFiles = new Map(); // file name → Promise of {url, title, records} or null

function fetchRecords(name) {
  if (!recordFiles.has(name)) {
    const url = new URL(`assets/search/records/${name}`, root);
    recordFiles.set(name, fetch(url).then((r) => (r.ok ? r.json() : null)));
  }
  return recordFiles.get(name);
}

/**
 * One page's {url, title, records}: Pagefind's result data names the page's records file in
 * its metadata (`data-pagefind-meta="records"`, written by campaign_kb.search.indexer).
 */
async function pageFile(result) {
  const data = await result.data();
  const file = await fetchRecords(data.meta.records);
  return { url: data.url, title: data.meta.title, records: file ? file.records : [] };
}

/** The paragraphs (records) of one page that hold any part of the query. */
async function pageRecords(ctx, page, parts, filters) {
  const file = await pageFile(page.result);
  const records = file.records;
  const pageUrl = new URL(file.url, root).pathname;
  const hits = [];
  records.forEach((record, order) => {
    if (!inFilters(record, filters)) return;
    // Folded once per record: a page's records are kept for the queries that follow.
    record.foldedSection ??= normalise(record.section, ctx.lexicon.t2s);
    record.foldedText ??= normalise(record.text, ctx.lexicon.t2s);
    const title = record.foldedSection;
    const text = record.foldedText;
    const matched = parts.filter((part) => holds(text, part) || holds(title, part)).length;
    if (!matched) return;
    const url = pageUrl + (record.anchor ? `#${record.anchor}` : "");
    hits.push({ url, page: file.title, record, matched, order, score: relevance(record, title, text, parts) });
  });
  return hits;
}

/** Spread results over cities: each city's best paragraph before any city's second. */
function spreadOverCities(hits) {
  const groups = new Map();
  for (const hit of hits) {
    const key = hit.record.cities.join("、");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(hit);
  }
  const queues = [...groups.values()];
  const out = [];
  while (out.length < hits.length) {
    for (const queue of queues) if (queue.length) out.push(queue.shift());
  }
  return out;
}

/**
 * Search: {parts, pages, complete, hits}. `hits` are paragraphs in display order (url, page,
 * record); pages are read best first until `limit` paragraphs are found.
 */
async function search(query, filters = {}, limit = PAGE_SIZE) {
  const ctx = await engine();
  const parts = await queryParts(ctx, query, filters);
  const pages = rankPages(parts);
  const full = [];
  const partial = [];
  let read = 0;
  // Pagefind ranks pages; paragraphs are ranked among the best pages' paragraphs.
  while (read < pages.length && (read < MIN_PAGES_READ || full.length < limit)) {
    const batch = pages.slice(read, read + PAGE_BATCH);
    const found = await Promise.all(batch.map((p) => pageRecords(ctx, p, parts, filters)));
    read += batch.length;
    for (const hit of found.flat()) (hit.matched === parts.length ? full : partial).push(hit);
  }
  const byQuality = (a, b) => b.matched - a.matched || b.score - a.score;
  const complete = full.length > 0;
  const hits = complete ? spreadOverCities(full.sort(byQuality)) : partial.sort(byQuality);
  return {
    parts: parts.map((p) => p.text),
    marks: parts.flatMap((p) => (p.also ? [p.text, p.also] : [p.text])),
    pages: pages.length,
    more: read < pages.length || hits.length > limit,
    complete,
    hits: hits.slice(0, limit),
  };
}

/* ---- showing results ------------------------------------------------------------------- */

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** A window of the paragraph around the first match, every part marked. */
function snippet(text, parts, t2s) {
  const chars = Array.from(text);
  let normal = "";
  const origin = []; // index in `normal` → index in `chars`
  chars.forEach((c, i) => {
    const n = normaliseChar(c, t2s);
    for (const _ of n) origin.push(i);
    normal += n;
  });
  const spans = [];
  for (const part of parts) {
    for (let at = normal.indexOf(part); at >= 0; at = normal.indexOf(part, at + part.length)) {
      spans.push([origin[at], origin[at + part.length - 1] + 1]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const first = spans.length ? spans[0][0] : 0;
  const start = Math.max(0, first - SNIPPET_RADIUS);
  const end = Math.min(chars.length, first + SNIPPET_RADIUS * 2);
  let html = start > 0 ? "…" : "";
  let i = start;
  for (const [from, to] of spans) {
    if (from < i || from >= end) continue;
    html += escapeHtml(chars.slice(i, from).join("")) + "<mark>" + escapeHtml(chars.slice(from, to).join("")) + "</mark>";
    i = to;
  }
  html += escapeHtml(chars.slice(i, end).join("")) + (end < chars.length ? "…" : "");
  return html;
}

/* ---- answering the page ---------------------------------------------------------------- */

/**
 * What the box shows: `search`'s answer with each hit as {url, html}, its result item's
 * contents (heading, where, marked snippet) escaped here, so only plain data crosses to the page.
 */
async function answer(query, filters = {}, limit = PAGE_SIZE) {
  const found = await search(query, filters, limit);
  const t2s = (await engine()).lexicon.t2s;
  const hits = found.hits.map((hit) => ({ url: hit.url, html: resultHtml(hit, found.marks, t2s) }));
  return { ...found, hits };
}

function resultHtml(hit, marks, t2s) {
  const record = hit.record;
  // `shown`: the cities as the reader sees them (重庆（推断）); `cities` stay the filter values
  const cities = (record.shown || record.cities).join("、");
  const where = [hit.page !== record.section ? hit.page : "", cities, record.kind];
  return (
    `<a href="${escapeHtml(hit.url)}" class="md-search-result__link" tabindex="-1">` +
    `<article class="md-search-result__article md-typeset">` +
    `<h1>${escapeHtml(record.section || hit.page)}</h1>` +
    `<p class="kb-search__where">${escapeHtml(where.filter(Boolean).join(" · "))}</p>` +
    `<p>${snippet(record.text, marks, t2s)}</p>` +
    `</article></a>`
  );
}

/**
 * A search link's query (`?q=`, which the page puts in this worker's address), answered while
 * the page is still loading: {key, answer}, given once to the box when it asks the same.
 */
let early = (() => {
  const query = new URLSearchParams(self.location.hash.slice(1)).get("q");
  if (!query) return null;
  const found = answer(query);
  found.catch(() => {}); // the box asks again, and shows the error then
  return { key: JSON.stringify([query, {}, PAGE_SIZE]), answer: found };
})();

function answerOnce(query, filters = {}, limit = PAGE_SIZE) {
  const key = JSON.stringify([query, filters, limit]);
  if (early && early.key === key) {
    const { answer: found } = early;
    early = null;
    return found;
  }
  return answer(query, filters, limit);
}

const operations = {
  search: answerOnce,
  async facets() {
    return (await engine()).lexicon.facets;
  },
};

self.addEventListener("message", async ({ data }) => {
  try {
    const value = await operations[data.op](...data.args);
    self.postMessage({ id: data.id, value });
  } catch (err) {
    self.postMessage({ id: data.id, error: String((err && err.message) || err) });
  }
});

