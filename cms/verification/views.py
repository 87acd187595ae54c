"""The public verification pages: a form for the code and the answer for one code."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.accounts import ratelimit
from cms.accounts.network import client_ip

from . import queries
from .forms import CodeForm

# Looking codes up is what guessing them would take: a person checks a few documents, not hundreds.
LOOKUPS_PER_MINUTE = 20
LOOKUPS_PER_HOUR = 200


def _over_limit(request):
    address = client_ip(request)
    return ratelimit.any_over_limit(
        [
            ("verification:minute", address, LOOKUPS_PER_MINUTE, 60),
            ("verification:hour", address, LOOKUPS_PER_HOUR, 3600),
        ]
    )


@never_cache
def lookup(request):
    form = CodeForm(request.GET or None)
    if request.GET and form.is_valid():
        document = queries.find(form.cleaned_data["code"])
        code = document.code if document else form.cleaned_data["code"]
        return redirect("verification:document", code=code)
    return render(request, "verification/lookup.html", {"form": form}, status=400 if request.GET else 200)


@never_cache
def document(request, code):
    if _over_limit(request):
        form = CodeForm(initial={"code": code})
        form.limited = _("Too many checks from here; try again in a few minutes.")
        return render(request, "verification/lookup.html", {"form": form, "limited": True}, status=429)
    found = queries.find(code)
    if found is not None and found.code != code:
        return redirect("verification:document", code=found.code)
    status = 200 if found else 404
    return render(
        request,
        "verification/document.html",
        {"document": found, "code": code, "form": CodeForm(initial={"code": code})},
        status=status,
    )
