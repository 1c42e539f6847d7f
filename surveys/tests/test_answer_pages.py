"""The answer form: an invited association saves, continues and sends; conditions and
required questions are held on the server; the open link answers anonymously."""

import re

import pytest
from django.urls import reverse

from organizations.tests.factories import OrganizationFactory
from surveys import services
from surveys.models import Answer, Invitation, QuestionKind, Response

from .factories import QuestionFactory, RoundFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited():
    first = SectionFactory(title_fi="Tilanne")
    survey = first.survey
    second = SectionFactory(survey=survey, title_fi="Vapaaehtoiset")
    volunteers = QuestionFactory(
        section=first, key="has-volunteers", with_choices=["yes", "no"], required=True
    )
    how_many = QuestionFactory(
        section=second, key="volunteers", kind=QuestionKind.NUMBER, version="Montako?"
    )
    how_many.show_if_choice = volunteers.choices.get(value="yes")
    how_many.save()
    QuestionFactory(section=second, key="future", kind=QuestionKind.TEXT, version="Tulevaisuus?")
    round_ = RoundFactory(survey=survey, open_link=True)
    invitation = Invitation.objects.create(
        round=round_, organization=OrganizationFactory(), email="x@example.org"
    )
    url = reverse("surveys:answer_invited", args=[services.invitation_token(invitation)])
    return url, invitation, volunteers


def test_an_invited_association_saves_continues_later_and_sends(client, invited):
    url, invitation, volunteers = invited
    no = volunteers.choices.get(value="no")
    reply = client.post(url, {"page": 1, "action": "save", "q_has-volunteers": no.pk})
    assert reply.status_code == 302
    page = client.get(url).content.decode()
    assert re.search(rf'value="{no.pk}"[^>]*checked', page)
    client.post(url, {"page": 1, "action": "next", "q_has-volunteers": no.pk})
    second = client.get(url, {"page": 2}).content.decode()
    assert "Tulevaisuus?" in second
    assert "Montako?" not in second  # the condition is on page 1, and "no" was chosen
    reply = client.post(url, {"page": 2, "action": "send", "q_future": "Hyvä"})
    assert reply.status_code == 302
    response = Response.objects.get(organization=invitation.organization)
    assert response.status == Response.Status.SUBMITTED
    assert "The answers have been sent" in client.get(url).content.decode()


def test_sending_without_a_required_answer_on_an_earlier_page_names_it(client, invited):
    url, invitation, volunteers = invited
    page = client.post(url, {"page": 2, "action": "send", "q_future": "Hyvä"}).content.decode()
    assert "required questions on other pages" in page
    assert f"{url}?page=1" in page
    assert Response.objects.get(organization=invitation.organization).status == "draft"


def test_a_forged_link_is_not_found(client, invited):
    url, *_rest = invited
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_the_open_link_answers_anonymously_once_per_browser(client, invited):
    url, invitation, volunteers = invited
    round_ = invitation.round
    open_url = reverse("surveys:answer_open", args=[round_.survey.slug, round_.pk])
    yes = volunteers.choices.get(value="yes")
    client.post(open_url, {"page": 1, "action": "next", "q_has-volunteers": yes.pk})
    assert "Montako?" in client.get(open_url, {"page": 2}).content.decode()
    client.post(open_url, {"page": 2, "action": "send", "q_volunteers": "12"})
    response = Response.objects.get(round=round_, organization=None)
    assert response.status == "submitted"
    assert Answer.objects.get(response=response, question__key="volunteers").number == 12


def test_an_editor_answers_for_their_association_and_no_other(client, invited):
    from accounts.tests.factories import OrganizationEditorFactory

    url, invitation, volunteers = invited
    editor = OrganizationEditorFactory(organization=invitation.organization)
    client.force_login(editor.user)
    round_ = invitation.round
    own = reverse(
        "surveys:answer", args=[round_.survey.slug, round_.pk, invitation.organization.public_id]
    )
    other = reverse(
        "surveys:answer", args=[round_.survey.slug, round_.pk, OrganizationFactory().public_id]
    )
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 403
