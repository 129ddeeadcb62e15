"""Markdown: CommonMark rendered, then sanitized; nothing executable survives."""

from markupsafe import Markup

from meeting.lib.markdown import render_markdown

REL = 'rel="noopener noreferrer nofollow"'


def test_markdown_returns_markup_and_empty_for_none():
    assert isinstance(render_markdown("x"), Markup)
    assert render_markdown(None) == Markup("")
    assert render_markdown("") == Markup("")


def test_markdown_normal_text_renders_exactly():
    text = ("## Results\n\n*Faster* delivery with **UNDP** and `code`.\n\n- one\n- two\n\n"
            "1. first\n\n> quoted\n\n[UN](https://www.un.org \"Home\") and <mailto:sg@un.org>\n\n"
            "line  \nbreak\n\n---\n\n```\nx = 1\n```\n")
    assert str(render_markdown(text)) == (
        "<h2>Results</h2>\n"
        "<p><em>Faster</em> delivery with <strong>UNDP</strong> and <code>code</code>.</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>\n"
        "<blockquote>\n<p>quoted</p>\n</blockquote>\n"
        f'<p><a href="https://www.un.org" title="Home" {REL}>UN</a> and '
        f'<a href="mailto:sg@un.org" {REL}>mailto:sg@un.org</a></p>\n'
        "<p>line<br>\nbreak</p>\n<hr>\n<pre><code>x = 1\n</code></pre>\n")


def test_markdown_table_renders_without_style():
    assert str(render_markdown("| SDG | Target |\n|---|:-:|\n| 5 | 5.1 |\n")) == (
        "<table>\n<thead>\n<tr>\n<th>SDG</th>\n<th>Target</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>5</td>\n<td>5.1</td>\n</tr>\n</tbody>\n</table>\n")


def test_markdown_headings_kept_between_h2_and_h4():
    assert str(render_markdown("# One\n\n###### Six")) == "<h2>One</h2>\n<h4>Six</h4>\n"


def test_markdown_script_removed_with_its_content():
    assert str(render_markdown("<script>alert(1)</script>\n\nHello")) == "\n<p>Hello</p>\n"
    assert str(render_markdown("Hi <script>alert(1)</script> there")) == "<p>Hi  there</p>\n"


def test_markdown_img_with_onerror_removed():
    assert str(render_markdown("<img src=x onerror=alert(1)>")) == ""
    assert str(render_markdown("![x](https://example.org/a.png)")) == "<p></p>\n"  # no images


def test_markdown_javascript_link_not_a_link():
    assert str(render_markdown("[x](javascript:alert(1))")) == "<p>[x](javascript:alert(1))</p>\n"
    assert str(render_markdown("<a href='JaVaScRiPt:alert(1)'>x</a>")) == f"<p><a {REL}>x</a></p>\n"


def test_markdown_event_handler_attributes_removed():
    assert str(render_markdown('<a href="https://www.un.org" onclick="alert(1)">UN</a>')) == (
        f'<p><a href="https://www.un.org" {REL}>UN</a></p>\n')
    assert str(render_markdown('<p onmouseover="alert(1)" style="color:red">x</p>')) == "<p>x</p>"


def test_markdown_iframe_style_and_svg_removed():
    assert str(render_markdown('<iframe src="https://evil.example"></iframe>')) == ""
    assert str(render_markdown("a <iframe src=x>inside</iframe> b")) == "<p>a  b</p>\n"
    assert str(render_markdown("<style>body{display:none}</style>ok")) == "ok"
    assert str(render_markdown("<svg onload=alert(1)>")) == ""


def test_markdown_relative_and_data_links_dropped():
    assert str(render_markdown("[here](/organizer/)")) == f"<p><a {REL}>here</a></p>\n"
    assert str(render_markdown('<a href="data:text/html,<script>x</script>">d</a>')) == (
        f"<p><a {REL}>d</a></p>\n")
