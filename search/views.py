"""The search page and the search box's autocomplete (an htmx partial)."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from .forms import SearchForm
from .services import autocomplete, search

PAGE_SIZE = 20


def search_page(request):
    """Mixed results of every kind; the form works the same with or without JavaScript."""
    form = SearchForm(request.GET or None)
    results, page = None, 1
    if form.is_valid() and form.cleaned_data["q"]:
        page = form.cleaned_data["page"] or 1
        results = search(
            form.cleaned_data["q"],
            types=[form.cleaned_data["type"]] if form.cleaned_data["type"] else None,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "results": results,
        "page": page,
        "previous_url": f"?{urlencode({**query.dict(), 'page': page - 1})}" if page > 1 else "",
        "next_url": (
            f"?{urlencode({**query.dict(), 'page': page + 1})}"
            if results and results.total > page * PAGE_SIZE
            else ""
        ),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "search/_results.html" if partial else "search/search_page.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def autocomplete_options(request):
    """The listbox options for htmx; without JavaScript, the search page of the same words."""
    q = request.GET.get("q", "")
    if not request.htmx:
        return redirect(reverse("search:results") + "?" + urlencode({"q": q[:500]}))
    listbox = request.GET.get("listbox", "search")
    context = {"suggestions": autocomplete(q), "listbox": listbox[:40], "q": q}
    response = render(request, "search/_autocomplete.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
