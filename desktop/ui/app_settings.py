"""Typed access to the persisted settings (QSettings) and the app's data folder.

Why a wrapper: every key, type and default lives here once; widgets never spell a key.
"""

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

# One data folder for the app, predict and their logs, computed without Qt (the engine's).
from desktop.engine.logs import APPLICATION, ORGANIZATION, data_dir  # noqa: F401 (the UI imports them here)

ASSETS = Path(__file__).resolve().parents[2] / "assets"     # in the frozen app: sys._MEIPASS/assets


def history_db_path() -> Path:
    return data_dir() / "history.sqlite3"


class AppSettings:
    def __init__(self):
        # defaultFormat (not NativeFormat): tests point IniFormat at a temporary folder.
        self._s = QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    def _get(self, key, default, kind):
        value = self._s.value(key, default)
        if kind is bool and isinstance(value, str):      # INI files store bools as text
            return value.lower() in ("true", "1", "yes")
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    @property
    def hide_patient_data(self) -> bool:
        """Privacy: ON unless someone turns it off on purpose."""
        return self._get("privacy/hide_patient_data", True, bool)

    @hide_patient_data.setter
    def hide_patient_data(self, value: bool) -> None:
        self._s.setValue("privacy/hide_patient_data", bool(value))

    @property
    def language(self) -> str:
        """A code of desktop/ui/languages.py's LANGUAGES, or "" for the system's language (the default)."""
        return self._get("ui/language", "", str)

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", str(value))

    @property
    def overlay_opacity(self) -> float:
        return min(1.0, max(0.0, self._get("viewer/overlay_opacity", 0.45, float)))

    @overlay_opacity.setter
    def overlay_opacity(self, value: float) -> None:
        self._s.setValue("viewer/overlay_opacity", float(value))

    @property
    def overlay_visible(self) -> bool:
        return self._get("viewer/overlay_visible", True, bool)

    @overlay_visible.setter
    def overlay_visible(self, value: bool) -> None:
        self._s.setValue("viewer/overlay_visible", bool(value))

    @property
    def site_profile_path(self) -> str:
        """The site profile applied at start-up, once the model has loaded ("" for the model's own head).
        Re-checked each time: a profile that no longer fits the model is dropped with its sentence."""
        return self._get("model/site_profile", "", str)

    @site_profile_path.setter
    def site_profile_path(self, value) -> None:
        self._s.setValue("model/site_profile", str(value or ""))

    @property
    def last_folder(self) -> str:
        return self._get("files/last_folder", "", str)

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._s.setValue("files/last_folder", str(value))

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    @property
    def worklist_ids(self) -> list[int]:
        """The history rows of the worklist at the last close (desktop/ui/worklist_session.py)."""
        value = self._s.value("session/worklist_ids", "")
        # An INI file reads "1,2,3" back as a list of strings; other back ends as the string.
        parts = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
        return [int(part) for part in (str(p).strip() for p in parts) if part.isdigit()]

    @worklist_ids.setter
    def worklist_ids(self, ids: list[int]) -> None:
        self._s.setValue("session/worklist_ids", ",".join(str(int(i)) for i in ids))

    def sync(self) -> None:
        self._s.sync()
