/* Source paragraphs, for readers who cite them (src/campaign_kb/previews.py, provenance.py):
 * - every link to a source paragraph shows that paragraph in a popover on hover, on keyboard
 *   focus, or on a first tap (touch), with 复制引文 and 打开原文;
 * - 复制引文 copies a GB/T 7714—2015 citation: the original as data/ knows it, then this
 *   site's paragraph address and today's date as the access date (citation.py writes the same);
 * - on a source page, every paragraph gets 复制引文, and 引用本文 gets its date and address;
 *   on city and method pages, every practice's quotes get one 复制引文 for all of them.
 * Everything comes from the page itself (a <template> of the paragraphs it links to): no request.
 */
(() => {
  "use strict";

  const PARAGRAPH_ID = /^p-[0-9a-f]{6}(?:-\d+)?$/;
  const SOURCE_PATH = /\/sources\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/|\.html)$/;
  const texts = new Map(); // "source#anchor" → paragraph text
  const sources = new Map(); // source id → { title, stem }

  let article = null;

  // --- citations -------------------------------------------------------------------------

  function today() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  }

  function absolute(href) {
    return new URL(href, location.href).href;
  }

  function citation(stem, href) {
    return `${stem}[${today()}]. ${absolute(href)}.`;
  }

  function numbered(citations) {
    return citations.length === 1
      ? citations[0]
      : citations.map((text, i) => `[${i + 1}] ${text}`).join("\n");
  }

  const status = document.createElement("p");
  status.className = "kb-cite-status";
  status.setAttribute("role", "status");
  document.body.append(status);

  async function copyText(text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (error) {
      /* fall back to the selection below */
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "kb-cite-scratch";
    document.body.append(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    return done;
  }

  function copyButton(label, textOf) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kb-cite-button";
    button.textContent = label;
    button.addEventListener("click", async (event) => {
      event.preventDefault();
      event.stopPropagation();
      const text = textOf();
      const done = await copyText(text);
      button.dataset.kbCopied = text;
      if (done) {
        button.textContent = "已复制";
        status.textContent = "引文已复制到剪贴板";
        setTimeout(() => {
          button.textContent = label;
        }, 2000);
      } else {
        window.prompt("浏览器不允许直接复制，请手动复制下面的引文：", text);
      }
    });
    return button;
  }

  // --- links to source paragraphs on other pages -----------------------------------------

  function paragraphOf(link) {
    const url = new URL(link.href, location.href);
    const match = SOURCE_PATH.exec(url.pathname);
    if (!match || url.origin !== location.origin) return null;
    const key = `${match[1]}#${decodeURIComponent(url.hash.slice(1))}`;
    return texts.has(key) && sources.has(match[1]) ? { key, source: match[1] } : null;
  }

  // --- previews ----------------------------------------------------------------------------

  let counter = 0;
  let open = null; // { link, box }
  let lastPointer = "mouse";
  let showTimer = 0;
  let hideTimer = 0;
  const supportsPopover = typeof HTMLElement.prototype.showPopover === "function";

  function build(link, { key, source }) {
    const box = document.createElement("span");
    box.className = "kb-preview";
    box.id = `kb-preview-${++counter}`;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", `原文段落预览：${sources.get(source).title}`);
    if (supportsPopover) box.setAttribute("popover", "manual");
    const head = document.createElement("span");
    head.className = "kb-preview__source";
    head.textContent = sources.get(source).title;
    const text = document.createElement("span");
    text.className = "kb-preview__text";
    text.id = `${box.id}-text`;
    const paragraph = texts.get(key);
    // The words a practice quotes are marked in their paragraph.
    const quoted = link.closest("p")?.querySelector(".kb-quote")?.textContent || "";
    const at = quoted ? paragraph.indexOf(quoted) : -1;
    if (at >= 0) {
      const mark = document.createElement("mark");
      mark.textContent = quoted;
      text.append(paragraph.slice(0, at), mark, paragraph.slice(at + quoted.length));
    } else {
      text.textContent = paragraph;
    }
    box.append(head);
    if (link.dataset.kbSpan) {
      const span = document.createElement("span");
      span.className = "kb-preview__span";
      span.textContent = `数值：${link.dataset.kbSpan}`;
      box.append(span);
    }
    const actions = document.createElement("span");
    actions.className = "kb-preview__actions";
    const go = document.createElement("a");
    go.href = link.href;
    go.textContent = "打开原文";
    actions.append(
      copyButton("复制引文", () => citation(sources.get(source).stem, link.href)),
      " ",
      go,
    );
    box.append(text, actions);
    box.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    box.addEventListener("mouseleave", () => scheduleHide());
    box.addEventListener("focusout", (event) => {
      if (!box.contains(event.relatedTarget) && event.relatedTarget !== link) hide();
    });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        hide();
        link.focus();
      }
    });
    link.after(box);
    return box;
  }

  function place(link, box) {
    const rect = link.getBoundingClientRect();
    const width = Math.min(480, window.innerWidth - 16);
    box.style.width = `${width}px`;
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    box.style.left = `${left}px`;
    const below = window.innerHeight - rect.bottom;
    if (below < 220 && rect.top > below) {
      box.style.top = "";
      box.style.bottom = `${window.innerHeight - rect.top + 6}px`;
    } else {
      box.style.bottom = "";
      box.style.top = `${rect.bottom + 6}px`;
    }
  }

  function show(link, paragraph) {
    clearTimeout(hideTimer);
    if (open && open.link === link) return;
    hide();
    const box = link.kbPreview || (link.kbPreview = build(link, paragraph));
    box.hidden = false;
    if (supportsPopover) box.showPopover();
    place(link, box);
    link.setAttribute("aria-describedby", `${box.id}-text`);
    link.setAttribute("aria-expanded", "true");
    open = { link, box };
  }

  function hide() {
    clearTimeout(showTimer);
    if (!open) return;
    const { link, box } = open;
    if (supportsPopover && box.matches(":popover-open")) box.hidePopover();
    box.hidden = true;
    link.removeAttribute("aria-describedby");
    link.setAttribute("aria-expanded", "false");
    open = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType || "mouse";
    if (open && !open.box.contains(event.target) && event.target !== open.link) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) {
      const { link } = open;
      hide();
      link.focus();
    }
  });
  window.addEventListener("scroll", () => open && place(open.link, open.box), { passive: true });
  window.addEventListener("resize", () => open && place(open.link, open.box));

  // --- each page ---------------------------------------------------------------------------

  function mount() {
    hide();
    article = document.querySelector("article.md-content__inner");
    if (!article) return;
    texts.clear();
    sources.clear();
    for (const template of article.querySelectorAll("template.kb-cited-store")) {
      for (const node of template.content.querySelectorAll("[data-kb-source]")) {
        sources.set(node.dataset.kbSource, { title: node.dataset.kbTitle, stem: node.dataset.kbCite });
      }
      for (const node of template.content.querySelectorAll("[data-kb-para]")) {
        texts.set(node.dataset.kbPara, node.textContent);
      }
    }

    // A source page: 引用本文, and 复制引文 after every paragraph.
    const own = article.querySelector(".kb-cite-source[data-kb-cite]");
    if (own) {
      const page = location.href.split("#")[0].split("?")[0];
      own.textContent = citation(own.dataset.kbCite, page);
      own.after(" ", copyButton("复制引文", () => citation(own.dataset.kbCite, page)));
      for (const paragraph of article.querySelectorAll("p[id]")) {
        if (!PARAGRAPH_ID.test(paragraph.id)) continue;
        const anchor = paragraph.id;
        paragraph.append(
          " ",
          copyButton("复制引文", () => citation(own.dataset.kbCite, `${page}#${anchor}`)),
        );
      }
    }

    // Links to source paragraphs (this page's or others').
    const links = [];
    for (const link of article.querySelectorAll("a[href*='#p-']")) {
      const paragraph = paragraphOf(link);
      if (paragraph) links.push([link, paragraph]);
    }

    // One 复制引文 for each practice: the quotes of a practice are one blockquote.
    for (const quote of article.querySelectorAll("blockquote")) {
      const cited = links.filter(([link]) => quote.contains(link));
      if (!cited.some(([link]) => link.closest("p")?.querySelector(".kb-quote"))) continue;
      const actions = document.createElement("p");
      actions.className = "kb-cite-actions";
      actions.append(
        copyButton("复制引文", () => {
          const seen = new Set();
          const all = [];
          for (const [link, { key, source }] of cited) {
            if (seen.has(key)) continue;
            seen.add(key);
            all.push(citation(sources.get(source).stem, link.href));
          }
          return numbered(all);
        }),
      );
      quote.append(actions);
    }

    for (const [link, paragraph] of links) {
      // The figure's real span (=, >, ≥ …) moves from the title (a second tooltip) into the box.
      if (link.title) {
        link.dataset.kbSpan = link.title;
        link.removeAttribute("title");
      }
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("mouseenter", () => {
        if (lastPointer !== "mouse") return;
        clearTimeout(showTimer);
        showTimer = setTimeout(() => show(link, paragraph), 250);
      });
      link.addEventListener("mouseleave", () => {
        clearTimeout(showTimer);
        scheduleHide();
      });
      link.addEventListener("focus", () => {
        if (lastPointer === "mouse" && link.matches(":focus-visible")) show(link, paragraph);
      });
      link.addEventListener("blur", (event) => {
        if (!(open && open.box.contains(event.relatedTarget))) scheduleHide();
      });
      link.addEventListener("click", (event) => {
        // A first tap shows the paragraph; 打开原文 (or a second tap) goes there.
        if (lastPointer !== "mouse" && !(open && open.link === link)) {
          event.preventDefault();
          event.stopPropagation(); // Material's instant navigation ignores preventDefault
          show(link, paragraph);
        }
      });
    }
  }

  // Every page Material shows: instant navigation swaps the content without loading this script
  // again, and says so on document$ (the first page too).
  if (window.document$) window.document$.subscribe(mount);
  else mount();
})();
