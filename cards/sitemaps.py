from municipalities.sitemaps import MunicipalitySitemap


class MunicipalityCardSitemap(MunicipalitySitemap):
    """Each municipality's card (Järjestömyönteinen kunta): contacts, premises, grants."""

    url_name = "cards:detail"
