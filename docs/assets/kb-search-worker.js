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
 * same way: Traditional characters are mapped to Simplified with the generated OpenCC table; a
 * word holding a dictionary word (glossary, method and city names) is split on the dictionary,
 * any other is looked up as an exact phrase (and split if that finds nothing); every part must
 * be in the same paragraph. Dictionary words are also indexed whole (lexicon.terms), so they are one lookup.
 * A query that names a page (a method, city, source or glossary term: lexicon.names) puts that
 * page first as the best match; pinyin of a dictionary name and near misses get a suggestion.
 * Nothing is fetched from outside the site.
 */
import * as pagefind from "../pagefind/pagefind.js";

// Results answered at first; the box asks for more with `limit`. Equal to PAGE_SIZE in
// kb-search.js, so the box's first request matches the search link's early answer.
const PAGE_SIZE = 10;
const MIN_PAGES_READ = 10; // candidate pages whose paragraphs are compared
// Up to this many candidate pages are all read at once: their paragraphs are then ranked and
// counted together. (Pagefind scores every page of a quoted phrase alike, so it cannot say
// which pages to read first; asking it unquoted costs 0.3–0.5 s a query at 1,000 reports.)
const READ_ALL = 50;
const PAGE_BATCH = 10;
const PARAGRAPH_LENGTH = 120; // characters of a typical paragraph, for length normalisation
const KIND_WEIGHT = { 综述: 0.4, 术语: 0.8 };
const KIND_SOURCE = "来源报道"; // campaign_kb.search.facets.KIND_SOURCE
// Which named page a query of a name plus a word lands on first: a city's page has a section per
// method, so 宁波 党课 lands on Ningbo's 宣讲与党课 section.
const NAME_ORDER = { 城市: 0, 方法: 1, 来源报道: 2, 术语: 3 };
const PHRASE_BONUS = 2; // a paragraph that holds a split word as typed (成都轨道交通集团)
const MIN_NEAR_MISS = 3; // characters of a word that may be a near miss (成都 is not 首都)
const NEAR_MISS_PAGES = 10; // pages read to find a near miss in the text
const SNIPPET_RADIUS = 36;
// Word breaks in a query; "." and "%" are kept so that 3.34万 and 95% stay one phrase.
const PUNCTUATION = /[\s,，、;；:：!！?？"“”'‘’()（）《》〈〉【】\[\]<>·•…—\-_/|]+/u;
const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9]+|[a-z]+/gu;
const IDEOGRAPHS = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/u;
// What names are compared without (campaign_kb.search.names.name_key): spaces, punctuation.
const NOT_IN_NAME = /[\s\u2010-\u2027\u3000-\u303f\uff00-\uff0f\uff1a-\uff20·,.:;!?"'()]+/gu;

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
    const given = lexicon.names || { entries: [], forms: {}, dictionary: [], pinyin: {} };
    const names = {
      entries: given.entries,
      forms: new Map(Object.entries(given.forms)),
      dictionary: given.dictionary.filter((w) => Array.from(w).length >= MIN_NEAR_MISS),
      pinyin: new Map(Object.entries(given.pinyin)),
    };
    return { pagefind, lexicon: { ...lexicon, words, terms, longest, names } };
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
 * What every hit must contain. A word with a dictionary word in it is split on the dictionary
 * first, so 成都调研 means 成都 + 调研 (a paragraph holding it as typed still ranks first);
 * any other word stays whole, or is split if it occurs nowhere as typed.
 * Each part: {text, also, pages, phrase}; `phrase` is the word as typed, when it was split.
 */
async function queryParts(ctx, words, filters) {
  const parts = [];
  for (const word of words) {
    const pieces = segment(word, ctx.lexicon);
    const named = pieces.length > 1 && pieces.some((p) => ctx.lexicon.words.has(p));
    const whole = named ? null : await partPages(ctx, word, filters);
    const chosen = named || (!whole.size && pieces.length > 1) ? pieces : [word];
    for (const text of chosen) {
      const pages = text === word ? whole : await partPages(ctx, text, filters);
      const phrase = chosen.length > 1 ? word : null;
      parts.push({ text, also: ctx.lexicon.synonyms[text] || null, pages, phrase });
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
  for (const phrase of new Set(parts.map((p) => p.phrase).filter(Boolean))) {
    if (text.includes(phrase) || title.includes(phrase)) score += PHRASE_BONUS;
  }
  const length = Array.from(text).length;
  return (score / (0.6 + 0.4 * (length / PARAGRAPH_LENGTH))) * (KIND_WEIGHT[record.kind] ?? 1);
}

const recordFiles = new Map(); // file name → Promise of {url, title, records} or null

function fetchRecords(name, keep = true) {
  if (recordFiles.has(name)) return recordFiles.get(name);
  const url = new URL(`assets/search/records/${name}`, root);
  const file = fetch(url).then((r) => (r.ok ? r.json() : null));
  if (keep) recordFiles.set(name, file);
  return file;
}

/**
 * One page's {url, title, records}: Pagefind's result data names the page's records file in
 * its metadata (`data-pagefind-meta="records"`, written by campaign_kb.search.indexer).
 */
async function pageFile(result, keep = true) {
  const data = await result.data();
  const file = await fetchRecords(data.meta.records, keep);
  return { url: data.url, title: data.meta.title, records: file ? file.records : [] };
}

/** The paragraphs (records) of a page's file that hold any part of the query. */
function fileHits(ctx, file, parts, filters) {
  const pageUrl = new URL(file.url, root).pathname;
  const hits = [];
  file.records.forEach((record, order) => {
    if (!inFilters(record, filters)) return;
    folded(ctx, record);
    const title = record.foldedSection;
    const text = record.foldedText;
    const matched = parts.filter((part) => holds(text, part) || holds(title, part)).length;
    if (!matched) return;
    const url = pageUrl + (record.anchor ? `#${record.anchor}` : "");
    // Words in a paragraph's own text, not only in its heading (a heading alone is no answer).
    const inBody = text !== title && parts.every((part) => holds(text, part));
    hits.push({ url, page: file.title, record, matched, inBody, order, score: relevance(record, title, text, parts) });
  });
  return hits;
}

/** A record's section and text as the index sees them, folded once (records are kept). */
function folded(ctx, record) {
  record.foldedSection ??= normalise(record.section, ctx.lexicon.t2s);
  record.foldedText ??= normalise(record.text, ctx.lexicon.t2s);
  return record;
}

async function pageRecords(ctx, page, parts, filters) {
  return fileHits(ctx, await pageFile(page.result), parts, filters);
}

/** A site-relative address ('sources/x/#p-1a2b3c') as the hits write it ('/sources/x/#p-…'). */
function sitePath(address) {
  const url = new URL(address, root);
  return url.pathname + url.hash;
}

/**
 * One result for a source paragraph and the generated pages that quote it: a hit that cites a
 * source paragraph found by the same query is shown under that paragraph (`quotedBy`), which
 * takes the better of their places.
 */
function collapseQuotes(hits) {
  const originals = new Map(hits.filter((h) => h.record.kind === KIND_SOURCE).map((h) => [h.url, h]));
  const kept = [];
  for (const hit of hits) {
    const origin =
      hit.record.kind !== KIND_SOURCE &&
      (hit.record.cites || []).map((c) => originals.get(sitePath(c))).find(Boolean);
    if (origin && origin.matched === hit.matched) {
      (origin.quotedBy ??= []).push(hit);
      origin.score = Math.max(origin.score, hit.score);
    } else kept.push(hit);
  }
  return kept;
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

let searches = 0; // searches started: a count started before the latest one gives up

/**
 * Search: {parts, marks, best, hits, suggestion, complete, more, counts}. `hits` are paragraphs
 * in display order (url, page, record, quotedBy), the best match first when the query names a
 * page; pages are read best first until `limit` paragraphs are found. `counts` ({paragraphs,
 * pages}) is null when not every page was read: `countAll` gives it then.
 */
async function search(query, filters = {}, limit = PAGE_SIZE) {
  searches += 1;
  const ctx = await engine();
  const words = queryWords(ctx, query);
  const parts = await queryParts(ctx, words, filters);
  // The named page and the suggestion are looked up while the paragraphs are read.
  const named = bestMatch(ctx, words, parts, filters);
  const suggested = suggestion(ctx, words, parts, filters);
  const pages = rankPages(parts);
  const full = [];
  const partial = [];
  let read = 0;
  // Pagefind ranks pages; paragraphs are ranked among the best pages' paragraphs.
  const first = pages.length <= READ_ALL ? pages.length : MIN_PAGES_READ;
  while (read < pages.length && (read < first || full.length < limit)) {
    const batch = pages.slice(read, read + PAGE_BATCH);
    const found = await Promise.all(batch.map((p) => pageRecords(ctx, p, parts, filters)));
    read += batch.length;
    for (const hit of found.flat()) (hit.matched === parts.length ? full : partial).push(hit);
  }
  const byQuality = (a, b) => b.matched - a.matched || b.inBody - a.inBody || b.score - a.score;
  const complete = full.length > 0;
  const matching = complete ? full : partial;
  const counts = read >= pages.length ? countOf(matching) : null;
  const ranked = collapseQuotes(matching).sort(byQuality);
  let hits = complete ? spreadOverCities(ranked) : ranked;
  const best = await named;
  if (best) hits = [best, ...hits.filter((h) => h.url !== best.url && !sameAsBest(h, best))];
  return {
    parts: parts.map((p) => p.text),
    marks: parts.flatMap((p) => (p.also ? [p.text, p.also] : [p.text])),
    best: Boolean(best),
    suggestion: await suggested,
    counts,
    more: read < pages.length || hits.length > limit,
    complete,
    hits: hits.slice(0, limit),
  };
}

/** The query's words, folded as the index is. */
function queryWords(ctx, query) {
  return normalise(query, ctx.lexicon.t2s)
    .split(PUNCTUATION)
    .filter((word) => tokens(word).length);
}

/** How many paragraphs answer, on how many pages (quoting pages counted: they hold the words). */
function countOf(hits) {
  return { paragraphs: hits.length, pages: new Set(hits.map((h) => h.url.split("#")[0])).size };
}

/**
 * Every paragraph's count, reading all the candidate pages: for a search that stopped early.
 * Null if a newer search started meanwhile (its count is the one wanted); the pages read here
 * are not kept, so counting a common word does not hold the whole corpus in memory.
 */
async function countAll(query, filters = {}) {
  const mine = searches;
  const ctx = await engine();
  const parts = await queryParts(ctx, queryWords(ctx, query), filters);
  const pages = rankPages(parts);
  const full = [];
  const partial = [];
  for (let read = 0; read < pages.length; read += PAGE_BATCH) {
    if (searches !== mine) return null;
    const files = await Promise.all(pages.slice(read, read + PAGE_BATCH).map((p) => pageFile(p.result, false)));
    for (const hit of files.flatMap((file) => fileHits(ctx, file, parts, filters))) {
      (hit.matched === parts.length ? full : partial).push(hit);
    }
  }
  return countOf(full.length ? full : partial);
}

/* ---- names: the best match and suggestions ---------------------------------------------- */

function nameKey(text) {
  return text.replace(NOT_IN_NAME, "");
}

/** A named page's records file: {url, title, records}. */
function namedFile(entry) {
  return fetchRecords(entry.records).then((file) => file || { url: entry.url.split("#")[0], title: entry.name, records: [] });
}

/**
 * The page the query names, as the first hit: the whole query is a name (or an alias, variant
 * or near form of one); or a name plus words, landing on the named page's section that holds
 * the words (宁波 党课 → 宁波's 宣讲与党课 section). Null if nothing is named, or the named page
 * is outside the filters.
 */
async function bestMatch(ctx, words, parts, filters) {
  const { names } = ctx.lexicon;
  const whole = names.forms.get(nameKey(words.join("")));
  if (whole) {
    const entry = names.entries[whole[0]];
    const file = await namedFile(entry);
    const anchor = entry.url.split("#")[1] || "";
    const record = (anchor && file.records.find((r) => r.anchor === anchor)) || file.records[0];
    if (!record || !inFilters(record, filters)) return null;
    return namedHit(entry, file, record, anchor, true);
  }
  const named = parts
    .flatMap((part) => (names.forms.get(nameKey(part.text)) || []).slice(0, 1).map((i) => ({ part, entry: names.entries[i] })))
    .sort((a, b) => NAME_ORDER[a.entry.kind] - NAME_ORDER[b.entry.kind]);
  for (const { part, entry } of named) {
    const rest = parts.filter((p) => p !== part);
    if (!rest.length) continue;
    const file = await namedFile(entry);
    const only = entry.url.split("#")[1];
    const scoped = { ...file, records: file.records.filter((r) => !only || r.anchor === only) };
    const [top] = fileHits(ctx, scoped, rest, filters)
      .filter((h) => h.matched === rest.length)
      .sort((a, b) => b.score - a.score);
    if (top) return namedHit(entry, file, top.record, top.record.anchor, false);
  }
  return null;
}

function namedHit(entry, file, record, anchor, whole) {
  const url = new URL(file.url, root).pathname + (anchor ? `#${anchor}` : "");
  return { url, page: file.title, record, entry, whole, best: true };
}

/** A paragraph hit that only repeats the best match: the named page's own opening record. */
function sameAsBest(hit, best) {
  return best.whole && hit.url.split("#")[0] === best.url.split("#")[0] && hit.order === 0;
}

/** Edit distance of at most one (one character changed, added or left out). */
function oneApart(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > 1 || a === b) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i += 1;
  const [longer, shorter] = x.length >= y.length ? [x, y] : [y, x];
  const skip = x.length === y.length ? 1 : 0;
  return longer.slice(i + 1).join("") === shorter.slice(i + skip).join("");
}

/**
 * “你是不是要找”: the query with each word that is the pinyin of a dictionary name (hongheibang)
 * or one character away from a dictionary name of three or more characters (包乡走材), and
 * that occurs nowhere as typed, replaced; failing that, a phrase one character away that
 * occurs in the text (扎推调研 → 扎堆调研). Null if nothing is replaced.
 */
async function suggestion(ctx, words, parts, filters) {
  const { names } = ctx.lexicon;
  const unknown = (word) => parts.some((p) => p.text === word && !p.pages.size); // found nowhere as typed
  let changed = false;
  const fixed = [];
  for (const word of words) {
    let better = null;
    if (/^[a-z]+$/.test(word)) better = names.pinyin.get(word) || null;
    else if (IDEOGRAPHS.test(word) && Array.from(word).length >= MIN_NEAR_MISS && unknown(word) && !names.forms.has(word)) {
      better = names.dictionary.find((form) => oneApart(word, form)) || (await nearInText(ctx, word, filters));
    }
    changed ||= Boolean(better);
    fixed.push(better || word);
  }
  if (!changed && words.length > 1 && words.every((w) => /^[a-z]+$/.test(w))) {
    const joined = names.pinyin.get(words.join("")); // hong hei bang
    if (joined) return joined;
  }
  return changed ? fixed.join(" ") : null;
}

/** The phrase one character away from `word` that occurs most often in the text, or null. */
async function nearInText(ctx, word, filters) {
  const chars = Array.from(word);
  const seen = new Map();
  for (let i = 0; i < chars.length; i++) {
    const left = chars.slice(0, i).join("");
    const right = chars.slice(i + 1).join("");
    const holding = rankPages(
      await Promise.all([left, right].filter(Boolean).map(async (text) => ({ text, pages: await phrasePages(ctx, text, filters) }))),
    ).filter((p) => p.parts === [left, right].filter(Boolean).length);
    const files = await Promise.all(holding.slice(0, NEAR_MISS_PAGES).map((p) => pageFile(p.result)));
    const pattern = new RegExp(`${escapeRegExp(left)}([\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff])${escapeRegExp(right)}`, "gu");
    for (const file of files) {
      for (const record of file.records) {
        for (const found of folded(ctx, record).foldedText.matchAll(pattern)) {
          if (found[0] !== word) seen.set(found[0], (seen.get(found[0]) || 0) + 1);
        }
      }
    }
  }
  return [...seen.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] || null;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
 * What the box shows: `search`'s answer with each hit as {url, best, html}, its result item's
 * contents (heading, where, marked snippet, quoting pages) escaped here, so only plain data
 * crosses to the page.
 */
async function answer(query, filters = {}, limit = PAGE_SIZE) {
  const found = await search(query, filters, limit);
  const t2s = (await engine()).lexicon.t2s;
  const hits = found.hits.map((hit) => ({ url: hit.url, best: Boolean(hit.best), html: resultHtml(hit, found.marks, t2s) }));
  return { ...found, hits };
}

/** Where a result lands, with the words to mark there (`?h=`, read by kb-search.js). */
function landing(url, marks) {
  const address = new URL(url, root);
  if (marks.length) address.searchParams.set("h", marks.join(" "));
  return address.pathname + address.search + address.hash;
}

/** The page a hit is on, as a result line says it: 来源：…, 城市页：成都, 方法页：…, 术语表. */
function pageLabel(kind, page) {
  return { 来源报道: `来源：${page}`, 城市: `城市页：${page}`, 方法: `方法页：${page}` }[kind] || page;
}

function resultHtml(hit, marks, t2s) {
  const record = hit.record;
  // `shown`: the cities as the reader sees them (重庆（推断）); `cities` stay the filter values
  const cities = (record.shown || record.cities).filter((c) => !hit.page.includes(c.replace("（推断）", "")));
  // The best match names its page in its heading and its badge.
  const where = hit.best && hit.whole ? "" : [pageLabel(record.kind, hit.page), cities.join("、")].filter(Boolean).join(" · ");
  const heading = hit.best
    ? hit.entry.name + (hit.whole || record.section === hit.entry.name ? "" : ` › ${record.section}`)
    : record.section || hit.page;
  const text = hit.best && hit.whole ? hit.entry.about : record.text;
  const badge = hit.best ? `<span class="kb-search__badge">最佳匹配 · ${escapeHtml(hit.entry.kind)}</span>` : "";
  const quoted = (hit.quotedBy || []).map(
    (q) => `<a href="${escapeHtml(landing(q.url, marks))}">${escapeHtml(q.page === q.record.section ? q.page : `${q.page} · ${q.record.section}`)}</a>`,
  );
  return (
    `<a href="${escapeHtml(landing(hit.url, marks))}" class="md-search-result__link">` +
    `<article class="md-search-result__article md-typeset">${badge}` +
    `<h1>${escapeHtml(heading)}</h1>` +
    (where ? `<p class="kb-search__where">${escapeHtml(where)}</p>` : "") +
    `<p class="kb-search__snippet">${snippet(text, marks, t2s)}</p>` +
    `</article></a>` +
    (quoted.length ? `<p class="kb-search__quoted">引用这一段的页面：${quoted.join("、")}</p>` : "")
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
  count: countAll,
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

