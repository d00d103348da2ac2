"""The engine's own exception types.

Every message is a sentence a clinic technician understands; the GUI row and the
CLI's JSON show ``str(error)`` as it is.
"""


class TriageError(Exception):
    """Base class of every error the engine raises on purpose."""


class XrayReadError(TriageError):
    """A file could not be read as an X-ray image (one file; a batch goes on)."""


class ModelError(TriageError):
    """The model file is missing, damaged, tampered with or not a CXR Triage model."""
