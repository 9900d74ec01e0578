import pytest

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


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ('<spacer mm=":22"/>', "<spacer mm> must be a number of 0 or more, not ':22'"),
        ('<spacer mm="nan"/>', "<spacer mm> must be a number of 0 or more, not 'nan'"),
        ('<heading level="x">a</heading>', "<heading level> must be a whole number, not 'x'"),
        ('<toc title="C" depth="-1"/>', "<toc depth> must be a whole number, not '-1'"),
    ],
)
def test_bad_numbers_in_markup_are_content_errors(xml: str, message: str) -> None:
    """Found by the template fuzzer: a bad number was a ValueError (an internal error)."""
    from reportgen.errors import ContentError

    with pytest.raises(ContentError) as info:
        markup.check(f'<document lang="en">{xml}</document>')
    assert str(info.value) == message
