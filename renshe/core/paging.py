"""Paging without COUNT(*): at city scale a count over millions of rows costs more than the page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Page:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_of(queryset, page: str | int | None, size: int = 20) -> Page:
    try:
        number = max(1, int(page or 1))
    except (TypeError, ValueError):
        number = 1
    number = min(number, 10_000)
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Page(object_list=rows[:size], number=number, has_next=len(rows) > size)


def query_string_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
