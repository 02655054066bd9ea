from django.conf import settings
from django.contrib import admin

from .models import Author, Book

if "no-sidebar" in settings.FAULTS:
    admin.site.enable_nav_sidebar = False

admin.site.site_header = "Example Library administration"
admin.site.site_title = "Example Library"
# The project has no public site: the admin is the whole product, so no "View site" link to `/`.
admin.site.site_url = None


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "born"]
    search_fields = ["name"]


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "year", "isbn"]
    list_filter = ["author"]
    search_fields = ["title"]
