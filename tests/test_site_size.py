"""Site size: pages and maps lose the templates' indentation, never what a reader sees."""
from __future__ import annotations

from generator.render.text import squeeze_html


def test_indentation_and_blank_lines_go():
    html = "<ul>\n    <li>\n\n      <a href='x'>Home</a>\n    </li>\n</ul>\n"
    assert squeeze_html(html) == "<ul>\n<li>\n<a href='x'>Home</a>\n</li>\n</ul>\n"


def test_runs_without_a_line_break_and_verbatim_blocks_stay():
    html = ("<p>two  spaces</p>\n  <pre>  code\n    indented\n</pre>\n  <textarea>\n  a\n</textarea>"
            "\n  <script>\n  var s = 'x';\n</script>\n  <style>\n  a { b: c }\n</style>")
    out = squeeze_html(html)
    assert "two  spaces" in out
    assert "<pre>  code\n    indented\n</pre>" in out and "<textarea>\n  a\n</textarea>" in out
    assert "<script>\n  var s = 'x';\n</script>" in out and "<style>\n  a { b: c }\n</style>" in out
    # in documents whose scripts we wrote, scripts and styles lose their indentation too
    ours = squeeze_html(html, scripts=True)
    assert "<script>\nvar s = 'x';\n</script>" in ours and "<pre>  code\n    indented\n</pre>" in ours
