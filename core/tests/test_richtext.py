from core.richtext import html_to_text, sanitize_html


def test_it_removes_script_elements_with_their_content():
    assert sanitize_html("<p>Hei<script>alert(1)</script></p>") == "<p>Hei</p>"


def test_it_removes_event_handler_attributes():
    cleaned = sanitize_html('<p onclick="x()">Hei <img src="x" onerror="alert(1)"></p>')
    assert "onclick" not in cleaned
    assert "onerror" not in cleaned
    assert "<img" not in cleaned


def test_it_drops_javascript_links_but_keeps_the_text():
    cleaned = sanitize_html('<p><a href="javascript:alert(1)">Klikkaa</a></p>')
    assert "javascript" not in cleaned
    assert "Klikkaa" in cleaned


def test_it_keeps_safe_links_and_marks_them_noopener_nofollow():
    cleaned = sanitize_html('<p><a href="https://example.org" target="_blank">Kotisivu</a></p>')
    assert cleaned == ('<p><a href="https://example.org" rel="noopener nofollow">Kotisivu</a></p>')


def test_it_keeps_mailto_links():
    assert 'href="mailto:info@example.org"' in sanitize_html(
        '<p><a href="mailto:info@example.org">Sähköposti</a></p>'
    )


def test_it_keeps_the_small_set_of_formatting_tags():
    text = (
        "<p><strong>Tärkeää</strong> ja <em>korostettu</em></p>"
        "<ul><li>yksi</li></ul><ol><li>a</li></ol>"
    )
    assert sanitize_html(text) == text


def test_it_drops_other_tags_and_styles():
    cleaned = sanitize_html(
        '<div style="color:red"><h1>Otsikko</h1><iframe src="x"></iframe></div>'
    )
    assert cleaned == "Otsikko"


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert sanitize_html("Ensimmäinen\nrivi\n\nToinen kappale") == (
        "<p>Ensimmäinen<br>rivi</p><p>Toinen kappale</p>"
    )


def test_angle_brackets_in_plain_text_are_shown_not_run():
    assert sanitize_html("1 < 2 <script>x</script>") == (
        "<p>1 &lt; 2 &lt;script&gt;x&lt;/script&gt;</p>"
    )


def test_the_text_of_rich_text_keeps_words_apart_where_paragraphs_and_items_end():
    text = html_to_text(
        "<p><strong>Kevät</strong>kokous &amp; retki</p><ul><li>yksi</li><li>kaksi</li></ul>"
    )
    assert text.split() == ["Kevätkokous", "&", "retki", "yksi", "kaksi"]
