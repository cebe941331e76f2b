"""Pure business rules of the employment module: no database, no request; table-tested.

One section per area, each headed by a comment.
"""

from __future__ import annotations

from datetime import date

# --- job fairs ------------------------------------------------------------------------------
# Entry codes, booth numbers and the check-in day. Pure: no database, no request, no clock.

ENTRY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud or typed at a door
ENTRY_CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes: not guessable at a door, short enough to type


def entry_code_normalise(text: str) -> str:
    """What the person typed or the camera read, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (text or "").strip().upper() if ch not in " -_\t")


def entry_code_well_formed(code: str) -> bool:
    return len(code) == ENTRY_CODE_LENGTH and all(ch in ENTRY_CODE_ALPHABET for ch in code)


def entry_code_display(code: str) -> str:
    """``ABCD2345`` → ``ABCD-2345``: two groups of four are easier to read out."""
    return f"{code[:4]}-{code[4:]}" if len(code) == ENTRY_CODE_LENGTH else code


def fair_runs_on(starts_on: date, ends_on: date, day: date) -> bool:
    """A fair admits people at the door on the days from its first to its last, both included."""
    return starts_on <= day <= ends_on


def booth_number_label(number: int) -> str:
    """Booth numbers are stored zero-padded so that they sort as numbers (``007`` before ``012``)."""
    return f"{number:03d}"


def booth_number_error(number: int, booth_count: int, taken: set[int]) -> str | None:
    """Why ``number`` cannot be assigned, or ``None``. Messages are filled in by the caller (i18n)."""
    if number < 1:
        return "too_small"
    if number > booth_count:
        return "beyond_count"
    if number in taken:
        return "taken"
    return None


def first_free_booth_number(booth_count: int, taken: set[int]) -> int | None:
    return next((n for n in range(1, booth_count + 1) if n not in taken), None)
