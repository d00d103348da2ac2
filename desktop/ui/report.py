"""The PDF report of one or more films: image, heatmap overlay, result, model, date, disclaimer.

Written with QPdfWriter/QPainter to a temporary file in the target folder, flushed to the
disk, checked (a whole PDF: ``%PDF-`` ... ``startxref`` ... ``%%EOF``; QPdfWriter reports no write
error, so a full disk shows only as a cut file) and only then renamed over the target
(desktop/engine/atomic.py): a crash or a full disk keeps the earlier report and is reported.
Patient name / ID / birth date are printed only when "hide patient data" is off; with it on, the
film is named by its hash prefix (its file name is often the patient's) and error sentences
do not name the file.
"""

import errno
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from desktop.engine.atomic import check_pdf, replace_atomically
from desktop.ui.film import Film
from desktop.ui.findings_panel import DICOM_TAG_NAMES, PATIENT_FIELD_NAMES
from desktop.ui.heatmap_overlay import HeatmapOverlay
from desktop.ui.wording import call_notes, class_name, disclaimer, label_in_words, ood_message, percent, tr

RESOLUTION = 300                # dots per inch of the PDF's coordinate system
REPORT_IMAGE_MAX_SIDE = 1400    # enough for a printed A4 half-page; keeps the file small
OVERLAY_OPACITY = 0.45
CONTEXT = "Report"


@dataclass
class ReportPage:
    film: Film
    image: QImage | None        # grayscale display image, or None when the file could not be read


def report_fields(film: Film, hide_patient_data: bool) -> list[tuple[str, str]]:
    """The (name, value) lines printed about a film. Kept apart so privacy can be checked as text."""
    info = film.info
    rows = [(tr("File", CONTEXT), film.shown_name(hide_patient_data))]
    for key, name in DICOM_TAG_NAMES.items():
        value = info.dicom_tags.get(key)
        if value not in (None, ""):
            rows.append((tr(name, CONTEXT), str(value)))
    if info.patient:
        if hide_patient_data:
            rows.append((tr("Patient", CONTEXT), tr("hidden (privacy setting)", CONTEXT)))
        else:
            for key, value in info.patient.items():
                if value not in (None, ""):
                    rows.append((tr(PATIENT_FIELD_NAMES.get(key, key), CONTEXT), str(value)))
    entry = film.entry
    if entry is not None:
        rows.append((tr("Model version", CONTEXT), entry.model_version or "—"))
        rows.append((tr("Read on", CONTEXT), entry.created.replace("T", " ")))
    return rows


def write_report(path, pages: list[ReportPage], hide_patient_data: bool = True) -> Path:
    """Write the PDF; OSError (its ``strerror`` a sentence) when it cannot be written whole."""
    def render(tmp: str) -> None:
        writer = QPdfWriter(tmp)
        writer.setResolution(RESOLUTION)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setTitle(tr("CXR Triage report", CONTEXT))
        writer.setCreator("CXR Triage")
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(errno.EIO, tr("the PDF could not be started in {folder}", CONTEXT)
                          .format(folder=Path(path).parent))
        try:
            for i, page in enumerate(pages):
                if i:
                    writer.newPage()
                _ReportPainter(painter, writer, hide_patient_data).paint(page)
        finally:
            painter.end()
            del painter, writer         # closes the file before it is checked
    return replace_atomically(path, render, check_pdf, suffix=".pdf.tmp")


class _ReportPainter:
    """Lays out one page top to bottom; ``y`` is the next free line in device units."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, hide_patient_data: bool):
        self.p = painter
        self.hide = hide_patient_data
        rect = writer.pageLayout().paintRectPixels(RESOLUTION)
        self.width, self.height = rect.width(), rect.height()
        self.mm = RESOLUTION / 25.4
        self.y = 0.0

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont("Helvetica")
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def text(self, text: str, points: float = 10, bold: bool = False, colour=QColor(20, 24, 30),
             x: float = 0.0, width: float | None = None) -> float:
        self.p.setFont(self.font(points, bold))
        self.p.setPen(colour)
        box = QRectF(x, self.y, width or self.width - x, self.height - self.y)
        used = self.p.boundingRect(box, Qt.TextFlag.TextWordWrap, text)
        self.p.drawText(box, Qt.TextFlag.TextWordWrap, text)
        return used.height()

    def line(self, text, points=10, bold=False, colour=QColor(20, 24, 30), gap_mm=1.5) -> None:
        self.y += self.text(text, points, bold, colour) + gap_mm * self.mm

    def paint(self, page: ReportPage) -> None:
        film, p = page.film, self.p
        self.line(tr("CXR Triage — chest X-ray triage report", CONTEXT), 16, True)
        self.line(tr("Printed {date}", CONTEXT).format(date=datetime.now().strftime("%Y-%m-%d %H:%M")),
                  9, colour=QColor(90, 96, 104), gap_mm=4)
        self._images(page)
        self._result(film)
        self.y += 3 * self.mm
        for name, value in report_fields(film, self.hide):
            self.text(name, 9, True, QColor(70, 76, 84), 0, 45 * self.mm)
            self.y += self.text(value, 9, x=47 * self.mm) + 1.0 * self.mm
        self._disclaimer()
        p.setPen(QPen(QColor(200, 200, 200)))

    def _images(self, page: ReportPage) -> None:
        height = 95 * self.mm
        gap = 6 * self.mm
        box_w = (self.width - gap) / 2
        entry = page.film.entry
        if page.image is None:
            self.line(tr("The image could not be read.", CONTEXT), 10, colour=QColor(179, 38, 30))
            return
        image = page.image
        if max(image.width(), image.height()) > REPORT_IMAGE_MAX_SIDE:
            image = image.scaled(REPORT_IMAGE_MAX_SIDE, REPORT_IMAGE_MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        scale = min(box_w / image.width(), height / image.height())
        w, h = image.width() * scale, image.height() * scale
        show_heatmap = (entry is not None and entry.heatmap is not None and page.film.status == "done")
        captions = (tr("Film", CONTEXT), tr("Heatmap: where the model looked (low → high attention)", CONTEXT))
        for column in range(2 if show_heatmap else 1):
            x = column * (box_w + gap) + (box_w - w) / 2
            target = QRectF(x, self.y, w, h)
            self.p.fillRect(target, QColor(0, 0, 0))
            self.p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            self.p.drawImage(target, image)
            if column == 1:
                HeatmapOverlay(entry.heatmap, (image.width(), image.height())).paint(self.p, target, OVERLAY_OPACITY)
            self.p.setFont(self.font(8))
            self.p.setPen(QColor(90, 96, 104))
            self.p.drawText(QRectF(column * (box_w + gap), self.y + h + 1 * self.mm, box_w, 6 * self.mm),
                            Qt.AlignmentFlag.AlignHCenter, captions[column])
        self.y += h + 9 * self.mm

    def _result(self, film: Film) -> None:
        entry = film.entry
        if film.status == "error" or entry is None:
            self.line(film.shown_error(self.hide) or tr("This film was not read.", CONTEXT), 12, True,
                      QColor(179, 38, 30))
            return
        if film.status == "rejected":
            self.line(ood_message(), 12, True, QColor(154, 103, 0))
            reason = (entry.reject_reason or "").strip()
            if reason and ood_message().rstrip(".") not in reason:
                self.line(reason, 10, colour=QColor(90, 96, 104))
            return
        self.line(label_in_words(entry.label), 14, True)
        for note in call_notes(entry.label, entry.probabilities):
            self.line(note, 9, colour=QColor(90, 96, 104))
        bar_x, bar_w, bar_h = 40 * self.mm, 80 * self.mm, 3.5 * self.mm
        for name, value in entry.probabilities.items():
            self.text(class_name(name), 10, x=0, width=38 * self.mm)
            top = self.y + 1.0 * self.mm
            self.p.fillRect(QRectF(bar_x, top, bar_w, bar_h), QColor(227, 230, 234))
            colour = QColor(31, 95, 191) if name == entry.label else QColor(140, 150, 165)
            self.p.fillRect(QRectF(bar_x, top, bar_w * float(value), bar_h), colour)
            self.y += self.text(f"{100 * value:.1f} %", 10, x=bar_x + bar_w + 3 * self.mm) + 1.2 * self.mm
        if entry.severity is not None:
            self.y += 1.5 * self.mm
            self.line(tr("Severity: {value} of lung fields involved (geographic extent score / 8)", CONTEXT)
                      .format(value=percent(entry.severity)), 10, True)

    def _disclaimer(self) -> None:
        box_h = 14 * self.mm
        box = QRectF(0, self.height - box_h, self.width, box_h)
        self.p.setPen(QPen(QColor(179, 38, 30), 0.4 * self.mm))
        self.p.setBrush(QColor(253, 240, 239))
        self.p.drawRect(box)
        self.p.setFont(self.font(11, True))
        self.p.setPen(QColor(120, 20, 15))
        self.p.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, disclaimer())
