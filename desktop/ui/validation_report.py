"""The PDF of ``cxr-triage validate --report``: the plain-words verdict, the tables, a reliability diagram
and the OOD scores against the threshold, painted with QPainter (no matplotlib in the app bundle).

The page machinery is the film report's (desktop/ui/report.py): its painter's text, line and disclaimer,
its resolution, and the same atomic, checked write. ``document`` is what ``validate --json`` writes.
Runs headless: without a display, Qt's offscreen platform is used.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPdfWriter, QPen

from desktop.engine.atomic import check_pdf, replace_atomically
from desktop.engine.labelled_run import fitted_on_sentence
from desktop.engine.local_time import local_time_text
from desktop.engine.validation_words import class_words, decimal, figure_text, percent
from desktop.ui.report import ReportPainter, a4_pdf_writer

INK, GREY, BLUE, RED = QColor(20, 24, 30), QColor(90, 96, 104), QColor(31, 95, 191), QColor(179, 38, 30)
TITLE = "CXR Triage — the model on your own films"


def write_validation_report(path, document: dict) -> Path:
    """Write the PDF; OSError (its ``strerror`` a sentence) when it cannot be written whole."""
    _ensure_gui_application()

    def render(tmp: str) -> None:
        writer = a4_pdf_writer(tmp, TITLE)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(errno.EIO, f"the PDF could not be started in {Path(path).parent}")
        try:
            page = ValidationPainter(painter, writer)
            page.tables(document)
            writer.newPage()
            page = ValidationPainter(painter, writer)
            page.plots(document)
        finally:
            painter.end()
            del painter, writer         # closes the file before it is checked
    return replace_atomically(path, render, check_pdf, suffix=".pdf.tmp")


_APP = None


def _ensure_gui_application() -> None:
    """QPainter needs a QGuiApplication for fonts; the command line has none (and maybe no display)."""
    global _APP
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication(["cxr-triage"])


class ValidationPainter(ReportPainter):
    def __init__(self, painter: QPainter, writer: QPdfWriter):
        super().__init__(painter, writer, hide_patient_data=True)

    def heading(self, document: dict) -> None:
        model = document["model"]
        self.line(TITLE, 16, True)
        site = document["site"]
        self.line(f"Model {model['version']} · films in {Path(document['labelled']).name} · printed "
                  f"{local_time_text()}", 9, colour=GREY, gap_mm=1.2 if site else 4)
        if site:   # the figures are the adapted head's: say whose, and whether these films fitted it
            films = document["figures"]["counts"]["films"]
            self.line(f"Site profile {site['name']} ({site['films']} films, {site['created'][:10]}). "
                      + fitted_on_sentence(site["name"], site.get("films_fitted_on"), films), 9, gap_mm=4)

    def tables(self, document: dict) -> None:
        figures, card = document["figures"], document["model_card"]
        self.heading(document)
        for sentence in document["plain_words"]:
            self.line(sentence, 10, gap_mm=1.2)
        self.y += 3 * self.mm
        names = [class_words(c) for c in figures["classes"]]
        rows = [["Class", "Films", "Sensitivity", "Specificity", "PPV", "NPV", "AUC", "Card: sens."]]
        for name, words in zip(figures["classes"], names):
            own, theirs = figures["per_class"][name], card["per_class"][name]
            shares = [figure_text(own[k]) for k in ("sensitivity", "specificity", "ppv", "npv")]
            rows.append([words, str(own["scored"]), *shares, decimal(own["auc"]), percent(theirs["sensitivity"])])
        self.grid(rows, [22, 11, 30, 30, 30, 30, 11, 16])
        self.line(f"Accuracy {figure_text(figures['accuracy'])} (card {percent(card['accuracy'])}); calibration error "
                  f"(ECE, 15 bins) {decimal(figures['ece_15'], 3)} (card {decimal(card['ece_15'], 3)}).", 9)
        if figures["severity"]:
            s = figures["severity"]
            self.line(f"Severity on {s['n']} films: MAE {s['mae']:.3f}, Pearson r {decimal(s['pearson_r'])}.", 9)
        self.y += 2 * self.mm
        self.line("Confusion matrix (rows: label, columns: called)", 10, True)
        self.grid([["", *names]] + [[n, *map(str, row)] for n, row in zip(names, figures["confusion_matrix"])],
                  [30] + [25] * len(names))
        if document["problems"]:
            self.line(f"Films not scored ({len(document['problems'])}):", 10, True)
            for problem in document["problems"][:12]:
                self.line(problem, 8, colour=GREY, gap_mm=0.6)
            if len(document["problems"]) > 12:
                self.line(f"... and {len(document['problems']) - 12} more: see the terminal or --json.", 8,
                          colour=GREY)
        self._disclaimer()

    def grid(self, rows: list[list[str]], widths_mm: list[float]) -> None:
        for i, row in enumerate(rows):
            x, used = 0.0, 0.0
            for text, width in zip(row, widths_mm):
                used = max(used, self.text(text, 8.5, i == 0, x=x, width=(width - 1) * self.mm))
                x += width * self.mm
            self.y += used + 0.8 * self.mm
        self.y += 2 * self.mm

    def plots(self, document: dict) -> None:
        figures = document["figures"]
        self.heading(document)
        side = min(self.width / 2 - 8 * self.mm, 80 * self.mm)
        self.line("Reliability: share of right calls in each confidence bin (bars) against perfect calibration "
                  "(line); the number over a bar is its films.", 9, colour=GREY)
        self.reliability(figures["reliability"], QRectF(12 * self.mm, self.y + 2 * self.mm, side, side))
        self.y += side + 14 * self.mm
        ood = figures["ood"]
        self.line(f"OOD scores of the {ood['n']} films read; above the red line (threshold {ood['threshold']:g}) a "
                  f"film is refused as not a frontal chest X-ray: {ood['above_threshold']} were.", 9, colour=GREY)
        if ood["histogram"]:
            self.histogram(ood, QRectF(12 * self.mm, self.y + 2 * self.mm, self.width - 20 * self.mm, 55 * self.mm))
        self._disclaimer()

    def axes(self, box: QRectF, x_labels, y_labels) -> None:
        """Frame, and labels under (x) and left of (y) the box: [(fraction along, text)]."""
        self.p.setPen(QPen(GREY, 0.2 * self.mm))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRect(box)
        self.p.setFont(self.font(7))
        for fraction, text in x_labels:
            x = box.left() + fraction * box.width()
            self.p.drawText(QRectF(x - 10 * self.mm, box.bottom() + self.mm, 20 * self.mm, 4 * self.mm),
                            Qt.AlignmentFlag.AlignHCenter, text)
        for fraction, text in y_labels:
            y = box.bottom() - fraction * box.height()
            self.p.drawText(QRectF(box.left() - 11 * self.mm, y - 2 * self.mm, 10 * self.mm, 4 * self.mm),
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    def reliability(self, bins: dict, box: QRectF) -> None:
        ticks = [(t, f"{t:.2g}") for t in (0, 0.25, 0.5, 0.75, 1)]
        self.axes(box, ticks, ticks)
        width = box.width() / len(bins["count"])
        self.p.setFont(self.font(6))
        for i, (accuracy, count) in enumerate(zip(bins["accuracy"], bins["count"])):
            if count:
                height = accuracy * box.height()
                bar = QRectF(box.left() + i * width, box.bottom() - height, width, height)
                self.p.fillRect(bar.adjusted(0.3 * self.mm, 0, -0.3 * self.mm, 0), BLUE)
                self.p.setPen(INK)
                self.p.drawText(QRectF(bar.left(), bar.top() - 3.5 * self.mm, width, 3 * self.mm),
                                Qt.AlignmentFlag.AlignHCenter, str(count))
        self.p.setPen(QPen(RED, 0.3 * self.mm, Qt.PenStyle.DashLine))
        self.p.drawLine(box.bottomLeft(), box.topRight())
        self.p.setPen(GREY)
        self.p.drawText(QRectF(box.left(), box.bottom() + 5 * self.mm, box.width(), 4 * self.mm),
                        Qt.AlignmentFlag.AlignHCenter, "model's probability of its call")

    def histogram(self, ood: dict, box: QRectF) -> None:
        edges, counts = ood["histogram"]["edges"], ood["histogram"]["counts"]
        lo, hi, top = edges[0], edges[-1], max(max(counts), 1)
        at = lambda value: (value - lo) / (hi - lo)         # noqa: E731 - a scale, one line
        ticks = [(0, _tick(lo)), (1, _tick(hi))]
        if lo <= ood["threshold"] <= hi:
            ticks.append((at(ood["threshold"]), f"{ood['threshold']:g}"))
        self.axes(box, ticks, [(0, "0"), (1, str(top))])
        width = box.width() / len(counts)
        for i, count in enumerate(counts):
            height = count / top * box.height()
            self.p.fillRect(QRectF(box.left() + i * width + 0.3 * self.mm, box.bottom() - height,
                                   width - 0.6 * self.mm, height), BLUE)
        if lo <= ood["threshold"] <= hi:
            x = box.left() + at(ood["threshold"]) * box.width()
            self.p.setPen(QPen(RED, 0.4 * self.mm))
            self.p.drawLine(QPointF(x, box.top()), QPointF(x, box.bottom()))
        self.p.setPen(GREY)
        self.p.drawText(QRectF(box.left(), box.bottom() + 5 * self.mm, box.width(), 4 * self.mm),
                        Qt.AlignmentFlag.AlignHCenter, "OOD score (films per bar)")


def _tick(value: float) -> str:
    """A short axis label: 0.5, 2.6, 26, 263 (never "2.6e+02", which the plot's edge cuts off)."""
    return f"{value:.2g}" if abs(value) < 10 else f"{value:.0f}"
