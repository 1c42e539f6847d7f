"""schema.org NewsArticle of a news post, for search engines and news readers."""

from django.conf import settings
from django.utils import timezone


def news_schema(post, request) -> dict:
    url = request.build_absolute_uri(post.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": post.title,
        "dateModified": timezone.localtime(post.updated_at).isoformat(),
    }
    if post.published_at:
        data["datePublished"] = timezone.localtime(post.published_at).isoformat()
    if post.lead:
        data["description"] = post.lead
    if post.image:
        data["image"] = request.build_absolute_uri(post.image.url)
    if post.organization_id:
        author = {
            "@type": "Organization",
            "name": post.organization.name,
            "url": request.build_absolute_uri(post.organization.get_absolute_url()),
        }
    else:
        author = {"@type": "Organization", "name": settings.SAKKE_SITE_NAME}
    data["author"] = author
    data["publisher"] = {
        "@type": "Organization",
        "name": settings.SAKKE_SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }
    keywords = [topic.name for topic in post.topics.all()]
    if keywords:
        data["keywords"] = keywords
    places = [m.name for m in post.municipalities.all()]
    if places:
        data["contentLocation"] = [{"@type": "Place", "name": name} for name in places]
    return data
