/* 比较 (src/campaign_kb/compare.py): the page lists every city; this keeps the cities the reader
 * chooses in the address — compare/?a=chongqing&b=chengdu (then c, d …) — and shows only those,
 * side by side, in that order. The address can be shared: opening it shows the same choice.
 * Methods that none of the chosen cities is known to use are folded away (a box shows them).
 */
(() => {
  "use strict";

  function mount() {
    const picker = document.querySelector(".kb-compare-picker[data-cities]");
    if (!picker) return;
    const cities = JSON.parse(picker.dataset.cities);
    const names = new Map(cities.map((c) => [c.id, c.name]));
    const SLOTS = "abcdefghijklmnopqrstuvwxyz";
    const article = picker.closest("article") || document;
    const items = [...article.querySelectorAll(".kb-compare-item")];

    function chosenFromAddress() {
      const params = new URLSearchParams(location.search);
      const chosen = [];
      const unknown = [];
      for (const slot of SLOTS) {
        const id = params.get(slot);
        if (!id) continue;
        if (!names.has(id)) unknown.push(id);
        else if (!chosen.includes(id)) chosen.push(id);
      }
      return { chosen, unknown };
    }

    function writeAddress(chosen) {
      const params = new URLSearchParams(location.search);
      for (const slot of SLOTS) params.delete(slot);
      chosen.forEach((id, i) => params.set(SLOTS[i], id));
      const query = params.toString();
      history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    }

    // --- the chooser -------------------------------------------------------------------------

    picker.replaceChildren();
    const form = document.createElement("div");
    form.className = "kb-compare-picker__slots";
    form.setAttribute("role", "group");
    form.setAttribute("aria-label", "选择要比较的城市");
    const add = document.createElement("button");
    add.type = "button";
    add.textContent = "再加一个城市";
    const showAll = document.createElement("label");
    const showAllBox = document.createElement("input");
    showAllBox.type = "checkbox";
    showAll.append(showAllBox, " 也显示所选城市都未见的方法");
    const summary = document.createElement("p");
    summary.className = "kb-compare-picker__summary";
    summary.setAttribute("role", "status");
    picker.append(form, add, showAll, summary);

    function slotSelect(index, value) {
      const label = document.createElement("label");
      label.className = "kb-compare-picker__slot";
      const select = document.createElement("select");
      select.name = SLOTS[index];
      const none = new Option("（不选）", "");
      select.append(none, ...cities.map((c) => new Option(c.name, c.id)));
      select.value = value || "";
      select.addEventListener("change", () => update(true));
      label.append(`城市${index + 1} `, select);
      return label;
    }

    function render(chosen) {
      const count = Math.max(2, chosen.length);
      form.replaceChildren(...Array.from({ length: count }, (_, i) => slotSelect(i, chosen[i])));
      add.hidden = count >= cities.length;
    }

    function chosenFromForm() {
      const chosen = [];
      for (const select of form.querySelectorAll("select")) {
        if (select.value && !chosen.includes(select.value)) chosen.push(select.value);
      }
      return chosen;
    }

    // --- showing the chosen cities ---------------------------------------------------------

    function headingOf(item) {
      const before = item.previousElementSibling;
      return before && /^H[1-6]$/.test(before.tagName) ? before : null;
    }

    function apply(chosen, note = "") {
      const all = chosen.length === 0;
      const shown = all ? cities.map((c) => c.id) : chosen;
      let folded = 0;
      for (const item of items) {
        const row = item.querySelector(".kb-compare-row");
        const cells = new Map([...row.children].map((cell) => [cell.dataset.city, cell]));
        for (const [id, cell] of cells) cell.hidden = !shown.includes(id);
        for (const id of shown) if (cells.has(id)) row.append(cells.get(id));
        row.style.setProperty("--kb-compare-columns", String(all ? 1 : shown.length));
        row.classList.toggle("kb-compare-row--side", !all);
        const none = shown.every((id) => cells.get(id)?.classList.contains("kb-compare-cell--none"));
        const fold = !all && none && !showAllBox.checked;
        if (fold) folded += 1;
        item.hidden = fold;
        const heading = headingOf(item);
        if (heading) {
          heading.hidden = fold;
          for (const entry of document.querySelectorAll(`.md-nav--secondary a[href="#${heading.id}"]`)) {
            entry.closest("li").hidden = fold;
          }
        }
      }
      // An aspect heading (###) with all its methods folded is folded too.
      for (const heading of article.querySelectorAll("h3")) {
        let next = heading.nextElementSibling;
        let any = false;
        let visible = false;
        while (next && !/^H[1-3]$/.test(next.tagName)) {
          if (next.classList.contains("kb-compare-item")) {
            any = true;
            visible = visible || !next.hidden;
          }
          next = next.nextElementSibling;
        }
        if (any) heading.hidden = !visible;
      }
      const label = shown.map((id) => names.get(id)).join("、");
      summary.textContent = all
        ? `${note}列出全部 ${cities.length} 个城市；选两个或更多城市并排比较。`
        : `${note}正在比较：${label}。` +
          (folded ? `另有 ${folded} 项所选城市的材料里都未见，已折叠。` : "");
    }

    function update(fromForm) {
      const chosen = fromForm ? chosenFromForm() : chosenFromAddress().chosen;
      if (fromForm) writeAddress(chosen);
      apply(chosen);
    }

    add.addEventListener("click", () => {
      const chosen = chosenFromForm();
      const count = form.querySelectorAll("select").length;
      form.append(slotSelect(count, ""));
      add.hidden = count + 1 >= cities.length;
      form.querySelectorAll("select")[count].focus();
      apply(chosen);
    });
    showAllBox.addEventListener("change", () => apply(chosenFromForm()));

    const { chosen, unknown } = chosenFromAddress();
    render(chosen);
    apply(chosen, unknown.length ? `网址中的城市 ${unknown.join("、")} 不在本站，已忽略。` : "");
  }

  // Every page Material shows: instant navigation swaps the content without loading this script
  // again, and says so on document$ (the first page too).
  if (window.document$) window.document$.subscribe(mount);
  else mount();
})();
