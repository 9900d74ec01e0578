from reportgen import markup
from reportgen import model as m


def test_content_escaped_by_template_stays_text():
    _, blocks = markup.parse(
        '<document lang="en"><p>AT&amp;T R&amp;D &lt;b&gt;x&lt;/b&gt; "q"</p></document>'
    )
    assert blocks[0].text == 'AT&T R&D <b>x</b> "q"'


def test_inline_bold_and_folding():
    xml = "<document lang='zh-Hant-HK'><p>香港\n  四川 <b>合作</b>\n  co-operation</p></document>"
    _, blocks = markup.parse(xml)
    p = blocks[0]
    assert isinstance(p, m.Paragraph) and p.lang == "zh-Hant-HK"
    assert [(r.text, r.bold) for r in p.runs] == [
        ("香港四川 ", False),
        ("合作", True),
        (" co-operation", False),
    ]


def test_table_widths_must_match_columns():
    try:
        markup.parse("<document><table widths='1,2'><row><cell>a</cell></row></table></document>")
    except markup.MarkupError as exc:
        assert "names 2 columns, rows have 1" in str(exc)
    else:
        raise AssertionError("expected MarkupError")
