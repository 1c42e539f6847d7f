from django import forms
from django.utils.translation import gettext_lazy as _


class CalendarSourceForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_('E.g. "Our website\'s calendar".')
    )
    url = forms.CharField(
        label=_("Address of the calendar (iCal)"),
        max_length=1000,
        help_text=_(
            "The iCal or webcal address of the calendar: in Google Calendar, the calendar's "
            'settings, "Secret address in iCal format"; in Outlook, "Publish a calendar".'
        ),
    )


class LinkedEventsSourceForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_('E.g. "Our events in the city\'s calendar".')
    )
    api_root = forms.CharField(
        label=_("Address of the Linked Events API"),
        max_length=500,
        help_text=_("The API's root address, e.g. https://api.hel.fi/linkedevents/v1/"),
    )
    publisher = forms.CharField(
        label=_("Publisher"),
        max_length=200,
        required=False,
        help_text=_("The id of the organisation that publishes your events there."),
    )
    keyword = forms.CharField(
        label=_("Keywords"),
        max_length=500,
        required=False,
        help_text=_("Keyword ids, separated by commas: events with any of them come."),
    )
    division = forms.CharField(
        label=_("Area"),
        max_length=200,
        required=False,
        help_text=_("A municipality or district, e.g. helsinki or kallio."),
    )


class SheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("At most 2 MB and 1,000 rows. Start from the template below."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
