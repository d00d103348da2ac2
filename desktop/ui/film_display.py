"""Showing the selected film: the findings panel, and the viewer with its image or a sentence saying
why there is none (waiting, unreadable and what to do, a film from the last session whose file is gone).

A mix-in of MainWindow (``self`` is the window). Images are decoded off the GUI thread
(DisplayImageLoader); a film restored from the last session gets its thumbnail from the first image
shown, so a restart costs no decoding until a film is looked at.
"""

from PySide6.QtCore import Qt

from desktop.ui.film import Film
from desktop.ui.qimage_convert import THUMBNAIL_SIDE
from desktop.ui.wording import heatmap_subject, unreadable_advice
from desktop.ui.worklist_session import restored_image_missing


class FilmDisplay:
    """Methods of MainWindow; ``self`` is the window."""

    def _show_film(self, film: Film | None) -> None:
        self.findings.show_film(film, self.settings.hide_patient_data)
        if film is None:
            self.viewer_panel.show_film(None, message=self.tr("Select a film in the worklist."))
            return
        if film.status in ("queued", "running", "cancelled"):
            self.viewer_panel.show_film(None, message={"queued": self.tr("Waiting to be read…"),
                                                       "running": self.tr("Reading…"),
                                                       "cancelled": self.tr("Not read (cancelled).")}[film.status])
            return
        if film.status == "error":
            self.viewer_panel.show_film(None, message=f"{film.error or ''}\n\n{unreadable_advice()}".strip())
            return
        missing = restored_image_missing(film)
        if missing:
            self.viewer_panel.show_film(None, message=missing)
            return
        image = self.images.get(film.path)
        if image is None:
            self.viewer_panel.show_film(None, message=self.tr("Loading image…"))
            self.images.request(film.path)
            return
        done = film.status == "done"
        self.viewer_panel.show_film(image, film.entry.heatmap if done else None,
                                    # the model's own top class: what its Grad-CAM explains, with a site profile too
                                    subject=heatmap_subject(film.entry.heatmap_probabilities) if done else None)

    def _on_image_loaded(self, path: str, image, error: str) -> None:
        current = self.worklist.current_film()
        if current is None or str(current.path) != path:
            return
        if image is None:
            self.viewer_panel.show_film(None, message=error)
            return
        if current.thumbnail is None:       # a film from the last session: its thumbnail from this image
            self.worklist.worklist_model.set_thumbnail(current.key, image.scaled(
                THUMBNAIL_SIDE, THUMBNAIL_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self._show_film(current)

    def _remember_overlay(self, visible: bool, opacity: float) -> None:
        self.settings.overlay_visible = visible
        self.settings.overlay_opacity = opacity
