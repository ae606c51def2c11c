/*
 * Search box of the knowledge base: Pagefind underneath, Material's look on top.
 *
 * The index (written at build time by campaign_kb.search) holds one record per source paragraph
 * or page section, with every Chinese character indexed as its own word. A query is read the
 * same way: Traditional characters are mapped to Simplified with the generated OpenCC table,
 * each word is first looked up as an exact phrase and, if that finds nothing, split with the
 * generated dictionary (glossary, method and city names), and every part must be in the same
 * paragraph. Dictionary words are also indexed whole (lexicon.terms), so they are one lookup.
 * Nothing is fetched from outside the site.
 */
(function () {
  "use strict";

  const PAGE_SIZE = 10; // results shown at first, and added by 显示更多
  const MIN_PAGES_READ = 10; // candidate pages whose paragraphs are compared
  const PAGE_BATCH = 10;
  const PARAGRAPH_LENGTH = 120; // characters of a typical paragraph, for length normalisation
  const KIND_WEIGHT = { 综述: 0.4, 术语: 0.8 };
  const SNIPPET_RADIUS = 36;
  // Word breaks in a query; "." and "%" are kept so that 3.34万 and 95% stay one phrase.
  const PUNCTUATION = /[\s,，、;；:：!！?？"“”'‘’()（）《》〈〉【】\[\]<>·•…—\-_/|]+/u;
  const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9]+|[a-z]+/gu;

  const root = (() => {
    const config = document.getElementById("__config");
    const base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.endsWith("/") ? base : base + "/", window.location.href);
  })();

  let engine = null; // Promise of {pagefind, lexicon}

  /** The engine, started early in the page by overrides/partials/search.html. */
  function load() {
    if (!engine) {
      engine = (async () => {
        if (!window.kbSearchEngine) throw new Error("search engine not started (overrides/partials/search.html)");
        const { pagefind, lexicon } = await window.kbSearchEngine;
        const words = new Set(lexicon.words);
        const terms = new Map(Object.entries(lexicon.terms || {}));
        const longest = Math.max(1, ...lexicon.words.map((w) => Array.from(w).length));
        return { pagefind, lexicon: { ...lexicon, words, terms, longest } };
      })();
    }
    return engine;
  }

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

  function normalise(text, t2s) {
    let out = "";
    for (const ch of text) out += normaliseChar(ch, t2s);
    return out;
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
   * One page's {url, title, records}. The build names each page's file after its Pagefind
   * result id, so it comes in one request; otherwise the page's Pagefind fragment names it.
   */
  async function pageFile(result) {
    const direct = await fetchRecords(`${result.id}.json`);
    if (direct) return direct;
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
    const ctx = await load();
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

  function resultItem(hit, parts, t2s) {
    const record = hit.record;
    const where = [hit.page !== record.section ? hit.page : "", record.cities.join("、"), record.kind];
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    li.innerHTML =
      `<a href="${escapeHtml(hit.url)}" class="md-search-result__link" tabindex="-1">` +
      `<article class="md-search-result__article md-typeset">` +
      `<h1>${escapeHtml(record.section || hit.page)}</h1>` +
      `<p class="kb-search__where">${escapeHtml(where.filter(Boolean).join(" · "))}</p>` +
      `<p>${snippet(record.text, parts, t2s)}</p>` +
      `</article></a>`;
    return li;
  }

  function mount(box) {
    const toggle = document.getElementById("__search");
    const form = box.querySelector("form");
    const input = form.elements.query;
    const meta = box.querySelector(".md-search-result__meta");
    const list = box.querySelector(".md-search-result__list");
    const more = box.querySelector(".kb-search__more");
    const filterBox = box.querySelector(".kb-search__filters");
    const selects = [...filterBox.querySelectorAll("select")];
    let limit = PAGE_SIZE;
    let latest = 0;

    const open = () => {
      if (toggle && !toggle.checked) toggle.checked = true;
      load().then(fillFilters).catch(showError);
    };

    function showError(err) {
      meta.textContent =
        window.location.protocol === "file:"
          ? "直接打开本地 HTML 文件时浏览器不允许加载搜索索引。请用网站服务器访问（例如在项目里运行 make serve）。"
          : "搜索暂时不可用：索引没有加载成功。请刷新页面重试。";
      console.error(err);
    }

    let filled = false;
    async function fillFilters() {
      if (filled) return;
      filled = true;
      const counts = (await load()).lexicon.facets;
      for (const select of selects) {
        const values = Object.keys(counts[select.name] || {}).sort((a, b) => a.localeCompare(b, "zh"));
        for (const value of values) select.add(new Option(`${value}（${counts[select.name][value]} 段）`, value));
      }
      filterBox.hidden = false;
    }

    function filters() {
      const chosen = {};
      for (const select of selects) if (select.value) chosen[select.name] = select.value;
      return chosen;
    }

    async function run() {
      const query = input.value.trim();
      const ticket = ++latest;
      if (!query) {
        list.innerHTML = "";
        meta.textContent = "输入关键词开始搜索；多个词用空格分开";
        more.hidden = true;
        return;
      }
      meta.textContent = "正在搜索…";
      const started = performance.now();
      try {
        const found = await search(query, filters(), limit);
        if (ticket !== latest) return; // a newer query is already running
        const t2s = (await load()).lexicon.t2s;
        list.replaceChildren(...found.hits.map((hit) => resultItem(hit, found.marks, t2s)));
        const words = `“${found.parts.join("”“")}”`;
        if (!found.hits.length) meta.textContent = "没有找到相关内容。可以换个说法，或去掉筛选条件。";
        else if (!found.complete) meta.textContent = `没有同时包含${words}的段落；以下段落只包含其中一部分`;
        else meta.textContent = `包含${words}的段落，来自 ${found.pages} 个页面`;
        more.hidden = !found.more && found.hits.length < limit;
        // For the benchmark: how long this answer took, and when (ms since the page opened).
        box.dataset.ms = (performance.now() - started).toFixed(1);
        box.dataset.answeredAt = performance.now().toFixed(1);
        box.dataset.state = "done";
      } catch (err) {
        showError(err);
      }
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", () => {
      limit = PAGE_SIZE;
      run();
    });
    selects.forEach((s) => s.addEventListener("change", run));
    more.querySelector("button").addEventListener("click", () => {
      limit += PAGE_SIZE;
      run();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    form.addEventListener("reset", () => setTimeout(run));
    if (toggle) {
      toggle.addEventListener("change", () => {
        if (toggle.checked) {
          input.focus();
          open();
        } else input.blur();
      });
    }
    list.addEventListener("click", (event) => {
      if (event.target.closest("a") && toggle) toggle.checked = false;
    });
    document.addEventListener("keydown", (event) => {
      const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
      if (event.key === "Escape" && toggle && toggle.checked) {
        toggle.checked = false;
        input.blur();
      } else if (!typing && ["/", "s", "f"].includes(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
      } else if (event.target === input && ["ArrowDown", "ArrowUp"].includes(event.key)) {
        const links = [...list.querySelectorAll("a")];
        if (!links.length) return;
        event.preventDefault();
        links[event.key === "ArrowDown" ? 0 : links.length - 1].focus();
      } else if (event.target.closest && event.target.closest(".md-search-result__list a") && ["ArrowDown", "ArrowUp"].includes(event.key)) {
        const links = [...list.querySelectorAll("a")];
        const at = links.indexOf(event.target.closest("a"));
        event.preventDefault();
        (links[at + (event.key === "ArrowDown" ? 1 : -1)] || input).focus();
      }
    });


    const initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      input.value = initial;
      open();
      run();
    }
  }

  window.kbSearch = { search, normalise: async (q) => normalise(q, (await load()).lexicon.t2s) };
  const box = document.querySelector(".kb-search");
  if (box) mount(box);
})();
