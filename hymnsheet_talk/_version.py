"""The installed version, in a module of its own: modules that print it need not import the package."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hymnsheet_talk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
