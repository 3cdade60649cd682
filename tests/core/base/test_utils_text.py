"""sqlalchemist.utils.text: slugs, camelCase, snake_case and the e-mail check."""

from __future__ import annotations

import pytest

from sqlalchemist.utils.text import camelize, check_email, slugify, snake_case


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        ("Hello, World!", {}, "hello-world"),
        ("Crème Brûlée Recipe", {}, "creme-brulee-recipe"),
        ("  spaces   and --- dashes  ", {}, "spaces-and-dashes"),
        ("snake_case_words", {}, "snake-case-words"),
        ("Hello World", {"separator": "_"}, "hello_world"),
        ("Привет, мир", {}, ""),
        ("Привет, мир", {"allow_unicode": True}, "привет-мир"),
        ("Ünïcode Straße", {"allow_unicode": True}, "ünïcode-straße"),
        ("", {}, ""),
        ("--a--", {}, "a"),
    ],
)
def test_slugify(value: str, kwargs: dict[str, object], expected: str) -> None:
    assert slugify(value, **kwargs) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("created_at", "createdAt"), ("id", "id"), ("author_first_name", "authorFirstName"), ("", "")],
)
def test_camelize(value: str, expected: str) -> None:
    assert camelize(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("AuthorModel", "author_model"),
        ("UUIDv7Thing", "uuidv7_thing"),
        ("HTTPRequestLog", "http_request_log"),
        ("User", "user"),
        ("Model2Thing", "model2_thing"),
        ("ABTest", "ab_test"),
    ],
)
def test_snake_case(value: str, expected: str) -> None:
    assert snake_case(value) == expected


def test_check_email() -> None:
    assert check_email("Ann@Example.COM") == "ann@example.com"
    with pytest.raises(ValueError, match=r"^expected an e-mail address like 'name@example.com', got 'not-an-email'$"):
        check_email("not-an-email")
