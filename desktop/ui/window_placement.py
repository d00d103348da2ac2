"""Where the window opens and how the Reading tab is shared out, on any screen.

Why: the 1280×800 first window ran off a 1366×768 laptop screen, hiding the disclaimer and the status
bar. The first window now fits the screen's available area (task bars left out, room kept for the
title bar), a laptop screen is used whole, and a size saved on a larger monitor is brought back
onto the screen the window opens on. The worklist gets the share of the width that keeps file
names readable, and grows back with the window after being squeezed.
"""

from PySide6.QtCore import QRect, QSize

DEFAULT_SIZE = QSize(1280, 800)
TITLE_BAR = 40              # the frame is not known before the window is shown; about a title bar's height
SMALL_SCREEN_SLACK = 160    # a screen less than this much wider than the default is used whole
WORKLIST_SHARE = 0.38       # of the width, at first start
FINDINGS_WIDTH = 330


def first_window_geometry(available: QRect, minimum: QSize) -> QRect:
    """The first window's geometry (without its frame) inside a screen's available area."""
    width = available.width() if available.width() < DEFAULT_SIZE.width() + SMALL_SCREEN_SLACK \
        else DEFAULT_SIZE.width()
    height = min(DEFAULT_SIZE.height(), available.height() - TITLE_BAR)
    rect = QRect(0, 0, max(width, minimum.width()), max(height, minimum.height()))
    rect.moveCenter(available.center())
    rect.moveTop(max(rect.top(), available.top() + TITLE_BAR))
    rect.moveLeft(max(rect.left(), available.left()))
    return rect


def place_window(window, saved_geometry) -> None:
    """The saved geometry, pulled inside this screen where it overflows; or the first window's."""
    available = window.screen().availableGeometry()
    if saved_geometry is None or not window.restoreGeometry(saved_geometry):
        window.setGeometry(first_window_geometry(available, window.minimumSizeHint()))
        return
    rect = window.geometry()
    width = max(min(rect.width(), available.width()), window.minimumSizeHint().width())
    height = max(min(rect.height(), available.height() - TITLE_BAR), window.minimumSizeHint().height())
    left = max(available.left(), min(rect.left(), available.right() + 1 - width))
    top = max(available.top() + TITLE_BAR, min(rect.top(), available.bottom() + 1 - height))
    if (left, top, width, height) != (rect.left(), rect.top(), rect.width(), rect.height()):
        window.setGeometry(QRect(left, top, width, height))


def share_out(splitter, width: int) -> None:
    """First start: the worklist its share, the findings their width, the viewer the rest; on a
    narrow window the findings, then the worklist, give way down to their minimums, so the viewer
    keeps the room its controls need."""
    left_panel, viewer, findings = (splitter.widget(i) for i in range(3))
    width -= splitter.handleWidth() * 2
    left, right = round(WORKLIST_SHARE * width), FINDINGS_WIDTH
    short = _minimum_width(viewer) - (width - left - right)
    if short > 0:
        give = min(short, max(0, right - _minimum_width(findings)))
        right, short = right - give, short - give
    if short > 0:
        left -= min(short, max(0, left - _minimum_width(left_panel)))
    splitter.setSizes([left, width - left - right, right])


def _minimum_width(widget) -> int:
    return max(widget.minimumWidth(), widget.minimumSizeHint().width())
