"""A loopback imitation of the Google Sheets, Drive and Forms APIs for the backend's tests."""

from .server import FakeGoogle, Logged
from .transport import LoopbackTransport, anonymous_identity

__all__ = ["FakeGoogle", "Logged", "LoopbackTransport", "anonymous_identity"]
