"""The PRH/YTJ open data interface (YTJ v3): what the register says of one business id.

`GET https://avoindata.prh.fi/opendata-ytj-api/v3/companies?businessId=1234567-8`
answers `{"totalResults": n, "companies": [...]}`. Of a company we read its current
name (`names[]` of type "1" without an `endDate`), its `endDate`, its register entries
(`registeredEntries[]`, register "3" being the register of associations), its trade
register status and its situations (`companySituations[]`: SELTILA liquidation, KONK
bankruptcy, SANE restructuring). The getter is an argument, so tests answer from the
recorded fixtures in importers/tests/fixtures/ytj_*.json: no test touches the network.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from organizations.models import Organization

API_URL = "https://avoindata.prh.fi/opendata-ytj-api/v3/companies"
TIMEOUT_SECONDS = 15
MAX_BYTES = 1024 * 1024
USER_AGENT = "Sakke association register check (+https://github.com/)"

#: registeredEntries[].register: the register of associations (yhdistysrekisteri).
ASSOCIATION_REGISTER = "3"
#: tradeRegisterStatus codes that mean the entry is gone: removed (2) and ceased (4).
TRADE_REGISTER_GONE = {"2", "4"}
#: companySituations[].type of a winding-up: liquidation and bankruptcy.
WINDING_UP = {"SELTILA", "KONK"}

Status = Organization.RegisterStatus


class RegistryError(Exception):
    """The register could not be asked (timeout, an HTTP error, an unreadable answer)."""


@dataclass(frozen=True)
class RegisterEntry:
    business_id: str
    status: str  # an Organization.RegisterStatus value
    name: str = ""
    ended_on: str = ""


Getter = Callable[[str], tuple[int, bytes]]


def http_get(url: str, *, timeout: float = TIMEOUT_SECONDS) -> tuple[int, bytes]:
    """GET `url` and return (status, body); a 404 is an answer, not an error."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(MAX_BYTES)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return 404, b""
        message = _("The register answered %(status)s.") % {"status": error.code}
        raise RegistryError(message) from error
    except (TimeoutError, urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(error, TimeoutError) or isinstance(reason, TimeoutError):
            raise RegistryError(_("The register did not answer in time.")) from error
        raise RegistryError(_("The register could not be reached: %s") % reason) from error


def company_url(business_id: str) -> str:
    return f"{API_URL}?{urllib.parse.urlencode({'businessId': business_id})}"


def fetch_entry(business_id: str, *, getter: Getter | None = None) -> RegisterEntry:
    """Ask the register about one business id; unknown ids come back NOT_FOUND."""
    status, body = (getter or http_get)(company_url(business_id))
    if status == 404:
        return RegisterEntry(business_id=business_id, status=Status.NOT_FOUND)
    if status != 200:
        raise RegistryError(_("The register answered %(status)s.") % {"status": status})
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise RegistryError(_("The register's answer could not be read.")) from error
    return parse_entry(data, business_id)


def parse_entry(data, business_id: str) -> RegisterEntry:
    """The entry of `business_id` in a YTJ v3 answer."""
    if not isinstance(data, dict) or not isinstance(data.get("companies", []), list):
        raise RegistryError(_("The register's answer could not be read."))
    for company in data.get("companies") or []:
        if _value(company.get("businessId")) == business_id:
            return RegisterEntry(
                business_id=business_id,
                status=_status(company),
                name=_current_name(company),
                ended_on=str(company.get("endDate") or ""),
            )
    return RegisterEntry(business_id=business_id, status=Status.NOT_FOUND)


def _value(business_id) -> str:
    if isinstance(business_id, dict):
        return str(business_id.get("value") or "")
    return str(business_id or "")


def _current_name(company: dict) -> str:
    names = [n for n in company.get("names") or [] if isinstance(n, dict)]
    current = [n for n in names if not n.get("endDate")]
    for candidates in (
        [n for n in current if str(n.get("type")) == "1"],
        current,
        names,
    ):
        if candidates:
            return str(candidates[0].get("name") or "")[:250]
    return ""


def _status(company: dict) -> str:
    if company.get("endDate"):
        return Status.DISSOLVED
    if str(company.get("tradeRegisterStatus") or "") in TRADE_REGISTER_GONE:
        return Status.DISSOLVED
    entries = [
        e
        for e in company.get("registeredEntries") or []
        if isinstance(e, dict) and str(e.get("register")) == ASSOCIATION_REGISTER
    ]
    # Removed from the register of associations: every entry of it has ended.
    if entries and all(e.get("endDate") for e in entries):
        return Status.DISSOLVED
    for situation in company.get("companySituations") or []:
        if (
            isinstance(situation, dict)
            and str(situation.get("type")) in WINDING_UP
            and not situation.get("endDate")
        ):
            return Status.WINDING_UP
    return Status.REGISTERED
