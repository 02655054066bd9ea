from django.conf import settings
from django.contrib import admin

from .models import Loan, Member


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "email"]


if "hide-loan" not in settings.FAULTS:
    @admin.register(Loan)
    class LoanAdmin(admin.ModelAdmin):
        list_display = ["__str__", "member", "book", "lent_on", "returned"]
        list_filter = ["returned"]
