"""The join address as a QR code, drawn with half blocks (dark modules on a light ground)."""

from __future__ import annotations

from textual.widgets import Static

from workshop.web.qr import qr_lines


class RoomQR(Static):
    """A QR code of `address`; its colours are fixed so phones read it in either theme."""

    def __init__(self, address: str, **kwargs: object) -> None:
        super().__init__("\n".join(qr_lines(address, border=2)), markup=False, **kwargs)  # type: ignore[arg-type]
