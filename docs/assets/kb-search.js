/*
 * Search box of the knowledge base: Material's look, with the search engine in a web worker
 * (assets/kb-search-worker.js, started from the page's head by
 * overrides/partials/search-engine.html as `window.kbSearchEngine`). This script only sends
 * queries and shows the answers: paragraphs with their page, cities, kind and a marked snippet.
 */
(function () {
  "use strict";

  // Results shown at first, and added by 显示更多. The worker answers a search link's query
  // with its own PAGE_SIZE before this script runs; keep the two equal, or that answer is unused.
  const PAGE_SIZE = 10;
  const engine = window.kbSearchEngine || {
    call: () => Promise.reject(new Error("search engine not started (overrides/partials/search-engine.html)")),
  };

  /**
   * Search: {parts, marks, pages, complete, more, hits}. `hits` are paragraphs in display order,
   * each {url, html}: the address and the result item's contents.
   */
  function search(query, filters = {}, limit = PAGE_SIZE) {
    return engine.call("search", query, filters, limit);
  }

  function resultItem(hit) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    li.innerHTML = hit.html; // escaped by the worker
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
      fillFilters().catch(showError);
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
        list.replaceChildren(...found.hits.map(resultItem));
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
      // A click, not a new address: Material's instant navigation keeps this page (and the worker).
      if (first) first.click();
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

  window.kbSearch = { search };
  const box = document.querySelector(".kb-search");
  if (box) mount(box);
})();
