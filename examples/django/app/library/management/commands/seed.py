"""Idempotent seeding: fixed-pk sample rows (--data) and login users from env vars (--users).

Users (a user is created/updated only when both its variables are set; passwords never printed):
  DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD  superuser (sees auth, library, lending)
  DJANGO_VIEWER_USERNAME    / DJANGO_VIEWER_PASSWORD     staff, view-only on library + lending
"""
import datetime
import os

from django.contrib.auth.models import Permission, User
from django.core.management.base import BaseCommand
from django.db import transaction
from lending.models import Loan, Member

from library.models import Author, Book

AUTHORS = [
    (1, "Ursula K. Le Guin", 1929),
    (2, "Stanislaw Lem", 1921),
    (3, "Octavia E. Butler", 1947),
    (4, "Italo Calvino", 1923),
    (5, "Jorge Luis Borges", 1899),
]
BOOKS = [
    (1, "A Wizard of Earthsea", 1, 1968, "978-0547773742"),
    (2, "The Left Hand of Darkness", 1, 1969, "978-0441478125"),
    (3, "The Dispossessed", 1, 1974, "978-0061054884"),
    (4, "Solaris", 2, 1961, "978-0156027601"),
    (5, "The Cyberiad", 2, 1965, "978-0156027595"),
    (6, "His Master's Voice", 2, 1968, "978-0810117310"),
    (7, "Kindred", 3, 1979, "978-0807083697"),
    (8, "Parable of the Sower", 3, 1993, "978-1538732182"),
    (9, "Invisible Cities", 4, 1972, "978-0156453806"),
    (10, "If on a winter's night a traveler", 4, 1979, "978-0156439619"),
    (11, "Ficciones", 5, 1944, "978-0802130303"),
    (12, "The Aleph", 5, 1949, "978-0142437889"),
]
MEMBERS = [
    (1, "Ada Park", "ada@example.test"),
    (2, "Ben Ortiz", "ben@example.test"),
    (3, "Chen Wu", "chen@example.test"),
    (4, "Dana Roy", "dana@example.test"),
]
LOANS = [
    (1, 1, 4, datetime.date(2024, 1, 10), True),
    (2, 1, 9, datetime.date(2024, 2, 3), False),
    (3, 2, 7, datetime.date(2024, 2, 14), False),
    (4, 3, 11, datetime.date(2024, 3, 1), True),
    (5, 4, 2, datetime.date(2024, 3, 20), False),
    (6, 2, 5, datetime.date(2024, 4, 2), False),
]


class Command(BaseCommand):
    help = "Seed sample data and/or users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--data", action="store_true")
        parser.add_argument("--users", action="store_true")

    @transaction.atomic
    def handle(self, *args, **opts):
        if opts["data"]:
            for pk, name, born in AUTHORS:
                Author.objects.update_or_create(pk=pk, defaults={"name": name, "born": born})
            for pk, title, author, year, isbn in BOOKS:
                Book.objects.update_or_create(
                    pk=pk,
                    defaults={"title": title, "author_id": author, "year": year, "isbn": isbn})
            for pk, name, email in MEMBERS:
                Member.objects.update_or_create(pk=pk, defaults={"name": name, "email": email})
            for pk, member, book, lent_on, returned in LOANS:
                Loan.objects.update_or_create(
                    pk=pk, defaults={"member_id": member, "book_id": book, "lent_on": lent_on,
                                     "returned": returned})
        if opts["users"]:
            self._user("DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_PASSWORD", superuser=True)
            self._user("DJANGO_VIEWER_USERNAME", "DJANGO_VIEWER_PASSWORD", superuser=False)

    def _user(self, name_var, pw_var, superuser):
        username, password = os.environ.get(name_var), os.environ.get(pw_var)
        if not (username and password):
            return
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        if not superuser:
            perms = Permission.objects.filter(
                content_type__app_label__in=["library", "lending"], codename__startswith="view_")
            user.user_permissions.set(perms)
        self.stdout.write(f"user ready: {username} ({'superuser' if superuser else 'viewer'})")
