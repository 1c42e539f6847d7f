"""manage.py two_factor_reset EMAIL: for a person who lost both phone and recovery codes."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.twofactor import second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a person's authenticator app and recovery codes; the next sign-in asks "
        "them to set up two-step verification again."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the address {email}.")
        removed = second_factor_reset(user=user)
        self.stdout.write(f"Removed {removed} device(s) of {user.email}.")
