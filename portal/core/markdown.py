"""Markdown written by people, turned into HTML that is safe to show: CommonMark through
markdown-it-py, then nh3 keeps only a small list of tags and attributes."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def _image_as_link(self, tokens, idx, options, env):
    """An image is shown as a link to it: the page never fetches from elsewhere."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    text = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escape(src)}">{escape(text)}</a>'


_parser.add_render_rule("image", _image_as_link)

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h2", "h3", "h4",
        "table", "thead", "tbody", "tr", "th", "td", "hr"}
# No images: the page would fetch them from elsewhere; an image in Markdown becomes a link.
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render(text):
    """Safe HTML for ``text``; links get rel="nofollow noopener" and only http(s) and mailto work."""
    text = text or ""
    return _kept(text) if len(text) <= KEPT_LENGTH else _render(text)


# The HTML depends on nothing but the text, and a thread's page shows the same posts to every
# reader: each worker keeps the last thousand short ones it made (10 MB at most), rather than
# parsing and cleaning every post on every view.
KEPT_LENGTH = 4000


def _render(text):
    html = _parser.render(text)
    cleaned = nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener", set_tag_attribute_values={"a": {"class": "govuk-link"}},
    )
    # nh3 has just cleaned it to the allow-list above.
    return Markup(cleaned)  # nosec B704


_kept = lru_cache(maxsize=1000)(_render)


def body(text):
    """A Markdown body as every page shows it: the safe HTML in the page's own typography
    (the ``portal-prose`` class in assets/scss/portal.scss), never the browser's defaults."""
    return Markup('<div class="portal-prose">') + render(text) + Markup("</div>")


def init_app(app):
    app.add_template_filter(body, "markdown")
