"""The results: suppressed in the page, the downloads and the API alike."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys.results import round_results

pytestmark = pytest.mark.django_db


def results_url(round_, **kwargs):
    return reverse("surveys:results", args=[round_.survey.slug, round_.pk], **kwargs)


def test_the_results_hide_a_small_municipality_group_and_what_would_reveal_it(closed_round):
    situation = round_results(closed_round)[0]
    rows = {row.label: row for row in situation.breakdowns["municipality"]}
    assert situation.total == 14
    assert rows["Kuopio"].total == 9
    # Iisalmi's 1 + 0 + 3 answers are each under five: hidden. Its single "a" would
    # follow from the column's total less Kuopio's five, so one of those is hidden too.
    assert rows["Iisalmi"].cells == [None, None, None]
    assert None in (situation.column_totals[0], rows["Kuopio"].cells[0])


def test_a_round_still_open_shows_no_results(client, closed_round):
    closed_round.closes_at = None
    closed_round.save()
    assert client.get(results_url(closed_round)).status_code == 404


def test_the_page_shows_the_same_numbers_as_the_table(client, closed_round):
    reply = client.get(results_url(closed_round), {"by": "municipality"})
    page = reply.content.decode()
    assert reply.status_code == 200
    assert "Tilanne?" in page
    assert "&lt;5" in page
    assert "<td>9</td>" in page


def test_the_csv_and_xlsx_carry_only_published_numbers(client, closed_round):
    url = reverse(
        "surveys:results_download", args=[closed_round.survey.slug, closed_round.pk, "csv"]
    )
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    iisalmi = [r for r in rows if r[0] == "situation" and r[2] == "Iisalmi"]
    assert iisalmi and {r[4] for r in iisalmi if r[3] != "answered"} == {"<5"}
    xlsx = client.get(url.replace(".csv", ".xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    assert cells == rows


def test_an_unknown_download_format_is_not_found(client, closed_round):
    url = reverse(
        "surveys:results_download", args=[closed_round.survey.slug, closed_round.pk, "pdf"]
    )
    assert client.get(url).status_code == 404


def test_results_pages_run_a_fixed_number_of_queries(
    client, closed_round, django_assert_num_queries
):
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(10):
        client.get(results_url(closed_round))


def test_the_api_serves_the_same_suppressed_numbers_as_the_page(client, closed_round):
    url = reverse("api:survey_round-results", kwargs={"id": closed_round.pk})
    data = client.get(url).json()
    table = round_results(closed_round)[0]
    situation = data["questions"][0]
    assert situation["answered"] == table.total
    iisalmi = [g for g in situation["breakdowns"]["municipality"] if g["group"] == "Iisalmi"]
    assert set(iisalmi[0]["counts"].values()) == {None}
    assert list(situation["counts"].values()) == table.column_totals


def test_the_api_keeps_an_open_rounds_results_to_itself(client, closed_round):
    closed_round.closes_at = None
    closed_round.save()
    url = reverse("api:survey_round-results", kwargs={"id": closed_round.pk})
    assert client.get(url).status_code == 404
    survey = client.get(reverse("api:survey-detail", kwargs={"id": closed_round.survey.slug}))
    assert survey.json()["rounds"][0]["status"] == "open"
