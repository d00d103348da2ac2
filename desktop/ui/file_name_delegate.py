"""FileNameDelegate: a file name over two lines where one is too short, cut in the middle of its
stem and never in its extension.

Why not Qt's ElideMiddle alone: in a narrow column it kept only a few characters each side, so names
became "000…jpg" and "cr_…dcm" and a DICOM could hardly be told from a JPEG. A row is tall enough for
two lines (its thumbnail), so a long name takes both; what still does not fit gives up the middle of
its stem, and the extension always stays whole. A duplicate's note takes the second line instead,
naming the first row as far as the width allows (wholly in the tooltip).
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate

from desktop.ui.wording import translate
from desktop.ui.worklist_text import duplicate_note

LINE_BREAK = "\u2028"       # what the default delegate's displayText makes of a "\n"
LONGEST_EXTENSION = 6       # ".dicom"; a longer "extension" is part of the name ("scan.2021-03-14_ward7")
BREAK_AFTER = "_-. "
SAFETY = 2                  # the style lays text out in a rect a pixel or two narrower than measured here
DUPLICATE_OF_ROLE = Qt.ItemDataRole.UserRole + 1    # the File cell's: the name of the row it duplicates


def elide_file_name(name: str, metrics: QFontMetrics, width: int) -> str:
    if metrics.horizontalAdvance(name) <= width:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) + 1 > LONGEST_EXTENSION:
        return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width)
    suffix = dot + extension
    stem = metrics.elidedText(stem, Qt.TextElideMode.ElideMiddle, max(0, width - metrics.horizontalAdvance(suffix)))
    return (stem or "…") + suffix


def wrap_file_name(name: str, metrics: QFontMetrics, width: int) -> list[str]:
    """One line if the name fits; else as much as fits on the first line and the rest on the second,
    elided as above. The break goes after a separator ("_", "-", ".") when the rest still fits there."""
    if metrics.horizontalAdvance(name) <= width:
        return [name]
    fits, too_long = 0, len(name)           # the longest prefix that fits: a binary search
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        fits, too_long = (middle, too_long) if metrics.horizontalAdvance(name[:middle]) <= width else (fits, middle)
    if fits == 0:
        return [elide_file_name(name, metrics, width)]
    cut = next((i for i in range(fits, fits // 2, -1)
                if name[i - 1] in BREAK_AFTER and metrics.horizontalAdvance(name[i:]) <= width), fits)
    return [name[:cut], elide_file_name(name[cut:], metrics, width)]


def duplicate_line(first_name: str, metrics: QFontMetrics, width: int) -> str:
    """"Duplicate of <name>" with the name cut to fit (extension kept), or just "Duplicate"."""
    room = width - metrics.horizontalAdvance(duplicate_note(""))
    if room < metrics.horizontalAdvance("…" * 4):
        return metrics.elidedText(translate("Worklist", "Duplicate"), Qt.TextElideMode.ElideRight, width)
    return duplicate_note(elide_file_name(first_name, metrics, room))


class FileNameDelegate(QStyledItemDelegate):
    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        if not option.text:
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        width = max(0, text_rect.width() - 2 * margin - SAFETY)
        metrics = option.fontMetrics
        name = option.text.split(LINE_BREAK)[0]
        duplicate_of = index.data(DUPLICATE_OF_ROLE)
        if duplicate_of:
            lines = [elide_file_name(name, metrics, width), duplicate_line(duplicate_of, metrics, width)]
        elif text_rect.height() >= 2 * metrics.lineSpacing():
            lines = wrap_file_name(name, metrics, width)
        else:
            lines = [elide_file_name(name, metrics, width)]
        option.text = LINE_BREAK.join(lines)
