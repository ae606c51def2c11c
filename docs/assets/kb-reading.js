/*
 * Reading on any screen (issue 25), for every page Material shows, including those that
 * instant navigation swaps in (Material's `document$` says when a page's content is new):
 * - tables of three or more columns get their column names on each cell (data-label), which
 *   assets/kb.css shows as a list of cards on a phone;
 * - a table wider than its page says so (a fade at the side with more, and a line above it);
 * - on a touch screen, what a mouse pointer shows on hover (a term's definition, what a
 *   redaction mark means) is shown on a tap, with the link to follow under it (a link to a
 *   source paragraph, a figure's included, shows the paragraph instead: assets/kb-cite.js);
 * - the printed page ends with the address it was opened at.
 */
(function () {
  "use strict";

  const CARD_MIN_COLUMNS = 3;

  function labelTables(root) {
    for (const table of root.querySelectorAll(".md-content__inner table")) {
      const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      if (headers.length < CARD_MIN_COLUMNS || table.hasAttribute("data-kb-cards")) continue;
      // Shown as blocks on a phone, the table would lose its table semantics: keep them.
      table.setAttribute("role", "table");
      for (const group of table.querySelectorAll("thead, tbody")) group.setAttribute("role", "rowgroup");
      for (const row of table.querySelectorAll("tr")) {
        row.setAttribute("role", "row");
        [...row.children].forEach((cell, i) => {
          if (cell.tagName === "TH") cell.setAttribute("role", "columnheader");
          else {
            cell.setAttribute("role", "cell");
            if (headers[i]) cell.dataset.label = headers[i];
          }
        });
      }
      table.setAttribute("data-kb-cards", "");
      watchWidth(table);
    }
  }

  // --- wide tables ----------------------------------------------------------------------------

  const SCROLL_HINT = "表格较宽，可左右滑动查看其余各列";
  const widths = new ResizeObserver((entries) => entries.forEach((e) => showOverflow(e.target)));

  function watchWidth(table) {
    widths.observe(table);
    // Material wraps tables in a scrolling box of its own; follow it once it exists.
    requestAnimationFrame(() => showOverflow(table));
  }

  function showOverflow(table) {
    const box = table.closest(".md-typeset__scrollwrap") || table.parentElement;
    if (!box) return;
    if (!box.dataset.kbWatched) {
      box.dataset.kbWatched = "1";
      box.addEventListener("scroll", () => showOverflow(table), { passive: true });
      widths.observe(box);
    }
    const more = box.scrollWidth - box.clientWidth;
    const left = box.scrollLeft > 1;
    const right = more - box.scrollLeft > 1;
    const state = left && right ? "both" : left ? "left" : right ? "right" : "";
    if (state) box.dataset.kbOverflow = state;
    else delete box.dataset.kbOverflow;
    let hint = box.previousElementSibling;
    if (!(hint && hint.classList.contains("kb-scroll-hint"))) hint = null;
    if (more > 1 && !hint) {
      hint = document.createElement("p");
      hint.className = "kb-scroll-hint";
      hint.textContent = SCROLL_HINT;
      box.before(hint);
    } else if (more <= 1 && hint) hint.remove();
  }

  // --- what a hover shows, on a tap -------------------------------------------------------------

  // Material's tooltips take the `title` away while they are mounted; keep a copy.
  // A link to a source paragraph shows that paragraph on a tap (assets/kb-cite.js), not its title.
  const NO_TIP = ".headerlink, .kb-para-link, .md-content__button, a[href*='#p-']";
  const hasTip = (el) => el.closest(".md-content__inner") && !el.matches(NO_TIP);
  new MutationObserver((changes) => {
    for (const change of changes) {
      const el = change.target;
      if (change.oldValue && !el.dataset.kbTip && hasTip(el)) el.dataset.kbTip = change.oldValue;
    }
  }).observe(document.body, { subtree: true, attributeFilter: ["title"], attributeOldValue: true });

  function keepTips(root) {
    for (const el of root.querySelectorAll(".md-content__inner [title]")) if (hasTip(el)) el.dataset.kbTip ||= el.title;
  }

  let lastPointer = "mouse";
  document.addEventListener("pointerdown", (event) => (lastPointer = event.pointerType), true);
  const touching = () => lastPointer === "touch" || matchMedia("(hover: none)").matches;

  let tip = null;
  function closeTip() {
    if (!tip) return;
    tip.owner.removeAttribute("aria-describedby");
    tip.remove();
    tip = null;
  }

  function followText(link) {
    const url = new URL(link.href, location.href);
    if (link.classList.contains("kb-term") || /\/glossary\/$/.test(url.pathname)) return "在术语表中查看";
    if (/^#p-/.test(url.hash)) return "查看原文段落";
    return "打开链接";
  }

  function openTip(el) {
    closeTip();
    tip = document.createElement("div");
    tip.className = "kb-tip";
    tip.id = "kb-tip";
    tip.setAttribute("role", "tooltip");
    tip.owner = el;
    const text = document.createElement("p");
    text.style.margin = "0";
    text.textContent = el.dataset.kbTip;
    tip.append(text);
    const link = el.closest("a[href]");
    if (link) {
      const follow = document.createElement("a");
      follow.href = link.href;
      follow.textContent = `${followText(link)} ›`;
      tip.append(follow);
    }
    document.body.append(tip);
    el.setAttribute("aria-describedby", tip.id);
    const box = el.getBoundingClientRect();
    const width = tip.offsetWidth;
    const x = Math.min(Math.max(8, box.left + scrollX), scrollX + document.documentElement.clientWidth - width - 8);
    tip.style.left = `${x}px`;
    tip.style.top = `${box.bottom + scrollY + 6}px`;
  }

  document.addEventListener(
    "click",
    (event) => {
      if (tip && tip.contains(event.target)) return; // the link under the text: follow it
      const el = event.target.closest && event.target.closest(".md-content__inner [data-kb-tip]");
      if (!el || !el.dataset.kbTip || !touching()) {
        closeTip();
        return;
      }
      event.preventDefault();
      event.stopPropagation(); // not a page change (Material's instant navigation listens too)
      if (tip && tip.owner === el) closeTip();
      else openTip(el);
    },
    true,
  );
  document.addEventListener("keydown", (event) => event.key === "Escape" && closeTip());

  // --- print ----------------------------------------------------------------------------------

  function writeAddress(root) {
    const address = root.querySelector("[data-kb-address]");
    if (address && !address.textContent.trim()) address.textContent = location.href.split("#")[0];
  }

  function onPage(root) {
    closeTip();
    labelTables(root);
    keepTips(root);
    writeAddress(root);
  }

  onPage(document);
  if (window.document$) window.document$.subscribe(() => onPage(document));
})();
