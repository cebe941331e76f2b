"""PDF documents: HTML templates rendered by WeasyPrint with the Noto CJK fonts, and QR codes."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string


def qr_svg_data_uri(text: str) -> str:
    """A QR code as an SVG data URI (vector: sharp at any print size, no image library needed)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs ~0.2 s, only document jobs need it

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()
