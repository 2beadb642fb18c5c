"""Whitespace between tags is cut; what a page shows and does is not."""

from __future__ import annotations

from generator.site.html_size import collapse_whitespace


def test_runs_between_tags_become_one_character():
    html = "<ul>\n    <li>Å</li>\n    <li>ø</li>   <li>æ</li>\n</ul>"
    assert collapse_whitespace(html) == "<ul>\n<li>Å</li>\n<li>ø</li> <li>æ</li>\n</ul>"


def test_text_and_attributes_keep_their_whitespace():
    html = '<p title="två  mellanslag\n  här">Text  med   luft</p>\n\n  <p>b</p>'
    assert collapse_whitespace(html) == (
        '<p title="två  mellanslag\n  här">Text  med   luft</p>\n<p>b</p>'
    )


def test_preformatted_code_textarea_script_and_style_are_untouched():
    kept = [
        "<pre>\n  <span>a</span>   <span>b</span>\n</pre>",
        "<code><i>x</i>   <i>y</i></code>",
        "<textarea>\n   <b>svar</b>  \n</textarea>",
        '<script>\n  var s = "<a>   <b>";\n</script>',
        "<style>\n  a   >   b {}\n</style>",
        '<PRE class="x">\n   <b>stora</b>   <i>bokstäver</i>\n</PRE>',
    ]
    for block in kept:
        html = f"<div>\n   {block}\n   </div>"
        assert collapse_whitespace(html) == f"<div>\n{block}\n</div>"


def test_nothing_to_cut_is_returned_unchanged():
    html = "<p>a</p> <p>b</p>\n<p>c</p>"
    assert collapse_whitespace(html) == html
