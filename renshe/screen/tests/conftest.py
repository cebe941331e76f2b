import pytest

from renshe.core import figures


@pytest.fixture
def without_figure(monkeypatch):
    """Make a figure key undeclared, as if its module were not installed: ``without_figure("cases.open")``."""
    figures.discover()

    def remove(key: str) -> None:
        monkeypatch.delitem(figures._REGISTRY, key, raising=False)

    return remove


@pytest.fixture
def with_test_figure(monkeypatch):
    """Declare a figure key for the test (its module may not be installed yet in this tree)."""
    figures.discover()

    def declare(key: str) -> None:
        from renshe.screen import rules

        if key in figures._REGISTRY:
            return
        meta = rules.METRICS[key]
        monkeypatch.setitem(
            figures._REGISTRY,
            key,
            figures.FigureSpec(key, meta.label, meta.unit, meta.kind, lambda start, end: {}, "renshe.screen.tests"),
        )

    return declare
