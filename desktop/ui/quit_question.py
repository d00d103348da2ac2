"""The question asked before quitting while films are still being read.

Why ask only then: a finished worklist comes back at the next start (worklist_session.py), so
quitting loses nothing; films still waiting would not be read, and that should be a choice.
"""

from PySide6.QtWidgets import QMessageBox

from desktop.ui.wording import translate


def confirm_quit(parent) -> bool:
    """True to quit now. The safe answer ("Keep reading") is the default and Esc."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("QuitQuestion", "Quit CXR Triage"),
                      translate("QuitQuestion", "Films are still being read."), parent=parent)
    box.setObjectName("quitQuestion")
    box.setInformativeText(translate("QuitQuestion", "If you quit now, the films not read yet are not read and leave "
                                                     "the worklist. The films already read come back at the "
                                                     "next start."))
    quit_button = box.addButton(translate("QuitQuestion", "Quit"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(translate("QuitQuestion", "Keep reading"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is quit_button
