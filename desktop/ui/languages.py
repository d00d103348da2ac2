"""The languages of the window and the PDF report: the one chosen in Settings (by default the system's),
shown through a QTranslator from assets/translations/cxr_triage_<code>.qm.

The .ts files beside them are the sources (in git); scripts/build_translations.py compiles them to the
.qm files this module loads: PyInstaller's build.spec runs it, so the installed app has them, and a
source checkout runs it once. A language whose .qm is not there is not offered, and the app stays in
English, the language its strings are written in. Sentences made by the Qt-free engine (why a file could
not be read, why a model was refused) are English in every language.
"""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.ui.app_settings import ASSETS

TRANSLATIONS = ASSETS / "translations"
FILE_PREFIX = "cxr_triage_"
SOURCE_LANGUAGE = "en"
# Each language by its own name: a reader looks for their language in their language.
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}

_installed: list[QTranslator] = []


def qm_path(code: str, folder: Path | None = None) -> Path:
    return Path(folder or TRANSLATIONS) / f"{FILE_PREFIX}{code}.qm"


def available(folder: Path | None = None) -> list[str]:
    """The codes that can be shown: English, and each language whose .qm is there."""
    return [code for code in LANGUAGES if code == SOURCE_LANGUAGE or qm_path(code, folder).is_file()]


def resolve(choice: str, folder: Path | None = None, system: QLocale | None = None) -> str:
    """The language shown for a Settings choice: that one if it is available; for "" (the system's), the
    first of the system's preferred languages that is, else English."""
    have = available(folder)
    if choice:
        return choice if choice in have else SOURCE_LANGUAGE
    for name in (system or QLocale.system()).uiLanguages():        # "pt-BR", "fr-FR", "en-US", ...
        code = name.replace("_", "-").split("-")[0].lower()
        if code in have:
            return code
    return SOURCE_LANGUAGE


def apply_language(choice: str, folder: Path | None = None) -> str:
    """Show ``choice`` ("" = the system's language) from now on, in place of any language applied before;
    returns the code shown. Texts already on screen keep their language: call it before building widgets."""
    app = QCoreApplication.instance()
    while _installed:
        app.removeTranslator(_installed.pop())
    code = resolve(choice, folder)
    if code != SOURCE_LANGUAGE:
        translator = QTranslator(app)
        if translator.load(str(qm_path(code, folder))) and app.installTranslator(translator):
            _installed.append(translator)
        else:
            code = SOURCE_LANGUAGE
    QLocale.setDefault(QLocale(code))
    return code

