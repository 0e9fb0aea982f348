"""The glossary: each term's first use in a paper's text links to its entry, and the entries follow the paper."""

from compact_analysis.presentation.glossary import TERMS, link_glossary

PAGE = (
    "<html><head><title>Deemed baseline</title><style>.a > .b {}</style></head><body><main>"
    "<h1>The baseline of deemed members</h1>"
    '<p>Of 50 deemed members, <img alt="the baseline"/> 3 are behind the trajectory; the baseline was 2.</p>'
    '<p>Deemed again, <a href="x">baseline</a> in a link.</p><table><tr><th>Trajectory</th><td>Amber</td></tr></table>'
    "</main></body></html>"
)


def test_the_first_use_of_each_term_in_the_text_links_to_its_entry_once():
    page = link_glossary(PAGE)
    # Headings, the title, attribute values and links are skipped: the first text uses are in the first <p>.
    assert "<h1>The baseline of deemed members</h1>" in page and "<title>Deemed baseline</title>" in page
    assert (
        '<p>Of 50 <a class="ca-term" href="#glossary-deemed">deemed</a> members, <img alt="the baseline"/> 3 are '
        'behind the <a class="ca-term" href="#glossary-trajectory">trajectory</a>; the '
        '<a class="ca-term" href="#glossary-baseline">baseline</a> was 2.</p>'
    ) in page
    assert '<p>Deemed again, <a href="x">baseline</a> in a link.</p>' in page  # second uses stay as they are
    # "Amber" in a table cell is the RAG term's first use; the <th> "Trajectory" is a header, skipped.
    assert '<th>Trajectory</th><td><a class="ca-term" href="#glossary-rag">Amber</a></td>' in page
    assert page.count('class="ca-term"') == 4


def test_the_glossary_lists_the_terms_used_in_its_own_order_before_main_closes():
    page = link_glossary(PAGE)
    section = page[page.index('<section class="ca-glossary') : page.index("</main>")]
    ids = [t.id for t in TERMS if f'id="glossary-{t.id}"' in section]
    assert ids == ["deemed", "baseline", "trajectory", "rag"]  # TERMS order, not the order of first use
    assert '<h2 id="glossary">Glossary</h2>' in section and "</section>" in section


def test_a_page_without_any_term_is_unchanged():
    page = "<html><body><main><h1>Deemed</h1><p>Nothing to explain here.</p></main></body></html>"
    assert link_glossary(page) == page
