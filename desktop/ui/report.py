"""The PDF report of one or more films: image, heatmap overlay, result, model, date, disclaimer.

Written with QPdfWriter/QPainter to a temporary file in the target folder, flushed to the
disk, checked (a whole PDF: ``%PDF-`` ... ``startxref`` ... ``%%EOF``; QPdfWriter reports no write
error, so a full disk shows only as a cut file) and only then renamed over the target
(desktop/engine/atomic.py): a crash or a full disk keeps the earlier report and is reported.
Patient data: the DICOM patient name / ID / birth date are printed only when "hide patient data" is
off; with it on, the film is named by its hash prefix (its file name is often the patient's), error
sentences do not name the file, and only what the reader typed (``ReportDetails``) is printed.
The wording (firm or uncertain heading, severity with its caveat, the heatmap's class and its
outside-the-lungs warning) is the findings panel's, from desktop/ui/wording.py. A result made with a site
profile prints the profile (name, films, date), the model's own probabilities under the adapted bars, and,
when the adapted call is not the class the heatmap explains, says so (desktop/ui/site_wording.py). Times are local with
their zone (desktop/engine/local_time.py), the same for "Read on" and "Printed".
"""

import errno
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from desktop.engine.atomic import check_pdf, replace_atomically
from desktop.engine.heatmap_attention import looked_outside_lungs
from desktop.engine.local_time import local_time_text
from desktop.ui.film import Film
from desktop.ui.findings_panel import DICOM_TAG_NAMES, PATIENT_FIELD_NAMES, detail_name
from desktop.ui.heatmap_overlay import HeatmapOverlay
from desktop.ui.report_details import ReportDetails
from desktop.ui.site_wording import entry_site_summary, heatmap_other_class_note, made_with_line, model_own_line
from desktop.ui.wording import (call_detail, call_notes, class_name, decimal_percent, disclaimer, headline,
                                heatmap_subject, is_firm_call, ood_message, outside_lungs_warning, severity_caveat,
                                severity_in_words, shows_severity, specific_reject_reason, translate)

RESOLUTION = 300                # dots per inch of the PDF's coordinate system
REPORT_IMAGE_MAX_SIDE = 1400    # enough for a printed A4 half-page; keeps the file small
OVERLAY_OPACITY = 0.45


@dataclass
class ReportPage:
    film: Film
    image: QImage | None        # grayscale display image, or None when the file could not be read


def report_fields(film: Film, hide_patient_data: bool,
                  details: ReportDetails | None = None) -> list[tuple[str, str]]:
    """The (name, value) lines printed about a film. Kept apart so privacy can be checked as text.

    Patient name and ID: what the reader typed or confirmed (``details``), else the DICOM tags while
    privacy is off; the birth date only from DICOM, only while privacy is off."""
    info, details = film.info, details or ReportDetails()
    rows = [(translate("Report", "File"), film.shown_name(hide_patient_data))]
    dicom = {} if hide_patient_data else {k: v for k, v in info.patient.items() if v not in (None, "")}
    typed = {"name": details.patient_name, "id": details.patient_id}
    patient = {**dicom, **{k: v for k, v in typed.items() if v}}
    for key in ("name", "id", *(k for k in patient if k not in ("name", "id"))):
        if patient.get(key):
            rows.append((detail_name(PATIENT_FIELD_NAMES.get(key, key)), str(patient[key])))
    if info.patient and hide_patient_data and not any(typed.values()):
        rows.append((translate("Report", "Patient"), translate("Report", "hidden (privacy setting)")))
    for key, name in DICOM_TAG_NAMES.items():
        value = info.dicom_tags.get(key)
        if value not in (None, ""):
            rows.append((detail_name(name), str(value)))
    entry = film.entry
    if entry is not None:
        rows.append((translate("Report", "Model version"), entry.model_version or "—"))
        if entry.site:
            rows.append((translate("Report", "Site profile"), entry_site_summary(entry)))
        rows.append((translate("Report", "Read on"), local_time_text(entry.created)))
    return rows


def write_report(path, pages: list[ReportPage], hide_patient_data: bool = True,
                 details: ReportDetails | None = None) -> Path:
    """Write the PDF; OSError (its ``strerror`` a sentence) when it cannot be written whole.
    ``details``: what the reader added (patient fields, note, reader name), printed on every page."""
    def render(tmp: str) -> None:
        writer = a4_pdf_writer(tmp, translate("Report", "CXR Triage report"))
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(errno.EIO, translate("Report", "the PDF could not be started in {folder}")
                          .format(folder=Path(path).parent))
        try:
            for i, page in enumerate(pages):
                if i:
                    writer.newPage()
                ReportPainter(painter, writer, hide_patient_data, details).paint(page)
        finally:
            painter.end()
            del painter, writer         # closes the file before it is checked
    return replace_atomically(path, render, check_pdf, suffix=".pdf.tmp")


def a4_pdf_writer(path, title: str) -> QPdfWriter:
    """The reports' page: A4, 15 mm margins, at RESOLUTION dpi."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("CXR Triage")
    return writer


class ReportPainter:
    """Lays out one page top to bottom; ``y`` is the next free line in device units."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, hide_patient_data: bool,
                 details: ReportDetails | None = None):
        self.p = painter
        self.hide = hide_patient_data
        self.details = (details or ReportDetails()).cleaned()
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
             x: float = 0.0, width: float | None = None, align=Qt.AlignmentFlag.AlignLeft) -> float:
        self.p.setFont(self.font(points, bold))
        self.p.setPen(colour)
        box = QRectF(x, self.y, width or self.width - x, self.height - self.y)
        flags = int(Qt.TextFlag.TextWordWrap) | int(align)
        used = self.p.boundingRect(box, flags, text)
        self.p.drawText(box, flags, text)
        return used.height()

    def line(self, text, points=10, bold=False, colour=QColor(20, 24, 30), gap_mm=1.5) -> None:
        self.y += self.text(text, points, bold, colour) + gap_mm * self.mm

    def paint(self, page: ReportPage) -> None:
        film, p = page.film, self.p
        self.line(translate("Report", "CXR Triage — chest X-ray triage report"), 16, True)
        self.line(translate("Report", "Printed {date}").format(date=local_time_text()),
                  9, colour=QColor(90, 96, 104), gap_mm=4)
        self._images(page)
        self._result(film)
        self.y += 3 * self.mm
        for name, value in report_fields(film, self.hide, self.details):
            self.text(name, 9, True, QColor(70, 76, 84), 0, 45 * self.mm)
            self.y += self.text(value, 9, x=47 * self.mm) + 1.0 * self.mm
        self._reader()
        self._disclaimer()
        p.setPen(QPen(QColor(200, 200, 200)))

    def _images(self, page: ReportPage) -> None:
        height = 85 * self.mm
        gap = 6 * self.mm
        box_w = (self.width - gap) / 2
        entry = page.film.entry
        if page.image is None or page.image.isNull() or min(page.image.width(), page.image.height()) < 1:
            self.line(translate("Report", "The image could not be read."), 10, colour=QColor(179, 38, 30))
            return
        image = page.image
        if max(image.width(), image.height()) > REPORT_IMAGE_MAX_SIDE:
            image = image.scaled(REPORT_IMAGE_MAX_SIDE, REPORT_IMAGE_MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        scale = min(box_w / image.width(), height / image.height())
        w, h = image.width() * scale, image.height() * scale
        show_heatmap = (entry is not None and entry.heatmap is not None and page.film.status == "done")
        subject = heatmap_subject(entry.heatmap_probabilities) if entry is not None else None   # the model's own
        captions = (translate("Report", "Film"),
                    translate("Report", "Heatmap for {label}: where the model looked (uncoloured = low attention)")
                    .format(label=subject or "—"))
        for column in range(2 if show_heatmap else 1):
            x = column * (box_w + gap) + (box_w - w) / 2
            target = QRectF(x, self.y, w, h)
            self.p.fillRect(target, QColor(0, 0, 0))
            self.p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            self.p.drawImage(target, image)
            if column == 1:
                HeatmapOverlay(entry.heatmap, (image.width(), image.height())).paint(self.p, target, OVERLAY_OPACITY)
        top, self.y = self.y, self.y + h + 1 * self.mm
        caption_h = max(self.text(captions[column], 8, colour=QColor(90, 96, 104), x=column * (box_w + gap),
                                  width=box_w, align=Qt.AlignmentFlag.AlignHCenter)
                        for column in range(2 if show_heatmap else 1))
        self.y = top + h + caption_h + 4 * self.mm

    def _result(self, film: Film) -> None:
        entry = film.entry
        if film.status == "error" or entry is None:
            self.line(film.shown_error(self.hide) or translate("Report", "This film was not read."), 12, True,
                      QColor(179, 38, 30))
            return
        if film.status == "rejected":
            self.line(ood_message(), 12, True, QColor(154, 103, 0))
            reason = specific_reject_reason(entry.reject_reason)
            if reason:
                self.line(reason, 10, colour=QColor(90, 96, 104))
            return
        uncertain = not is_firm_call(entry.label, entry.probabilities)
        self.line(headline(entry.label, entry.probabilities), 14, True,
                  QColor(138, 90, 0) if uncertain else QColor(20, 24, 30))
        if looked_outside_lungs(entry.heatmap):        # it qualifies the call: right under it
            self.line(outside_lungs_warning(), 10, True, QColor(138, 90, 0))
        if other := heatmap_other_class_note(entry):
            self.line(other, 10, True, QColor(138, 90, 0))
        for note in [call_detail(entry.label, entry.probabilities), *call_notes(entry.label, entry.probabilities)]:
            if note:
                self.line(note, 9, colour=QColor(90, 96, 104))
        bar_x, bar_w, bar_h = 40 * self.mm, 80 * self.mm, 3.5 * self.mm
        for name, value in entry.probabilities.items():
            self.text(class_name(name), 10, x=0, width=38 * self.mm)
            top = self.y + 1.0 * self.mm
            self.p.fillRect(QRectF(bar_x, top, bar_w, bar_h), QColor(227, 230, 234))
            colour = QColor(31, 95, 191) if name == entry.label else QColor(140, 150, 165)
            self.p.fillRect(QRectF(bar_x, top, bar_w * float(value), bar_h), colour)
            self.y += self.text(decimal_percent(value), 10, x=bar_x + bar_w + 3 * self.mm) + 1.2 * self.mm
        for note in (made_with_line(entry), model_own_line(entry)):
            if note:
                self.line(note, 9, colour=QColor(90, 96, 104), gap_mm=0.8)
        if shows_severity(entry.label, entry.severity):
            self.y += 1.5 * self.mm
            self.line(translate("Report", "Severity: "
                                          "{words}").format(words=severity_in_words(entry.severity)), 10, True,
                      gap_mm=0.5)
            self.line(severity_caveat(entry.label), 9, colour=QColor(90, 96, 104))

    def _reader(self) -> None:
        """The reader's note, name and a line to sign, above the disclaimer."""
        d, grey = self.details, QColor(70, 76, 84)
        self.y += 2 * self.mm
        if d.note:
            self.text(translate("Report", "Note"), 9, True, grey, 0, 45 * self.mm)
            self.y += self.text(d.note, 9, x=47 * self.mm) + 1.5 * self.mm
        self.y = max(self.y, self.height - 32 * self.mm)      # the signature sits low on the page
        self.text(translate("Report", "Reader"), 9, True, grey, 0, 45 * self.mm)
        if d.reader:
            self.text(d.reader, 9, x=47 * self.mm, width=60 * self.mm)
        self.text(translate("Report", "Signature"), 9, True, grey, 110 * self.mm, 25 * self.mm)
        self.p.setPen(QPen(QColor(90, 96, 104), 0.2 * self.mm))
        baseline = self.y + 5 * self.mm
        self.p.drawLine(QPointF(47 * self.mm, baseline), QPointF(107 * self.mm, baseline))
        self.p.drawLine(QPointF(130 * self.mm, baseline), QPointF(self.width, baseline))
        self.y = baseline + 2 * self.mm

    def _disclaimer(self) -> None:
        box_h = 14 * self.mm
        box = QRectF(0, self.height - box_h, self.width, box_h)
        self.p.setPen(QPen(QColor(179, 38, 30), 0.4 * self.mm))
        self.p.setBrush(QColor(253, 240, 239))
        self.p.drawRect(box)
        self.p.setFont(self.font(11, True))
        self.p.setPen(QColor(120, 20, 15))
        self.p.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, disclaimer())
