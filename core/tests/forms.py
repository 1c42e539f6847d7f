"""What a browser sends back for a page's main POST form when nothing is touched.

The main form is the first POST form inside <main>: the header's sign-out button is a POST
form of its own, before it, on every page a signed-in person sees.

Used by tests that save a form as it was opened, and by the load scenario
(bench/locustfile.py), so that both send what a person's browser would.
"""

from html.parser import HTMLParser


class FormValues(HTMLParser):
    """The name-value pairs of the first POST form inside <main>, in document order."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self.in_main = self.inside = self.done = False
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        elif tag == "form" and self.in_main and not self.done:
            self.inside = (attrs.get("method") or "").lower() == "post"
        elif not self.inside or not attrs.get("name") and tag != "option":
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                # A checked box without a value sends "on", as a browser does.
                default = "on" if kind in ("checkbox", "radio") else ""
                self.values.append((attrs["name"], attrs.get("value", default) or ""))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.values.append((self.select, attrs.get("value") or ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.values.append((self.textarea, ""))

    def handle_data(self, data):
        if self.textarea:
            name, text = self.values.pop()
            self.values.append((name, text + data))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            name, text = self.values.pop()
            # A browser drops the newline that follows <textarea>.
            self.values.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_pairs(html: str) -> list[tuple[str, str]]:
    """The main POST form's values as a browser would post them, the CSRF token included."""
    parser = FormValues()
    parser.feed(html)
    return parser.values


def form_values(html: str) -> dict[str, list[str]]:
    """The same values by name, without the CSRF token (a test client adds its own)."""
    values: dict[str, list[str]] = {}
    for name, value in form_pairs(html):
        if name != "csrfmiddlewaretoken":
            values.setdefault(name, []).append(value)
    return values
