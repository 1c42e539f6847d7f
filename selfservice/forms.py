"""Forms of self-service: one column, plain words, a help text wherever a choice is unclear.

The forms only parse and check input; the services in selfservice.services write.
"""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, WeeklySlot
from core.forms import (
    DRAFT,
    PUBLISH,
    VisibilityMixin,
    date_input,
    formset_rows,
    label_by_language,
    translated_label,
)
from core.images import prepare_logo, prepare_picture
from core.languages import LANGUAGE_CODES
from core.models import Accessibility
from events.models import Event
from municipalities.models import Municipality
from organizations.models import Organization, SocialLink
from places.models import Place
from taxonomy.models import Audience, Language, Topic

from .series import MAX_DATES, SeriesRule


def time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def checkboxes(queryset, label, help_text=""):
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


# The association's profile


class OrganizationForm(forms.ModelForm):
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of at most 5 MB. We make it smaller for you."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("E.g. www.example.fi"),
    )

    class Meta:
        model = Organization
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "municipalities",
            "topics",
            "audiences",
            "email",
            "phone",
            "website",
            "street_address",
            "postal_code",
            "address_municipality",
        ]
        widgets = {
            "municipalities": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "description_fi": forms.Textarea(attrs={"rows": 8}),
            "description_sv": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "description_fi": _(
                "Tell what your association does and who can join. "
                "An empty line starts a new paragraph."
            ),
            "municipalities": _("Where your association works."),
            "phone": _("E.g. 040 123 4567"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lang in LANGUAGE_CODES:
            self.fields[f"name_{lang}"].label = translated_label(_("Name"), lang)
            self.fields[f"description_{lang}"].label = translated_label(_("Description"), lang)
        self.fields["name_fi"].required = True
        self.fields["address_municipality"].empty_label = _("(not given)")
        self.fields["address_municipality"].label = _("Municipality of the address")
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(type="tel", autocomplete="tel")

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        return prepare_logo(upload) if upload else None

    def data_for_service(self) -> dict:
        skip = {"municipalities", "topics", "audiences"}
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in skip}

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("municipalities", "topics", "audiences")}


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role_fi = forms.CharField(
        label=_("Role"), max_length=150, required=False, help_text=_("E.g. chair, secretary")
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput({"type": "tel"})
    )
    consent = forms.BooleanField(
        label=_("The person has agreed that these details are shown publicly"),
        required=False,
        help_text=_(
            "Shown on the public page and in the open data only with the person's consent. "
            "They can take it back on their own account page."
        ),
    )


class SocialLinkForm(forms.Form):
    service = forms.ChoiceField(
        label=_("Service"), choices=[("", _("Choose…")), *SocialLink.Service.choices]
    )
    url = forms.URLField(
        label=_("Address"), assume_scheme="https", help_text=_("The whole address, https://…")
    )


class RowFormSet(forms.BaseFormSet):
    """Rows a person may leave empty or tick for removal; only the kept ones count."""

    def rows(self) -> list[dict]:
        return formset_rows(self)


ContactFormSet = forms.formset_factory(ContactForm, formset=RowFormSet, extra=1, can_delete=True)
SocialLinkFormSet = forms.formset_factory(
    SocialLinkForm, formset=RowFormSet, extra=1, can_delete=True
)


# Events

WEEKDAYS = [(i, label) for i, (_n, label) in enumerate(WeeklySlot.Weekday.choices)]
INTERVALS = [
    (1, _("Every week")),
    (2, _("Every 2 weeks")),
    (3, _("Every 3 weeks")),
    (4, _("Every 4 weeks")),
]


class PlaceChoiceField(forms.ModelChoiceField):
    """A place in the list, marked when it still waits for the coordinator's approval."""

    def label_from_instance(self, obj):
        label = obj.name
        if obj.municipality_id:
            label = f"{label}, {obj.municipality}"
        if not obj.is_published:
            label = f"{label} ({_('waiting for approval')})"
        return label


class PlaceForm(forms.Form):
    """A meeting place an association's editor adds when theirs is not in the list."""

    name_fi = forms.CharField(
        label=_("Name of the place"),
        max_length=250,
        help_text=_('E.g. "Kylätalo Pihlaja" or "Kuopion kirjasto, kokoushuone".'),
    )
    street_address_fi = forms.CharField(label=_("Street address"), max_length=250)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{5}$",
        max_length=5,
        required=False,
        error_messages={"invalid": _("A postal code has five digits, e.g. 70100.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    accessibility_notes_fi = forms.CharField(
        label=_("Accessibility"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. step-free entrance, lift, accessible toilet, parking."),
    )


class EventForm(VisibilityMixin, forms.Form):
    name_fi = forms.CharField(label=translated_label(_("Name"), "fi"), max_length=250)
    short_description_fi = forms.CharField(
        label=translated_label(_("Short description"), "fi"),
        max_length=500,
        required=False,
        help_text=_("One or two sentences for the event list."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_fi = forms.CharField(
        label=translated_label(_("Description"), "fi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("An empty line starts a new paragraph."),
    )
    start_date = forms.DateField(label=_("Date"), widget=date_input())
    start_time = forms.TimeField(
        label=_("Starts at"), widget=time_input(), help_text=_("E.g. 18:00")
    )
    end_time = forms.TimeField(label=_("Ends at"), widget=time_input(), required=False)
    end_date = forms.DateField(
        label=_("End date"),
        widget=date_input(),
        required=False,
        help_text=_("Only if the event lasts over several days."),
    )
    location = PlaceChoiceField(
        queryset=Place.objects.select_related("municipality"),
        label=_("Place"),
        required=False,
        empty_label=_("(no place, or online only)"),
    )
    online_url = forms.URLField(
        assume_scheme="https",
        label=_("Online link"),
        required=False,
        help_text=_("If people can join online."),
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    price_fi = forms.CharField(
        label=_("Price"), max_length=100, required=False, help_text=_('E.g. "5 €, members free"')
    )
    registration_url = forms.URLField(
        label=_("Registration link"), required=False, assume_scheme="https"
    )
    image = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Shown on the event's page."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt_fi = forms.CharField(
        label=_("What does the picture show?"),
        max_length=250,
        required=False,
        help_text=_("Needed with a picture: people who cannot see it hear this instead."),
    )
    remove_image = forms.BooleanField(label=_("Remove the picture"), required=False)
    topics = checkboxes(Topic.objects.all(), _("Topics"))
    audiences = checkboxes(Audience.objects.all(), _("For whom"))
    in_language = checkboxes(Language.objects.all(), _("Languages"))
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=Accessibility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    name_sv = forms.CharField(
        label=translated_label(_("Name"), "sv"), max_length=250, required=False
    )
    short_description_sv = forms.CharField(
        label=translated_label(_("Short description"), "sv"), max_length=500, required=False
    )
    description_sv = forms.CharField(
        label=translated_label(_("Description"), "sv"), required=False, widget=forms.Textarea
    )
    name_en = forms.CharField(
        label=translated_label(_("Name"), "en"), max_length=250, required=False
    )
    short_description_en = forms.CharField(
        label=translated_label(_("Short description"), "en"), max_length=500, required=False
    )
    description_en = forms.CharField(
        label=translated_label(_("Description"), "en"), required=False, widget=forms.Textarea
    )

    OTHER_LANGUAGES = [
        "name_sv",
        "short_description_sv",
        "description_sv",
        "name_en",
        "short_description_en",
        "description_en",
    ]
    # Service errors name model fields; these are the form fields that show them.
    ERROR_FIELDS = {"start_time": "start_date", "end_time": "end_time"}
    # The sections of the page after what, when and the repeating; a new field joins one.
    SECTIONS = [
        (_("Where"), ["location", "online_url"]),
        (_("Price and registration"), ["is_free", "price_fi", "registration_url"]),
        (_("For whom"), ["audiences", "topics", "in_language", "accessibility"]),
        (_("Picture"), ["image", "image_alt_fi", "remove_image"]),
    ]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        return prepare_picture(upload, prefix="event") if upload else None

    def clean(self):
        data = super().clean()
        start_date, start_time = data.get("start_date"), data.get("start_time")
        if start_date and start_time:
            data["start"] = timezone.make_aware(dt.datetime.combine(start_date, start_time))
            end_time = data.get("end_time")
            if end_time:
                end_date = data.get("end_date") or start_date
                data["end"] = timezone.make_aware(dt.datetime.combine(end_date, end_time))
                if data["end"] < data["start"]:
                    self.add_error("end_time", _("The event cannot end before it starts."))
            else:
                data["end"] = None
        return data

    def data_for_service(self) -> dict:
        """The values of the form's fields that are the event's own, under the same names;
        the times from the date and time fields."""
        data = self.cleaned_data
        own = {field.name for field in Event._meta.concrete_fields}  # not the many-to-many
        own.discard("image")  # the upload goes to the service on its own (see the view)
        values = {name: data[name] for name in self.fields if name in own}
        values.update(start_time=data["start"], end_time=data["end"])
        return values

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.M2M}

    def sections(self) -> list[tuple]:
        """[(legend, [bound field])] of SECTIONS, for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    @classmethod
    def initial_for(cls, event) -> dict:
        start = timezone.localtime(event.start_time)
        end = timezone.localtime(event.end_time) if event.end_time else None
        names = [name for name in cls.base_fields if hasattr(event, name)]
        initial = {name: getattr(event, name) for name in names if name not in cls.M2M}
        initial.update(
            start_date=start.date(),
            start_time=start.time(),
            end_time=end.time() if end else None,
            end_date=end.date() if end and end.date() != start.date() else None,
            visibility=DRAFT if event.publication_status == "draft" else PUBLISH,
        )
        for name in cls.M2M:
            initial[name] = list(getattr(event, name).all())
        return initial

    M2M = ("topics", "audiences", "in_language")


class SeriesForm(forms.Form):
    """How an event repeats: once, or weekly on a weekday until a date or N times."""

    ONCE, WEEKLY = "once", "weekly"
    UNTIL, COUNT = "until", "count"

    series_repeat = forms.ChoiceField(
        label=_("Does the event repeat?"),
        choices=[(ONCE, _("No, it happens once")), (WEEKLY, _("Yes, on the same weekday"))],
        initial=ONCE,
        widget=forms.RadioSelect,
    )
    series_weekday = forms.TypedChoiceField(
        label=_("Weekday"), choices=WEEKDAYS, coerce=int, required=False
    )
    series_interval = forms.TypedChoiceField(
        label=_("How often"), choices=INTERVALS, coerce=int, initial=1, required=False
    )
    series_end = forms.ChoiceField(
        label=_("When does the series end?"),
        choices=[(UNTIL, _("On a date")), (COUNT, _("After a number of times"))],
        initial=COUNT,
        widget=forms.RadioSelect,
        required=False,
    )
    series_until = forms.DateField(label=_("Last date"), widget=date_input(), required=False)
    series_count = forms.IntegerField(
        label=_("Number of times"),
        min_value=2,
        max_value=MAX_DATES,
        initial=10,
        required=False,
        help_text=format_lazy(_("From 2 to {max}."), max=MAX_DATES),
    )

    def clean(self):
        data = super().clean()
        data["rule"] = None
        if data.get("series_repeat") != self.WEEKLY:
            return data
        if data.get("series_weekday") in (None, ""):
            self.add_error("series_weekday", _("Choose a weekday."))
        if data.get("series_end") == self.UNTIL and not data.get("series_until"):
            self.add_error("series_until", _("Choose the last date."))
        elif data.get("series_end") == self.COUNT and not data.get("series_count"):
            self.add_error("series_count", _("Give the number of times."))
        elif not data.get("series_end"):
            self.add_error("series_end", _("Choose when the series ends."))
        if not self.errors:
            by_date = data["series_end"] == self.UNTIL
            data["rule"] = SeriesRule(
                weekday=data["series_weekday"],
                interval=data.get("series_interval") or 1,
                until=data["series_until"] if by_date else None,
                count=None if by_date else data["series_count"],
            )
        return data

    @classmethod
    def initial_for(cls, event) -> dict:
        rule = SeriesRule.from_rrule(event.recurrence_rule) if event.recurrence_rule else None
        weekday = timezone.localtime(event.start_time).weekday()
        if rule is None:
            return {"series_repeat": cls.ONCE, "series_weekday": weekday}
        return {
            "series_repeat": cls.WEEKLY,
            "series_weekday": rule.weekday,
            "series_interval": rule.interval,
            "series_end": cls.UNTIL if rule.until else cls.COUNT,
            "series_until": rule.until,
            "series_count": rule.count,
        }


class CopyForm(forms.Form):
    start_date = forms.DateField(
        label=_("Date of the new event"),
        widget=date_input(),
        help_text=_("The copy keeps the same time of day. It is saved as a draft."),
    )


class CancelForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the public (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('E.g. "Moved to the autumn" or "The performer is ill".'),
    )


# Activities and volunteering tasks


class ActivityForm(VisibilityMixin, forms.ModelForm):
    class Meta:
        model = Activity
        field_classes = {"location": PlaceChoiceField}
        fields = [
            "name_fi",
            "description_fi",
            "kind",
            "skills_wanted_fi",
            "time_commitment_fi",
            "participation",
            "location",
            "municipalities",
            "topics",
            "audiences",
            "in_language",
            "is_free",
            "price_fi",
            "accessibility",
            "contact_email",
            "contact_phone",
            "image_alt_fi",
            "name_sv",
            "description_sv",
            "name_en",
            "description_en",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "municipalities": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "in_language": forms.CheckboxSelectMultiple,
            "description_fi": forms.Textarea(attrs={"rows": 8}),
            "skills_wanted_fi": forms.Textarea(attrs={"rows": 3}),
        }

    participation = forms.MultipleChoiceField(
        label=_("How to take part"),
        choices=Activity.Participation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=Accessibility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Not a model field of the form: the upload goes to the service on its own (see the view).
    image = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Shown on the activity's page."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_image = forms.BooleanField(label=_("Remove the picture"), required=False)
    OTHER_LANGUAGES = ["name_sv", "description_sv", "name_en", "description_en"]
    M2M = ("municipalities", "topics", "audiences", "in_language")

    def __init__(self, *args, volunteering: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteering = volunteering
        label_by_language(self)
        self.fields["image_alt_fi"].label = _("What does the picture show?")
        self.fields["image_alt_fi"].help_text = _(
            "Needed with a picture: people who cannot see it hear this instead."
        )
        self.fields["name_fi"].required = True
        self.fields["location"].empty_label = _("(no fixed place)")
        self.fields["location"].queryset = Place.objects.select_related("municipality")
        if volunteering:
            del self.fields["kind"]
            self.fields["name_fi"].label = _("What is the task? (in Finnish)")
            self.fields["description_fi"].label = _("What does a volunteer do? (in Finnish)")
            self.fields["skills_wanted_fi"].label = _("Skills wanted")
            self.fields["time_commitment_fi"].label = _("How much time does it take?")
            self.fields["contact_email"].help_text = _("Who to ask about the task.")
            # Volunteering is never paid for: the task describes the work, not a price.
            del self.fields["is_free"], self.fields["price_fi"]
        else:
            del self.fields["skills_wanted_fi"], self.fields["time_commitment_fi"]
            self.fields["kind"].choices = [
                (Activity.Kind.HOBBY, _("A hobby or group")),
                (Activity.Kind.SUPPORT, _("Support (peer support, advice)")),
            ]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        return prepare_picture(upload, prefix="activity") if upload else None

    def data_for_service(self) -> dict:
        skip = {*self.M2M, "image", "remove_image"}
        data = {k: v for k, v in self.cleaned_data.items() if k in self.fields and k not in skip}
        data.pop("visibility", None)
        data["kind"] = Activity.Kind.VOLUNTEERING if self.volunteering else data["kind"]
        if self.volunteering:
            data.update(is_free=True, price_fi="")
        return data

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.M2M}


class WeeklySlotForm(forms.Form):
    # An empty first choice, so that an untouched extra row stays empty and is skipped.
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=[("", _("Choose…")), *WeeklySlot.Weekday.choices],
        coerce=int,
        empty_value=None,
    )
    start = forms.TimeField(label=_("Starts at"), widget=time_input())
    end = forms.TimeField(label=_("Ends at"), widget=time_input(), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The time must end after it starts."))
        return data


WeeklySlotFormSet = forms.formset_factory(
    WeeklySlotForm, formset=RowFormSet, extra=1, can_delete=True
)
