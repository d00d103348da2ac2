"""The History tab's CSV export: the save dialog, the export and what the status bar says about it.

A mix-in of MainWindow (``self`` is the window); the rows come from the History panel's own search and
filters, written atomically by the history store. The save dialog opens where the PDF report's does (the
user's documents folder, then the folder last saved to), never in the films' folder: films often sit on a
USB stick or a PACS export share.
"""

import logging

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.engine import logs
from desktop.ui.report_details import remember_report_folder, report_folder
from desktop.ui.wording import count_text


class HistoryExporting:
    """Methods of MainWindow; ``self`` is the window."""

    def export_csv_dialog(self) -> None:
        default = str(report_folder() / "cxr-triage-history.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export history"), default, self.tr("CSV (*.csv)"))
        if path:
            remember_report_folder(path)
            self.export_history_csv(path, warn=True)

    def export_history_csv(self, path, *, warn: bool = False) -> int | None:
        """Every result the History tab's search and filters match (all of them without one), newest
        first, however far its table has been scrolled. The status bar says how many, or why nothing
        was written (a message box too, when ``warn``). Returns the count, or None when it failed."""
        panel = self.history_panel
        try:
            count = panel.export_csv(path)
        except OSError as exc:
            message = self.tr("The history could not be exported to {path}: {reason}. The previous file, if any, "
                              "is unchanged.").format(path=path, reason=panel.write_error_reason(exc))
            logs.log_event(f"export: history CSV not written ({exc.strerror or type(exc).__name__})",
                           level=logging.WARNING)     # strerror: no path, so no file name in the log
            self.statusBar().showMessage(message, 15000)
            if warn:
                QMessageBox.warning(self, self.tr("Export history"), message)
            return None
        if count == 1:
            message = self.tr("1 result exported to {path}")
        elif panel.is_filtered():
            message = self.tr("{count} results matching the History search and filters exported to {path}")
        else:
            message = self.tr("{count} results exported to {path}")
        self.statusBar().showMessage(message.format(count=count_text(count), path=path), 8000)
        return count
