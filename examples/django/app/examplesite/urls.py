from django.conf import settings
from django.contrib import admin
from django.http import HttpResponseGone
from django.urls import path
from django.views.generic import RedirectView

FAULTS = settings.FAULTS


def gone(request, *args, **kwargs):
    return HttpResponseGone("<h1>Gone</h1><p>This page was retired.</p>")


urlpatterns = [
    # "/" lands on the admin index (temporary redirect; admin then sends anonymous users to login).
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    # Retired legacy page.
    path("reports/", gone),
]

if "no-legacy-redirects" not in FAULTS:
    book_detail_target = (
        "/admin/library/book/" if "legacy-wrong-target" in FAULTS
        else "/admin/library/book/%(pk)s/change/"
    )
    urlpatterns += [
        # Legacy (pre-admin) public URLs, permanently redirected to their admin pages.
        path("catalog/", RedirectView.as_view(url="/admin/library/book/", permanent=True)),
        path("catalog/<int:pk>/", RedirectView.as_view(url=book_detail_target, permanent=True)),
        path("authors/", RedirectView.as_view(url="/admin/library/author/", permanent=True)),
        path("authors/<int:pk>/",
             RedirectView.as_view(url="/admin/library/author/%(pk)s/change/", permanent=True)),
        path("members/", RedirectView.as_view(url="/admin/lending/member/", permanent=True)),
    ]
