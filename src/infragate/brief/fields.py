"""The field types and the base every section of the brief shares: what a slug, a tag
value, an email address, a service, an environment variable name and a URL path may be."""

from __future__ import annotations

from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from infragate.names import SLUG, TAG_MAX, checked_tag_value

T = TypeVar("T")


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def no_repeats(items: list[T]) -> list[T]:
    seen: set[T] = set()
    for item in items:
        if item in seen:
            raise ValueError(f"'{item}' is listed twice; list each entry once")
        seen.add(item)
    return items


Slug = Annotated[str, Field(pattern=SLUG)]
# Written into every resource's tags: AWS's tag value alphabet (names.py).
TagText = Annotated[str, Field(max_length=TAG_MAX), AfterValidator(checked_tag_value)]
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Email = Annotated[str, Field(pattern=EMAIL_PATTERN)]


Service = Literal["web", "api", "worker", "scheduler"]
EnvName = Annotated[str, Field(pattern=r"^[A-Z_][A-Z0-9_]*$", max_length=100)]
UrlPath = Annotated[str, Field(pattern=r"^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$", max_length=200)]
