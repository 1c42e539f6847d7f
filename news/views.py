"""Pages of news: the public list and post, and the pages where posts are written."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_organization, is_coordinator
from core.forms import show_service_errors
from core.views import filter_fields, render_filtered_list
from municipalities.selectors import municipality_choices
from organizations.models import Organization
from taxonomy.selectors import topic_choices

from . import services
from .filters import NewsFilter
from .forms import NewsPostForm
from .models import NewsPost
from .schema import news_schema
from .selectors import news_get, news_list, own_news_get, own_news_list

FILTER_KINDS = {"q": "search", "municipality": "select", "topic": "select"}


def news_list_page(request):
    filterset = NewsFilter(request.GET, queryset=news_list())
    fields = filter_fields(
        filterset,
        FILTER_KINDS,
        {"municipality": municipality_choices(), "topic": topic_choices()},
    )
    return render_filtered_list(
        request,
        filterset=filterset,
        page_template="news/news_list.html",
        results_template="news/_results.html",
        context={"fields": fields, "section": "news"},
    )


def news_detail(request, public_id):
    try:
        post = news_get(public_id)
    except NewsPost.DoesNotExist:
        raise Http404(_("No news post found with this id.")) from None
    context = {"post": post, "schema": news_schema(post, request), "section": "news"}
    return render(request, "news/news_detail.html", context)


# Writing


def _authors(user, chosen: str | None = None) -> list[Organization]:
    """The associations the user writes for; the coordinator also any one named in ?org=."""
    authors = list(Organization.objects.filter(editor_roles__user=user).order_by("name"))
    if chosen and chosen not in {org.public_id for org in authors}:
        extra = Organization.objects.filter(public_id=chosen).first()
        if extra is not None and can_edit_organization(user, extra):
            authors.insert(0, extra)
    return authors


def _chosen_organization(request) -> Organization | None:
    public_id = request.GET.get("org")
    if not public_id:
        return None
    organization = Organization.objects.filter(public_id=public_id).first()
    if organization is None or not can_edit_organization(request.user, organization):
        raise Http404
    return organization


@login_required
def write(request):
    """The posts the user may edit, newest change first; ?org= narrows to one association."""
    organization = _chosen_organization(request)
    authors = _authors(request.user, organization.public_id if organization else None)
    if not authors and not is_coordinator(request.user):
        raise PermissionDenied
    context = {
        "organization": organization,
        "posts": own_news_list(request.user, organization)[:100],
        "section": "selfservice",
    }
    return render(request, "news/write.html", context)


def _saved_message(post: NewsPost) -> str:
    if post.is_published:
        return _("Saved. The post is now public.")
    if post.publication_status == "pending":
        return _("Saved. It will be public once the coordinator has approved it.")
    return _("Saved as a draft. It is not public.")


@login_required
def post_edit(request, public_id=None):
    post = own_news_get(request.user, public_id) if public_id else None
    chosen = request.GET.get("org") or request.POST.get("author")
    authors = _authors(request.user, chosen) if post is None else []
    office = post is None and is_coordinator(request.user)
    if post is None and not authors and not office:
        raise PermissionDenied
    initial = {}
    if post is not None:
        initial["visibility"] = "draft" if post.publication_status == "draft" else "publish"
    elif chosen:
        initial["author"] = chosen
    form = NewsPostForm(
        request.POST or None,
        request.FILES or None,
        instance=post or NewsPost(),
        initial=initial,
        authors=authors,
        office=office,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.news_save(
                user=request.user,
                organization=form.organization() if post is None else None,
                post=post,
                data=form.data_for_service(),
                relations=form.relations(),
                publish=form.publish,
                image=form.cleaned_data.get("image"),
                remove_image=form.cleaned_data.get("remove_image", False),
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _saved_message(saved))
            return redirect(_write_url(saved.organization))
    context = {
        "post": post,
        "form": form,
        "show_errors": request.method == "POST",
        "back_url": _write_url(post.organization if post else None),
        "section": "selfservice",
    }
    return render(request, "news/post_form.html", context)


def _write_url(organization: Organization | None) -> str:
    url = reverse("news:write")
    return f"{url}?org={organization.public_id}" if organization is not None else url


@login_required
def post_preview(request, public_id):
    post = own_news_get(request.user, public_id)
    context = {
        "post": post,
        "schema": news_schema(post, request),
        "public_template": "news/news_detail.html",
        "preview_of": post,
        "back_url": _write_url(post.organization),
    }
    return render(request, "selfservice/preview.html", context)
