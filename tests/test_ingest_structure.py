"""Headings and paragraph anchors recognised from a report's own structure."""

from __future__ import annotations

from campaign_kb.ingest.structure import paragraph_anchor, structure


def _lines(*texts: str) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


def test_section_marks_ordinals_and_short_lines_become_headings() -> None:
    blocks = structure(
        _lines(
            "报告题记",
            "这是正文的第一段，说明开展情况。",
            "■以上率下，整体推动",
            "正文。",
            "一、坚持“五个第一”,着力见实效",
            "正文。",
            "坚持系统观念，注重有机融合",
            "（汇报毕）",
        )
    )
    assert [(b.kind, b.level, b.text) for b in blocks if b.kind == "heading"] == [
        ("heading", 2, "以上率下，整体推动"),
        ("heading", 2, "一、坚持“五个第一”,着力见实效"),
        ("heading", 2, "坚持系统观念，注重有机融合"),
    ]
    assert blocks[0].kind == "paragraph", "lines before the body are never headings"


def test_lead_in_phrases_become_subheadings_only_in_a_series() -> None:
    blocks = structure(
        _lines(
            "正文开始，有标点。",
            "小节标题",
            "带头扛在肩。第一段内容。",
            "带头干在先。第二段内容。",
            "另一小节",
            "开展方式直接影响。只有一个这样的句子。",
        )
    )
    headings = [b.text for b in blocks if b.kind == "heading" and b.level == 3]
    assert headings == ["带头扛在肩", "带头干在先"]
    assert any(b.text == "开展方式直接影响。只有一个这样的句子。" for b in blocks)


def test_anchors_depend_on_paragraph_text_only() -> None:
    first = structure(_lines("甲段。", "乙段。"))
    second = structure(_lines("新插入的段。", "甲段。", "乙段。"))
    anchors_first = {b.text: b.anchor for b in first}
    anchors_second = {b.text: b.anchor for b in second}
    assert anchors_first["甲段。"] == anchors_second["甲段。"] == paragraph_anchor("甲段。")
    assert anchors_first["乙段。"] == anchors_second["乙段。"]


def test_repeated_paragraphs_get_distinct_anchors() -> None:
    blocks = structure(_lines("（发言毕）", "正文。", "（发言毕）"))
    anchors = [b.anchor for b in blocks]
    assert len(set(anchors)) == 3


def test_a_title_is_a_short_line_without_a_sentence() -> None:
    from campaign_kb.ingest.structure import looks_like_title

    assert looks_like_title("学思想、强党性，重实践、建新功")
    assert looks_like_title("在第二批主题教育领导小组第一次会议上的主持词")
    assert not looks_like_title("同志们：")
    assert not looks_like_title("今年以来，全区开展调研。")
    assert not looks_like_title("首页 > 新闻中心 > 要闻")
    assert not looks_like_title("为深入推进主题教育" * 6)  # body text, however it ends


def test_sentences_keep_every_character() -> None:
    from campaign_kb.ingest.structure import sentences

    line = "开展调研。“要把问题找准。”他说。走访1200余户！还有吗？最后一句没有句号"
    parts = sentences(line)
    assert "".join(parts) == line
    assert parts == [
        "开展调研。",
        "“要把问题找准。”",
        "他说。",
        "走访1200余户！",
        "还有吗？",
        "最后一句没有句号",
    ]
