"""The site profile in the window: loading and clearing it, the label that says it is in use, and
applying the remembered one at start-up (../shared/docs/architecture.md, "Site profile").

A mix-in of MainWindow (``self`` is the window). The profile is read and checked on the worker thread,
which owns the Predictor it changes (InferenceQueue.load_site); the answer comes back as
``site_loaded`` or ``site_failed``. A profile that does not fit the model (another model file, edited
since it was written) is never applied silently: the user is told why, and a remembered one that no
longer fits is forgotten. While a profile is applied, a label in the status bar says so at all times
(a permanent widget: status messages never cover it).
"""

import logging
from collections import deque
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from desktop.engine import logs
from desktop.ui.report_details import documents_folder
from desktop.ui.site_wording import adapted_to, profile_summary

SITE_LABEL_STYLE = ("QLabel#siteLabel { background: #e6efff; color: #123a7a; border: 1px solid #9bb6e0;"
                    " border-radius: 4px; padding: 1px 8px; font-weight: 600; }")


class SiteHandling:
    """Methods of MainWindow; ``self`` is the window."""

    def _build_site_label(self) -> None:
        self.site_profile = None            # the SiteProfile applied now, or None: the model's own head
        self.site_problem = ""              # the last sentence why a profile was not applied
        self._site_requests: deque = deque()    # (path or None, "start" / "user"), answered in order
        self.site_label = QLabel()
        self.site_label.setObjectName("siteLabel")
        self.site_label.setStyleSheet(SITE_LABEL_STYLE)
        self.site_label.setAccessibleName(self.tr("Site profile in use"))
        self.site_label.hide()
        self.statusBar().addPermanentWidget(self.site_label)

    def _connect_site(self) -> None:
        self.queue.site_loaded.connect(self._on_site_loaded)
        self.queue.site_failed.connect(self._on_site_failed)

    # -- commands ----------------------------------------------------------------------------------

    def load_site_profile_dialog(self) -> None:
        """Tools ▸ Load site profile…"""
        start = str(Path(self.settings.site_profile_path).parent) if self.settings.site_profile_path \
            else str(documents_folder())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load site profile"), start,
                                              self.tr("Site profiles (*.json);;All files (*)"))
        if path:
            self.apply_site_profile(path)

    def apply_site_profile(self, path) -> None:
        """Apply the site profile at ``path`` to every film read from now on (the "Adapt to our films…"
        dialog calls this once the user confirms). Checked on the worker thread; ``site_profile`` and
        the label change when it is applied, and a profile that cannot be used is refused with its sentence."""
        self._request_site(str(Path(path).resolve()) if path else None, "user")

    def clear_site_profile(self) -> None:
        """Tools ▸ Use the model's own head: forget the site profile."""
        self._request_site(None, "user")

    def _apply_saved_site(self) -> None:
        """After the model loads: the profile chosen in an earlier session, checked again."""
        saved = self.settings.site_profile_path
        if saved:
            self._request_site(saved, "start")

    def _request_site(self, path: str | None, origin: str) -> None:
        self._site_requests.append((path, origin))
        self.queue.load_site(path)

    # -- answers from the worker --------------------------------------------------------------------

    def _on_site_loaded(self, profile) -> None:
        path, origin = self._site_requests.popleft() if self._site_requests else (None, "user")
        self.site_profile = profile
        self.site_problem = ""
        self.settings.site_profile_path = "" if profile is None else str(profile.path or path or "")
        self.settings.sync()
        self._show_site()
        if profile is None:
            message = self.tr("Site profile cleared: films read from now on get the model's own probabilities.")
        elif origin == "start":
            message = self.tr("Site profile {summary} applied, as chosen last time.").format(
                summary=profile_summary(profile))
        else:
            # Short: the permanent label beside it already names the profile.
            message = self.tr("Site profile applied to the films read from now on.")
        self.statusBar().showMessage(message, 10000)

    def _on_site_failed(self, path: str, sentence: str) -> None:
        _, origin = self._site_requests.popleft() if self._site_requests else (path, "user")
        if origin == "start" and not Path(path).exists():
            # Not there now (a USB stick or network folder not mounted): remembered, tried again next start.
            message = self.tr("The site profile chosen last time cannot be found now ({path}); it is tried again at "
                              "the next start. Films are read with the model's own class head.").format(path=path)
        elif origin == "start":
            # The remembered profile no longer fits: forget it, and say so rather than read without it quietly.
            self.settings.site_profile_path = ""
            self.settings.sync()
            message = self.tr("The site profile chosen last time is not applied: {reason} Films are read with "
                              "the model's own class head.").format(reason=sentence)
        elif self.site_profile is not None:
            message = self.tr("{reason} The site profile {summary} stays in use.").format(
                reason=sentence, summary=profile_summary(self.site_profile))
        else:
            message = self.tr("{reason} Films are read with the model's own class head.").format(reason=sentence)
        self.site_problem = message
        logs.log_event(f"app: site profile refused: {sentence}", level=logging.WARNING)
        self.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Site profile not applied"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("siteProblemBox")
        box.open()          # not exec(): the window (and a batch being read) goes on behind it
        self._site_box = box

    def _show_site(self) -> None:
        profile = self.site_profile
        self.site_label.setText(adapted_to(profile_summary(profile)) if profile else "")
        self.site_label.setToolTip(str(profile.path) if profile and profile.path else "")
        self.site_label.setVisible(profile is not None)
        self.clear_site_action.setEnabled(profile is not None)
