/*
 * Search box of the knowledge base: Material's look, with the search engine in a web worker
 * (assets/kb-search-worker.js, started from the page's head by
 * overrides/partials/search-engine.html as `window.kbSearchEngine`). This script only sends
 * queries and shows the answers: the best match (a page the query names), then paragraphs with
 * their page, cities and a marked snippet; and, on the page a result leads to, marks the words.
 */
(function () {
  "use strict";

  // Results shown at first, and added by 显示更多. The worker answers a search link's query
  // with its own PAGE_SIZE before this script runs; keep the two equal, or that answer is unused.
  const PAGE_SIZE = 10;
  const COUNT_DELAY = 300; // ms without a new query before the paragraphs are counted
  const engine = window.kbSearchEngine || {
    call: () => Promise.reject(new Error("search engine not started (overrides/partials/search-engine.html)")),
  };

  /**
   * Search: {parts, marks, best, suggestion, counts, complete, more, hits}. `hits` are results
   * in display order, the best match first, each {url, best, html}: the address and the result
   * item's contents. `counts` ({paragraphs, pages}) is null until `count` has read every page.
   */
  function search(query, filters = {}, limit = PAGE_SIZE) {
    return engine.call("search", query, filters, limit);
  }

  function count(query, filters = {}) {
    return engine.call("count", query, filters);
  }

  function resultItem(hit) {
    const li = document.createElement("li");
    li.className = "md-search-result__item" + (hit.best ? " kb-search__best" : "");
    li.innerHTML = hit.html; // escaped by the worker
    return li;
  }

  function mount(box) {
    const toggle = document.getElementById("__search");
    const form = box.querySelector("form");
    const input = form.elements.query;
    const reset = form.querySelector("button[type=reset]");
    const meta = box.querySelector(".md-search-result__meta");
    const suggestion = box.querySelector(".kb-search__suggestion");
    const list = box.querySelector(".md-search-result__list");
    const more = box.querySelector(".kb-search__more");
    const filterBox = box.querySelector(".kb-search__filters");
    const selects = [...filterBox.querySelectorAll("select")];
    let limit = PAGE_SIZE;
    let latest = 0;
    let composing = false; // an input method is composing: the text is not the reader's yet

    const output = box.querySelector(".md-search__output");
    // The closed search's results and filters are transparent, not gone: inert, so that no Tab
    // (nor Shift+Tab from the page) stops on them.
    const showOutput = () => {
      output.inert = Boolean(toggle) && !toggle.checked;
    };
    const open = () => {
      if (toggle && !toggle.checked) toggle.checked = true;
      showOutput();
      fillFilters().catch(showError);
    };
    showOutput();

    function showError(err) {
      meta.textContent =
        window.location.protocol === "file:"
          ? "直接打开本地 HTML 文件时浏览器不允许加载搜索索引。请用网站服务器访问（例如在项目里运行 make serve）。"
          : "搜索暂时不可用：索引没有加载成功。请刷新页面重试。";
      box.dataset.state = "error";
      console.error(err);
    }

    let filled = false;
    async function fillFilters() {
      if (filled) return;
      filled = true;
      const counts = await engine.call("facets");
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

    function showCounts(found, counts) {
      const words = `“${found.parts.join("”“")}”`;
      const paragraphs = found.hits.filter((h) => !h.best).length;
      if (!found.hits.length) meta.textContent = "没有找到相关内容。可以换个说法，或去掉筛选条件。";
      else if (!paragraphs) meta.textContent = `没有包含${words}的段落`;
      else if (!counts) meta.textContent = `正在统计包含${words}的段落…`;
      else if (!found.complete) meta.textContent = `没有同时包含${words}的段落；以下 ${counts.paragraphs} 段只包含其中一部分，来自 ${counts.pages} 个页面`;
      else meta.textContent = `包含${words}的段落共 ${counts.paragraphs} 段，来自 ${counts.pages} 个页面`;
    }

    function showSuggestion(found) {
      suggestion.replaceChildren();
      suggestion.hidden = !found.suggestion;
      if (!found.suggestion) return;
      const link = document.createElement("a");
      link.href = `?q=${encodeURIComponent(found.suggestion)}`;
      link.textContent = found.suggestion;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        input.value = found.suggestion;
        limit = PAGE_SIZE;
        run();
        input.focus();
      });
      suggestion.append("你是不是要找：", link);
    }

    async function run() {
      const query = input.value.trim();
      const ticket = ++latest;
      reset.tabIndex = query ? 0 : -1; // Material shows the 清空 button only when there is text
      if (!query) {
        list.innerHTML = "";
        suggestion.hidden = true;
        meta.textContent = "输入关键词开始搜索；多个词用空格分开";
        more.hidden = true;
        box.dataset.state = "done";
        return;
      }
      meta.textContent = "正在搜索…";
      box.dataset.state = "searching";
      const started = performance.now();
      const chosen = filters();
      try {
        const found = await search(query, chosen, limit);
        if (ticket !== latest) return; // a newer query is already running
        list.replaceChildren(...found.hits.map(resultItem));
        showSuggestion(found);
        showCounts(found, found.counts);
        more.hidden = !found.more && found.hits.length < limit;
        // For the benchmark: how long this answer took, and when (ms since the page opened).
        box.dataset.ms = (performance.now() - started).toFixed(1);
        box.dataset.answeredAt = performance.now().toFixed(1);
        box.dataset.state = "done";
        if (!found.counts && found.hits.length) {
          // Counting reads every candidate page (at 1,000 reports, seconds): only once the
          // reader has stopped typing, so it never holds up the next answer.
          await new Promise((resolve) => setTimeout(resolve, COUNT_DELAY));
          if (ticket !== latest) return;
          const counts = await count(query, chosen);
          if (ticket === latest && counts) showCounts(found, counts);
        }
        if (ticket === latest) box.dataset.counted = query;
      } catch (err) {
        if (ticket === latest) showError(err);
      }
    }

    input.addEventListener("focus", open);
    // An input method's composition (pinyin being typed) is not a query: search on commit.
    input.addEventListener("compositionstart", () => {
      composing = true;
    });
    input.addEventListener("compositionend", () => {
      composing = false;
      limit = PAGE_SIZE;
      run();
    });
    input.addEventListener("input", (event) => {
      if (composing || event.isComposing) return;
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
      const first = list.querySelector("a") || (!suggestion.hidden && suggestion.querySelector("a"));
      if (first) first.click();
    });
    // 清空: the text and the filters, so the next query is not filtered unseen.
    form.addEventListener("reset", () => {
      for (const select of selects) select.value = "";
      setTimeout(() => {
        run();
        input.focus();
      });
    });
    if (toggle) {
      toggle.addEventListener("change", () => {
        showOutput();
        if (toggle.checked) {
          input.focus();
          open();
        } else input.blur();
      });
    }
    list.addEventListener("click", (event) => {
      if (event.target.closest("a") && toggle) {
        toggle.checked = false;
        showOutput();
      }
    });

    /** What Tab moves through while the search is open, in order; all of it visible. */
    function tabStops() {
      const stops = [input];
      if (input.value) stops.push(reset);
      if (!filterBox.hidden) stops.push(...selects);
      if (!suggestion.hidden) stops.push(...suggestion.querySelectorAll("a"));
      stops.push(...list.querySelectorAll("a"));
      if (!more.hidden) stops.push(more.querySelector("button"));
      return stops;
    }

    document.addEventListener("keydown", (event) => {
      const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
      if (event.isComposing || composing) return;
      if (event.key === "Escape" && toggle && toggle.checked) {
        toggle.checked = false;
        showOutput();
        input.blur();
      } else if (event.key === "Tab" && toggle && toggle.checked) {
        // The open search is a dialog: Tab stays in it until Esc.
        const stops = tabStops();
        const at = stops.indexOf(document.activeElement);
        event.preventDefault();
        const next = at < 0 ? 0 : (at + (event.shiftKey ? -1 : 1) + stops.length) % stops.length;
        stops[next].focus();
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

  /* ---- landing: the words marked where a result or a quote leads --------------------------- */

  // Characters folded as the search folds them (the worker also maps Traditional characters;
  // the site's own text is Simplified already).
  const fold = (ch) => ch.normalize("NFKC").toLowerCase();

  /** Wrap every occurrence of `words` in the text of `element` in <mark class="kb-landing">. */
  function markWords(element, words) {
    const wanted = words.map((w) => Array.from(w).map(fold).join("")).filter(Boolean);
    if (!wanted.length) return 0;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest("mark, script, style, a.headerlink, a.kb-para-link") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    // Search the element's text as one string, so a word split by a glossary link still matches.
    let text = "";
    const where = []; // folded index → [node, offset in node]
    for (const node of nodes) {
      let offset = 0;
      for (const ch of node.data) {
        const folded = fold(ch);
        for (const _ of folded) where.push([node, offset, ch.length]);
        text += folded;
        offset += ch.length;
      }
    }
    const ranges = [];
    for (const word of wanted) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
        const [startNode, startOffset] = where[at];
        const [endNode, endOffset, size] = where[at + word.length - 1];
        const range = document.createRange();
        range.setStart(startNode, startOffset);
        range.setEnd(endNode, endOffset + size);
        ranges.push(range);
      }
    }
    // Last first, so earlier ranges keep their offsets; each text node wrapped on its own.
    ranges.sort((a, b) => b.compareBoundaryPoints(Range.START_TO_START, a));
    for (const range of ranges) {
      const pieces = nodes.filter((n) => range.intersectsNode(n));
      for (const node of pieces.reverse()) {
        const from = node === range.startContainer ? range.startOffset : 0;
        const to = node === range.endContainer ? range.endOffset : node.data.length;
        if (from >= to) continue;
        const piece = document.createRange();
        piece.setStart(node, from);
        piece.setEnd(node, to);
        const mark = document.createElement("mark");
        mark.className = "kb-landing";
        piece.surroundContents(mark);
      }
    }
    return ranges.length;
  }

  /** The element a URL's #anchor names, with the section under a heading. */
  function landingElements() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return [document.querySelector("article.md-content__inner")].filter(Boolean);
    const row = target.closest("tr");
    if (row) return [row];
    if (!/^H[1-6]$/.test(target.tagName)) return [target];
    const level = Number(target.tagName[1]);
    const section = [target];
    for (let node = target.nextElementSibling; node; node = node.nextElementSibling) {
      if (/^H[1-6]$/.test(node.tagName) && Number(node.tagName[1]) <= level) break;
      section.push(node);
    }
    return section;
  }

  /** Mark the search's words (`?h=`) where the page was opened. */
  function markLanding() {
    const words = (new URLSearchParams(window.location.search).get("h") || "").split(/\s+/).filter(Boolean);
    if (!words.length) return;
    const marked = landingElements().reduce((n, element) => n + markWords(element, words), 0);
    document.body.classList.toggle("kb-landing-marked", marked > 0);
    const first = document.querySelector("mark.kb-landing");
    if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
  }

  /** A link beside a quote (“…” — source) marks the quoted words where it leads. */
  function markQuoteLinks() {
    for (const quote of document.querySelectorAll("article .kb-quote")) {
      const line = quote.closest("p, li, td") || quote.parentElement;
      for (const link of line.querySelectorAll("a[href*='#p-']")) {
        const address = new URL(link.href, window.location.href);
        if (address.searchParams.has("h")) continue;
        address.searchParams.set("h", quote.textContent.trim());
        link.href = address.href;
      }
    }
  }

  window.kbSearch = { search, count, markWords };
  const box = document.querySelector(".kb-search");
  if (box) mount(box);
  // Material's `document$` gives each page it shows (every page, with instant navigation);
  // without Material's script, this page is the only one.
  const landed = () => {
    markLanding();
    markQuoteLinks();
  };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(landed);
  else landed();
})();
