import os

import pytest

from search.analysis import voikko_available


@pytest.fixture
def voikko():
    """Tests of Voikko's lemmas: skipped without it, failed in CI (SAKKE_REQUIRE_VOIKKO=1)."""
    if not voikko_available():
        if os.environ.get("SAKKE_REQUIRE_VOIKKO") == "1":
            pytest.fail("Voikko is missing; SAKKE_REQUIRE_VOIKKO=1 requires it")
        pytest.skip("Voikko (libvoikko1, voikko-fi) is not installed")
