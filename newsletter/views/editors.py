"""An association's editor offers items for the newsletter and follows the decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import show_service_errors

from ..forms import OfferForm
from ..selectors import own_offers
from ..services.offers import offer_create


@login_required
def offer_new(request):
    # "Offer an item" on an association's own page names the association (?org=).
    initial = {"organization": request.GET.get("org")} if request.GET.get("org") else None
    form = OfferForm(request.POST or None, request.FILES or None, user=request.user)
    if initial and not form.is_bound:
        chosen = form.fields["organization"].queryset.filter(public_id=initial["organization"])
        form.initial["organization"] = chosen.values_list("pk", flat=True).first()
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            offer_create(user=request.user, **data)
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(
                request, _("Thank you! The coordinator will tell you here what they decide.")
            )
            return redirect("newsletter:my_offers")
    return render(request, "newsletter/offer_form.html", {"form": form, "section": "selfservice"})


@login_required
def my_offers(request):
    context = {"offers": own_offers(request.user), "section": "selfservice"}
    return render(request, "newsletter/my_offers.html", context)
