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


class SheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("At most 2 MB and 1,000 rows. Start from the template below."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
