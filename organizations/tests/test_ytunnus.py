import pytest
from django.core.exceptions import ValidationError

from organizations.ytunnus import is_valid_ytunnus, validate_ytunnus, ytunnus_check_digit


@pytest.mark.parametrize("value", ["2229532-1", "0112038-9", "1572860-0"])
def test_it_accepts_business_ids_with_a_correct_check_digit(value):
    assert is_valid_ytunnus(value)


@pytest.mark.parametrize("value", ["2229532-2", "0112038-8", "1572860-1"])
def test_it_rejects_a_wrong_check_digit(value):
    with pytest.raises(ValidationError) as error:
        validate_ytunnus(value)
    assert error.value.code == "invalid_check_digit"


@pytest.mark.parametrize(
    "value", ["", "2229532", "222953-21", "2229532_1", "abcdefg-h", " 2229532-1"]
)
def test_it_rejects_a_malformed_business_id(value):
    with pytest.raises(ValidationError) as error:
        validate_ytunnus(value)
    assert error.value.code == "invalid_format"


def test_no_check_digit_completes_seven_digits_whose_remainder_is_one():
    # 0000006: 6 * 2 = 12, and 12 % 11 = 1, so no valid business id starts with it.
    assert ytunnus_check_digit("0000006") is None
    assert not any(is_valid_ytunnus(f"0000006-{d}") for d in range(10))
