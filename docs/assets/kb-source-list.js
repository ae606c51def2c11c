/* 来源 (src/campaign_kb/source_catalog.py): filters by city, year, campaign, genre and issuer,
 * and sortable columns, over the table the page already has (complete without JavaScript).
 * Each row carries its values as data-* attributes; each sortable cell its key as data-sort.
 */
(() => {
  "use strict";

  function mount() {
    const table = document.querySelector(".kb-source-list table");
    const tools = document.querySelector(".kb-source-list-tools");
    if (!table || !tools) return;
    const body = table.tBodies[0];
    const rows = [...body.rows];
    const headers = [...table.tHead.rows[0].cells];
    const FILTERS = { city: "城市", year: "年份", campaign: "所属活动", genre: "体裁", issuer: "发布或组织单位" };

    // --- filters -----------------------------------------------------------------------------

    const group = document.createElement("div");
    group.className = "kb-source-list-tools__filters";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "筛选来源");
    const selects = {};
    for (const [key, label] of Object.entries(FILTERS)) {
      const counts = new Map();
      for (const row of rows) counts.set(row.dataset[key], (counts.get(row.dataset[key]) || 0) + 1);
      const values = [...counts.keys()].sort((a, b) =>
        key === "year" ? b.localeCompare(a) : a.localeCompare(b, "zh-CN"),
      );
      const select = document.createElement("select");
      select.name = key;
      select.append(new Option("全部", ""), ...values.map((v) => new Option(`${v}（${counts.get(v)}）`, v)));
      select.addEventListener("change", filter);
      const wrapper = document.createElement("label");
      wrapper.append(`${label} `, select);
      group.append(wrapper);
      selects[key] = select;
    }
    const clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = "清除筛选";
    clear.addEventListener("click", () => {
      for (const select of Object.values(selects)) select.value = "";
      filter();
    });
    const count = document.createElement("p");
    count.className = "kb-source-list-tools__count";
    count.setAttribute("role", "status");
    tools.append(group, clear, count);

    function filter() {
      let shown = 0;
      for (const row of rows) {
        const match = Object.entries(selects).every(([key, s]) => !s.value || row.dataset[key] === s.value);
        row.hidden = !match;
        if (match) shown += 1;
      }
      count.textContent =
        shown === rows.length ? `共 ${rows.length} 份来源` : `显示 ${shown} 份，共 ${rows.length} 份`;
    }

    // --- sorting -----------------------------------------------------------------------------

    function sortBy(index, direction) {
      const key = (row) => {
        const cell = row.cells[index];
        return cell.dataset.sort ?? cell.textContent;
      };
      const sign = direction === "ascending" ? 1 : -1;
      const sorted = [...rows].sort(
        (a, b) => sign * key(a).localeCompare(key(b), "zh-CN", { numeric: true }),
      );
      body.append(...sorted);
      headers.forEach((th, i) => {
        if (i === index) th.setAttribute("aria-sort", direction);
        else th.removeAttribute("aria-sort");
      });
    }

    headers.forEach((th, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.append(...th.childNodes);
      button.title = "点击排序";
      button.addEventListener("click", () => {
        const now = th.getAttribute("aria-sort");
        sortBy(index, now === "ascending" ? "descending" : "ascending");
      });
      th.append(button);
    });
    // The page comes newest first: say so on the 材料时间 column.
    const dated = headers.findIndex((th) => th.textContent === "材料时间");
    if (dated >= 0) headers[dated].setAttribute("aria-sort", "descending");
    filter();
  }

  // Every page Material shows: instant navigation swaps the content without loading this script
  // again, and says so on document$ (the first page too).
  if (window.document$) window.document$.subscribe(mount);
  else mount();
})();
