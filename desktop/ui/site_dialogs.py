"""Tools ▸ "Check the model on our films…" and "Adapt to our films…": issue 16's two jobs for a person who
does not use a terminal. ``open_check_dialog(window)`` and ``open_adapt_dialog(window)`` are what the
window's menu calls; what both dialogs share is desktop/ui/site_dialog_base.py. The dialog modules are
imported only when a dialog is opened, so the window's start-up does not pay for them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt


def open_check_dialog(window):
    """Tools ▸ Check the model on our films…: the dialog, window-modal, not blocking the caller."""
    from desktop.ui.site_check_dialog import CheckDialog
    return _open(window, CheckDialog)


def open_adapt_dialog(window):
    """Tools ▸ Adapt to our films…"""
    from desktop.ui.site_adapt_dialog import AdaptDialog
    return _open(window, AdaptDialog)


def _open(window, kind):
    for dialog in window.findChildren(kind):         # one of each at a time: a second click shows it again
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = kind(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
