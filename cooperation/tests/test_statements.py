"""Joint statements: opening, commenting, revising with versions, signing, sending, the
PDF and the outcome, and who may do each."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.tests.factories import UserFactory
from cooperation import services
from cooperation.models import Effect, Signature, Statement, StatementStatus
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator, editor_of

from .factories import BodyFactory, ConsultationFactory, StatementFactory, chair_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    a, b = (
        OrganizationFactory(name_fi="Yhdistys A ry"),
        OrganizationFactory(name_fi="Yhdistys B ry"),
    )
    return {
        "a": a,
        "b": b,
        "editor_a": editor_of(a),
        "editor_b": editor_of(b),
        "coordinator": coordinator(),
        "consultation": ConsultationFactory(title_fi="Hyvinvointisuunnitelma"),
    }


def opened(world, **kwargs):
    return services.statement_open(
        user=world["coordinator"],
        consultation=world["consultation"],
        title="Järjestöjen yhteislausunto",
        text="Kappale yksi.\nKappale kaksi.",
        **kwargs,
    )


def signing(world):
    statement = opened(world)
    services.statement_open_for_signing(user=world["coordinator"], statement=statement)
    return statement


# Services.


def test_the_coordinator_opens_a_draft_with_its_first_version(world):
    statement = opened(world)
    assert statement.status == StatementStatus.DRAFT
    assert statement.public_id == f"sakke:{statement.pk}"
    assert statement.current_version.number == 1


def test_a_bodys_chair_opens_a_draft_for_that_body_only(world):
    body, other = BodyFactory(), BodyFactory()
    chair = UserFactory()
    chair_of(body, chair)
    statement = services.statement_open(
        user=chair, consultation=world["consultation"], body=body, title="T", text="X"
    )
    assert statement.body == body
    with pytest.raises(PermissionDenied):
        services.statement_open(
            user=chair, consultation=world["consultation"], body=other, title="T", text="X"
        )


def test_an_editor_cannot_open_a_statement(world):
    with pytest.raises(PermissionDenied):
        services.statement_open(
            user=world["editor_a"], consultation=world["consultation"], title="T", text="X"
        )


def test_revisions_keep_every_version(world):
    statement = opened(world)
    services.statement_revise(
        user=world["coordinator"],
        statement=statement,
        text="Kappale yksi.\nUusi kappale.",
        note="B:n ehdotus",
    )
    assert list(statement.versions.values_list("number", flat=True)) == [1, 2]
    assert statement.current_version.text.endswith("Uusi kappale.")


def test_only_the_author_revises(world):
    statement = opened(world)
    with pytest.raises(PermissionDenied):
        services.statement_revise(user=world["editor_a"], statement=statement, text="Muutettu")


def test_an_editor_comments_for_their_own_association_only(world):
    statement = opened(world)
    comment = services.statement_comment(
        user=world["editor_a"], statement=statement, organization=world["a"], text="Hyvä alku."
    )
    assert comment.version.number == 1
    with pytest.raises(PermissionDenied):
        services.statement_comment(
            user=world["editor_a"], statement=statement, organization=world["b"], text="B:n nimissä"
        )


def test_an_editor_of_a_cannot_sign_for_b(world):
    statement = signing(world)
    with pytest.raises(PermissionDenied):
        services.statement_sign(
            user=world["editor_a"], statement=statement, organization=world["b"]
        )
    assert not Signature.objects.exists()


def test_the_coordinator_does_not_sign_for_an_association(world):
    statement = signing(world)
    with pytest.raises(PermissionDenied):
        services.statement_sign(
            user=world["coordinator"], statement=statement, organization=world["a"]
        )


def test_signing_waits_until_the_text_is_final(world):
    statement = opened(world)
    with pytest.raises(ValidationError):
        services.statement_sign(
            user=world["editor_a"], statement=statement, organization=world["a"]
        )


def test_an_association_signs_once_and_may_withdraw_before_sending(world):
    statement = signing(world)
    signature = services.statement_sign(
        user=world["editor_a"], statement=statement, organization=world["a"]
    )
    with pytest.raises(ValidationError):
        services.statement_sign(
            user=world["editor_a"], statement=statement, organization=world["a"]
        )
    with pytest.raises(PermissionDenied):
        services.signature_withdraw(user=world["editor_b"], signature=signature)
    services.signature_withdraw(user=world["editor_a"], signature=signature)
    assert not statement.signatures.filter(withdrawn_at=None).exists()
    # Signing again after withdrawing is a new signature.
    services.statement_sign(user=world["editor_a"], statement=statement, organization=world["a"])


def test_a_signature_cannot_be_withdrawn_after_sending(world):
    statement = signing(world)
    signature = services.statement_sign(
        user=world["editor_a"], statement=statement, organization=world["a"]
    )
    services.statement_send(user=world["coordinator"], statement=statement)
    with pytest.raises(ValidationError):
        services.signature_withdraw(user=world["editor_a"], signature=signature)


def test_a_statement_without_signatures_is_not_sent(world):
    statement = signing(world)
    with pytest.raises(ValidationError):
        services.statement_send(user=world["coordinator"], statement=statement)


def test_the_outcome_is_recorded_by_the_coordinator_after_sending(world):
    statement = signing(world)
    services.statement_sign(user=world["editor_a"], statement=statement, organization=world["a"])
    with pytest.raises(ValidationError):
        services.outcome_record(
            user=world["coordinator"], statement=statement, decision="X", effect=Effect.TAKEN
        )
    services.statement_send(user=world["coordinator"], statement=statement)
    with pytest.raises(PermissionDenied):
        services.outcome_record(
            user=world["editor_a"], statement=statement, decision="X", effect=Effect.TAKEN
        )
    services.outcome_record(
        user=world["coordinator"],
        statement=statement,
        decision="Valtuusto hyväksyi suunnitelman.",
        url="https://example.org/paatos",
        effect=Effect.PARTLY,
        note="Järjestöavustukset lisättiin.",
    )
    statement.refresh_from_db()
    assert statement.effect == Effect.PARTLY
    assert statement.outcome_recorded_at is not None


# Pages.


def test_a_draft_is_hidden_from_the_public(client, world):
    statement = opened(world)
    assert client.get(statement.get_absolute_url()).status_code == 404
    client.force_login(world["editor_a"])
    assert client.get(statement.get_absolute_url()).status_code == 200


def test_the_page_shows_the_differences_between_versions(client, world):
    statement = opened(world)
    services.statement_revise(
        user=world["coordinator"], statement=statement, text="Kappale yksi.\nUusi kappale."
    )
    client.force_login(world["editor_a"])
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "<del>" in html and "Kappale kaksi." in html
    assert "<ins>" in html and "Uusi kappale." in html


def test_the_sign_form_offers_only_ones_own_association(client, world):
    statement = signing(world)
    client.force_login(world["editor_a"])
    html = client.get(statement.get_absolute_url()).content.decode()
    assert f'value="{world["a"].public_id}"' in html
    assert f'value="{world["b"].public_id}"' not in html
    response = client.post(
        reverse("cooperation:sign", args=[statement.public_id]),
        {"organization": world["b"].public_id},
    )
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_editors_comment_and_sign_through_the_pages(client, world):
    statement = opened(world)
    client.force_login(world["editor_a"])
    client.post(
        reverse("cooperation:comment", args=[statement.public_id]),
        {"organization": world["a"].public_id, "text": "Lisätkää avustukset."},
    )
    assert statement.comments.get().organization == world["a"]
    client.force_login(world["coordinator"])
    client.post(reverse("cooperation:advance", args=[statement.public_id]), {"step": "signing"})
    client.force_login(world["editor_a"])
    client.post(
        reverse("cooperation:sign", args=[statement.public_id]),
        {"organization": world["a"].public_id},
    )
    assert statement.signatures.get().organization == world["a"]


# An editor sees the draft but may not change it (403); a chair of some body with no
# association of their own does not even see it (404); anonymous visitors sign in (302).
@pytest.mark.parametrize(
    "who, expected", [("editor", 403), ("chair_of_a_body", 404), ("anonymous", 302)]
)
def test_only_the_author_or_coordinator_revises_advances_or_records(client, world, who, expected):
    statement = signing(world)
    services.statement_sign(user=world["editor_a"], statement=statement, organization=world["a"])
    if who == "editor":
        client.force_login(world["editor_a"])
    elif who == "chair_of_a_body":
        chair = UserFactory()
        chair_of(BodyFactory(), chair)
        client.force_login(chair)
    public_id = statement.public_id
    assert client.get(reverse("cooperation:revise", args=[public_id])).status_code == expected
    advance = reverse("cooperation:advance", args=[public_id])
    assert client.post(advance, {"step": "send"}).status_code == expected
    assert client.get(reverse("cooperation:outcome", args=[public_id])).status_code == expected
    if who != "editor":  # the editor of A may withdraw A's own signature; nobody else
        withdraw = reverse("cooperation:withdraw", args=[statement.signatures.get().pk])
        assert client.post(withdraw).status_code == (302 if who == "anonymous" else 403)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.SIGNING
    assert statement.signatures.filter(withdrawn_at=None).count() == 1


@pytest.mark.parametrize("who", ["editor", "anonymous"])
def test_only_the_coordinator_or_a_chair_opens_a_statement_page(client, world, who):
    if who == "editor":
        client.force_login(world["editor_a"])
    response = client.get(
        reverse("cooperation:statement_open", args=[world["consultation"].public_id])
    )
    assert response.status_code == (403 if who == "editor" else 302)


def test_the_coordinator_opens_a_statement_through_the_page(client, world):
    client.force_login(world["coordinator"])
    response = client.post(
        reverse("cooperation:statement_open", args=[world["consultation"].public_id]),
        {"body": "", "title": "Yhteislausunto", "text": "Luonnos."},
    )
    assert response.status_code == 302
    assert Statement.objects.get().author == world["coordinator"]


def test_a_sent_statement_is_public_with_its_signatories_and_pdf(client, world):
    statement = signing(world)
    for org, editor in ((world["a"], world["editor_a"]), (world["b"], world["editor_b"])):
        services.statement_sign(user=editor, statement=statement, organization=org)
    services.statement_send(user=world["coordinator"], statement=statement)
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "Yhdistys A ry" in html and "Yhdistys B ry" in html
    listing = client.get(reverse("cooperation:statements")).content.decode()
    assert statement.title in listing
    response = client.get(reverse("cooperation:pdf", args=[statement.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Yhdistys A ry" in text and "Yhdistys B ry" in text


def test_there_is_no_pdf_of_a_draft(client, world):
    statement = opened(world)
    client.force_login(world["editor_a"])
    assert client.get(reverse("cooperation:pdf", args=[statement.public_id])).status_code == 404


def test_the_body_page_counts_statements_signatories_and_effect(client, world):
    body = BodyFactory()
    statement = StatementFactory(consultation=world["consultation"], body=body, status="sent")
    Signature.objects.create(statement=statement, organization=world["a"])
    Signature.objects.create(statement=statement, organization=world["b"])
    statement.effect = Effect.TAKEN
    statement.save()
    from cooperation.selectors import statement_counts

    assert statement_counts(body) == {"statements": 1, "signatories": 2, "with_effect": 1}
    assert client.get(body.get_absolute_url()).status_code == 200


def test_the_consultation_page_lists_drafts_only_to_those_who_may_open_them(client, world):
    statement = opened(world)
    url = world["consultation"].get_absolute_url()
    assert statement.title not in client.get(url).text
    client.force_login(UserFactory())
    assert statement.title not in client.get(url).text
    client.force_login(world["editor_a"])
    assert statement.title in client.get(url).text
