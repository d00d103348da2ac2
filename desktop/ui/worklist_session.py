"""The worklist across restarts: the history rows of the films it listed, kept in the settings.

Why history row ids and not paths: every film read is in the history already (result, heatmap and
the name it was stored under), and an id names no one, so the settings hold no file name even while
patient data is hidden. A film comes back as the history has it: under its path, or under
``sha256:…`` while names are hidden; its image can then be shown only once it is opened again from
its folder, and the restored row gives way to the new one (worklist_model). Films still waiting when
the app closed have no result, so they are not kept (the quit question says so).
"""

from pathlib import Path

from desktop.engine.history import HistoryStore
from desktop.ui.film import Film
from desktop.ui.history_problem import STORAGE_ERRORS
from desktop.ui.wording import translate

MAX_KEPT = 2000         # a restart brings back at most the last this many films, so the window opens at once
KEPT_STATES = ("done", "rejected", "error")


def save_worklist(settings, films: list[Film]) -> None:
    ids = [f.entry.id for f in films if f.status in KEPT_STATES and f.entry is not None and f.entry.id is not None]
    settings.worklist_ids = ids[-MAX_KEPT:]


def restore_worklist(settings, db_path) -> list[Film]:
    """The films of the last worklist, as stored; none when there was none or the history cannot be read
    (the History tab says why)."""
    ids = settings.worklist_ids
    if not ids or not Path(db_path).is_file():
        return []
    try:
        with HistoryStore(db_path) as store:
            entries = store.entries_by_id(ids)
    except STORAGE_ERRORS:
        return []
    return [Film(Path(e.file_path), status=e.status, entry=e, from_history=True, restored=True) for e in entries]


def restored_image_missing(film: Film) -> str | None:
    """Why a restored film's image cannot be shown (None when its file is there to be shown)."""
    if not film.restored or film.path.is_file():
        return None
    if not film.path.is_absolute():         # stored under its neutral name: patient data was hidden
        return translate("Worklist", "Read in an earlier session while patient data was hidden, so its file name "
                                     "was not kept and its image cannot be shown. Open the film again from its folder "
                                     "to see it.")
    return translate("Worklist", "Read in an earlier session; the file is no longer at {path}. Open it again from "
                                 "where it is now to see its image.").format(path=film.path)
