"""The moderation e-mails people receive link the content policy, in their language."""

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation

from moderation import emails
from moderation.tests.factories import ClaimFactory, InvitationFactory
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
POLICY_FI = "https://jarjestot.example.fi/fi/sisaltoperiaatteet/"


@override_settings(SAKKE_BASE_URL="https://jarjestot.example.fi")
@pytest.mark.parametrize(
    "send",
    [
        lambda: emails.send_claim_decision(ClaimFactory(status="declined")),
        lambda: emails.send_invitation(
            InvitationFactory(), "https://jarjestot.example.fi/fi/kutsu/t/"
        ),
        lambda: emails.send_content_declined(OrganizationFactory(), "Ei alueelta.", ["a@b.fi"]),
    ],
    ids=["claim decision", "invitation", "content declined"],
)
def test_the_message_links_the_content_policy(send, django_capture_on_commit_callbacks):
    with translation.override("fi"), django_capture_on_commit_callbacks(execute=True):
        send()
    assert POLICY_FI in mail.outbox[-1].body
