"""The window's commands: one QAction each, shared by its menu entry, its shortcut and the worklist's
context menu, and the worklist commands themselves (remove, clear).

Why Home, End, Delete and the arrows act in the Reading tab only: the History tab's table and search
box have their own use for them. Quit sits alone at the end of File, with Settings moved to Tools, so
a slip of the mouse does not close the app; while films are being read it asks first.
The site profile's commands sit in Tools: load or clear one (site_handling.py), and the dialogs that
check the model on a clinic's labelled films and adapt it to them (site_dialogs.py, imported when first
used so the window opens without them).
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop.ui.worklist_session import save_worklist


class WindowActions:
    """Methods of MainWindow; ``self`` is the window."""

    def _action(self, text, slot, shortcuts=(), tip=None, reading_only=False) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        if reading_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.splitter.addAction(action)
        else:
            self.addAction(action)      # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        # self.tr written out (no alias): pyside6-lupdate files a call under its class only in that form.
        worklist, standard = self.worklist, QKeySequence.StandardKey
        self.open_files_action = self._action(self.tr("&Open files…"), self.open_files_dialog, [standard.Open])
        self.open_folder_action = self._action(self.tr("Open &folder…"), self.open_folder_dialog, ["Ctrl+Shift+O"])
        self.export_report_action = self._action(self.tr("&Export report (PDF)…"), self.export_report_dialog,
                                                 ["Ctrl+E"])
        self.export_csv_action = self._action(self.tr("Export history as &CSV…"), self.export_csv_dialog)
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings, [standard.Preferences])
        self.quit_action = self._action(self.tr("&Quit"), self.quit_asking, [standard.Quit])
        self.sort_action = self._action(self.tr("&Most urgent first"), worklist.sort_by_priority, ["Ctrl+U"],
                                        self.tr("Sort the worklist: COVID-19 and pneumonia calls first, then "
                                                "uncertain calls, refused and unreadable films, normal calls, films "
                                                "not read"))
        self.next_action = self._action(self.tr("&Next film"), worklist.select_next, ["N"])
        self.previous_action = self._action(self.tr("&Previous film"), worklist.select_previous, ["P"])
        self.first_action = self._action(self.tr("F&irst film"), worklist.select_first, ["Home"], reading_only=True)
        self.last_action = self._action(self.tr("&Last film"), worklist.select_last, ["End"], reading_only=True)
        self.remove_action = self._action(self.tr("&Remove from worklist"), self.remove_selected_films,
                                          [standard.Delete], reading_only=True)
        self.clear_action = self._action(self.tr("&Clear worklist"), self.clear_worklist)
        self.overlay_action = self._action(self.tr("Toggle &heatmap"), self.viewer_panel.toggle_overlay, ["H"])
        self.zoom_in_action = self._action(self.tr("Zoom &in"), self.viewer.zoom_in, ["+", "=", standard.ZoomIn])
        self.zoom_out_action = self._action(self.tr("Zoom &out"), self.viewer.zoom_out, ["-", standard.ZoomOut])
        self.fit_action = self._action(self.tr("&Fit to window"), self.viewer.fit, ["0"])
        self.load_site_action = self._action(self.tr("&Load site profile…"), self.load_site_profile_dialog,
                                             tip=self.tr("Read films with a class head adapted to your clinic's "
                                                         "films (a site profile made by \u201cAdapt to our "
                                                         "films\u201d)"))
        self.clear_site_action = self._action(self.tr("Use the model's own head (&clear site profile)"),
                                              self.clear_site_profile)
        self.clear_site_action.setEnabled(False)
        self.check_films_action = self._action(self.tr("Chec&k the model on our films…"), self.open_check_dialog)
        self.adapt_films_action = self._action(self.tr("&Adapt to our films…"), self.open_adapt_dialog)
        self.model_card_action = self._action(self.tr("About the &model…"), self.show_model_card)
        self.about_action = self._action(self.tr("&About CXR Triage"), self.show_about)
        for key, slot in (("Down", worklist.select_next), ("Up", worklist.select_previous)):
            self._action("", slot, [key], reading_only=True)
        self._build_menus()
        separator = QAction(self)
        separator.setSeparator(True)
        worklist.addActions([self.remove_action, self.clear_action, separator, self.sort_action])
        self._set_input_enabled(False)

    def _build_menus(self) -> None:
        menus = (
            (self.tr("&File"), (self.open_files_action, self.open_folder_action, None, self.export_report_action,
                                self.export_csv_action, None, self.quit_action)),
            (self.tr("&Worklist"), (self.sort_action, None, self.next_action, self.previous_action,
                                    self.first_action, self.last_action, None, self.remove_action,
                                    self.clear_action)),
            (self.tr("&View"), (self.overlay_action, self.zoom_in_action, self.zoom_out_action, self.fit_action)),
            (self.tr("&Tools"), (self.settings_action, None, self.load_site_action, self.clear_site_action, None,
                                 self.check_films_action, self.adapt_films_action)),
            (self.tr("&Help"), (self.model_card_action, self.about_action)),
        )
        for title, actions in menus:
            menu = self.menuBar().addMenu(title)
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)

    def _set_input_enabled(self, enabled: bool) -> None:
        for action in (self.open_files_action, self.open_folder_action, self.check_films_action):
            action.setEnabled(enabled)
        # A site profile needs the model's embedding output (Predictor.adaptable).
        model = self.queue.model
        adaptable = enabled and model is not None and model.adaptable
        for action in (self.load_site_action, self.adapt_films_action):
            action.setEnabled(adaptable)
            action.setToolTip("" if adaptable or not enabled else
                              self.tr("This model has no embedding output, so it cannot be adapted to your films."))

    # -- site profile dialogs (desktop/ui/site_dialogs.py) -----------------------------------------

    def open_check_dialog(self) -> None:
        """Tools ▸ Check the model on our films…"""
        dialogs = self._site_dialogs()
        if dialogs is not None:
            dialogs.open_check_dialog(self)

    def open_adapt_dialog(self) -> None:
        """Tools ▸ Adapt to our films…"""
        dialogs = self._site_dialogs()
        if dialogs is not None:
            dialogs.open_adapt_dialog(self)

    def _site_dialogs(self):
        """desktop/ui/site_dialogs.py, imported when first used; None (and a sentence) in a build without it."""
        try:
            from desktop.ui import site_dialogs
        except ModuleNotFoundError as exc:
            if exc.name != "desktop.ui.site_dialogs":
                raise
            self.statusBar().showMessage(self.tr("This version of CXR Triage cannot check or adapt the model."),
                                         8000)
            return None
        return site_dialogs

    # -- worklist commands -------------------------------------------------------------------------

    def remove_selected_films(self) -> None:
        self._say_removed(*self.worklist.remove_selected())

    def clear_worklist(self) -> None:
        self._say_removed(*self.worklist.clear_finished())

    def _say_removed(self, removed: int, kept: int) -> None:
        """Results stay in the history whatever leaves the list; films the queue still owns stay listed."""
        parts = []
        if removed:
            parts.append(self.tr("%n film(s) removed from the worklist; their results stay in the History tab.",
                                 "", removed))
        if kept:
            parts.append(self.tr("%n film(s) waiting or being read stay listed; Cancel stops the batch.", "", kept))
        if parts:
            self.statusBar().showMessage(" ".join(parts), 8000)
        if removed:
            save_worklist(self.settings, self.worklist.worklist_model.films())
