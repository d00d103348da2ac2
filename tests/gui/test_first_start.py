"""First start on a laptop (issue 17): the first window fits the screen with the disclaimer in view,
Quit asks while films are being read, and the worklist comes back after a restart."""

from PySide6.QtCore import QByteArray, QRect, QSize, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from gui_helpers import drop_urls, wait_until_idle
from robustness_helpers import make_distinct_films

from desktop.ui.app_settings import AppSettings
from desktop.ui.window_placement import first_window_geometry

LAPTOP = QRect(0, 0, 1366, 728)         # a 1366x768 screen less a 40 px task bar


# --- the first window --------------------------------------------------------------------------------

def test_the_first_window_fits_a_laptop_screen():
    rect = first_window_geometry(LAPTOP, QSize(1186, 386))
    assert LAPTOP.contains(rect)
    assert rect.top() >= 40 and rect.bottom() <= LAPTOP.bottom()     # room for the title bar, nothing below
    assert rect.width() == 1366                                      # a small screen is used whole
    big = first_window_geometry(QRect(0, 0, 1920, 1040), QSize(1186, 386))
    assert (big.width(), big.height()) == (1280, 800) and big.center().x() in (959, 960)


def test_the_disclaimer_and_status_bar_are_on_screen(make_window, tmp_path):
    window = make_window(tmp_path / "no-model.onnx")
    available = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= available.height()
    assert available.top() <= window.geometry().top() and window.geometry().bottom() <= available.bottom()
    for widget in (window.disclaimer, window.statusBar()):
        assert widget.isVisible()
        bottom = widget.mapTo(window, widget.rect().bottomLeft()).y()
        assert bottom < window.height()                              # inside the window, so on the screen
    assert "not a diagnosis" in window.disclaimer.text()


def test_a_window_saved_on_a_taller_monitor_is_pulled_onto_this_screen(make_window, tmp_path):
    first = make_window(tmp_path / "no-model.onnx")
    available = first.screen().availableGeometry()
    first.setGeometry(QRect(available.left(), available.top() + 300, first.width(), available.height() + 400))
    first.close()
    assert AppSettings().window_geometry is not None
    second = make_window(tmp_path / "no-model.onnx")
    assert second.frameGeometry().height() <= available.height()
    assert second.geometry().bottom() <= available.bottom()


def test_a_damaged_saved_geometry_gives_the_first_window(make_window, tmp_path):
    AppSettings().window_geometry = QByteArray(b"not a geometry")
    window = make_window(tmp_path / "no-model.onnx")
    assert window.geometry().bottom() <= window.screen().availableGeometry().bottom()


def test_a_squeezed_worklist_comes_back_with_the_window(make_window, tmp_path):
    window = make_window(tmp_path / "no-model.onnx")
    window.resize(1700, window.height())
    window.splitter.setSizes([600, 780, 300])
    window.resize(window.minimumSizeHint().width(), window.height())     # the viewer cannot give way
    assert window.splitter.sizes()[0] < 400
    window.resize(1700, window.height())
    assert window.splitter.sizes()[0] >= 400                          # it grows back with the window


# --- quitting ------------------------------------------------------------------------------------------

def answer_quit_question(button_text: str, asked: list) -> None:
    """Click ``button_text`` in the quit question once it is up (it runs its own event loop)."""
    def answer(tries=200):
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "quitQuestion":
            asked.append(box.informativeText())
            next(b for b in box.buttons() if b.text() == button_text).click()
        elif tries:
            QTimer.singleShot(10, lambda: answer(tries - 1))
    QTimer.singleShot(0, answer)


def test_quit_asks_while_films_are_being_read(qtbot, make_window, contract_model_path, tmp_path):
    window = make_window(contract_model_path)
    quit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    entries = [a.text() for a in quit_menu.actions() if not a.isSeparator()]
    assert entries[-1] == "&Quit" and "&Settings…" not in entries        # Settings moved to Tools
    drop_urls(window.drop_zone, [make_distinct_films(tmp_path / "a", 40)[0].parent])
    assert window.queue.busy
    asked = []
    answer_quit_question("Keep reading", asked)
    window.quit_action.trigger()
    assert asked and "not read" in asked[0]
    assert window.isVisible()                                             # kept open, and reading goes on
    wait_until_idle(qtbot, window)
    assert window.worklist.worklist_model.count("done", "rejected") == 40

    drop_urls(window.drop_zone, [make_distinct_films(tmp_path / "b", 40)[0].parent])
    answer_quit_question("Quit", asked)
    window.quit_action.trigger()
    assert len(asked) == 2 and not window.isVisible()


def test_the_close_button_asks_too(qtbot, make_window, contract_model_path, tmp_path):
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [make_distinct_films(tmp_path / "a", 40)[0].parent])
    asked = []
    answer_quit_question("Keep reading", asked)
    QApplication.sendEvent(window, QCloseEvent())   # what the window manager's close button sends
    assert asked and window.isVisible()
    wait_until_idle(qtbot, window)
    window.close()                              # a close from code, with nothing running, just closes
    assert not window.isVisible() and len(asked) == 1


def test_quit_without_a_batch_does_not_ask(qtbot, make_window, contract_model_path):
    window = make_window(contract_model_path)
    asked = []
    answer_quit_question("Keep reading", asked)
    window.quit_action.trigger()
    qtbot.wait(50)
    assert not asked and not window.isVisible()


# --- the worklist across a restart --------------------------------------------------------------------

def test_the_worklist_comes_back_after_a_restart(qtbot, make_window, contract_model_path, tmp_path):
    AppSettings().hide_patient_data = False
    folder = tmp_path / "films"
    films = make_distinct_films(folder, 6)
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    first = make_window(contract_model_path)
    drop_urls(first.drop_zone, [folder])
    wait_until_idle(qtbot, first)
    first.worklist.worklist_model.remove_rows([0])                      # removed rows stay removed
    before = {str(f.path): (f.status, f.entry.label, f.entry.probabilities) for f in first.worklist.worklist_model.films()}
    first.close()

    second = make_window(contract_model_path)
    model = second.worklist.worklist_model
    after = {str(f.path): (f.status, f.entry.label, f.entry.probabilities) for f in model.films()}
    assert after == before and len(after) == 6
    assert all(f.restored and f.from_history for f in model.films())
    read = [f for f in model.films() if f.status != "error"]
    qtbot.waitUntil(lambda: all(f.thumbnail is not None for f in read), timeout=10_000)   # made off the GUI thread
    second.worklist.select_film(next(f.key for f in model.films() if f.status == "done"))
    qtbot.waitUntil(second.viewer.has_image, timeout=5000)               # the file is there: its image is shown

    listed = [film for film in films if str(film) in after][:2]          # not the one removed before
    drop_urls(second.drop_zone, listed)                                    # opened again: no duplicate rows
    wait_until_idle(qtbot, second)
    assert len(listed) == 2 and model.rowCount() == 6 and not any(f.duplicate_of for f in model.films())


def test_names_stay_hidden_across_a_restart(qtbot, make_window, contract_model_path, tmp_path, monkeypatch):
    assert AppSettings().hide_patient_data is True
    folder = tmp_path / "films"
    make_distinct_films(folder, 3)
    first = make_window(contract_model_path)
    drop_urls(first.drop_zone, [folder])
    wait_until_idle(qtbot, first)
    first.close()
    saved = AppSettings()._s.value("session/worklist_ids")
    assert "".join(saved if isinstance(saved, list) else [saved]).replace(",", "").isdigit()    # row ids only

    second = make_window(contract_model_path)
    model = second.worklist.worklist_model
    assert model.rowCount() == 3 and all(f.name.startswith("sha256:") for f in model.films())
    said = []
    monkeypatch.setattr(second.viewer_panel, "show_film", lambda image, heatmap=None, message="": said.append(message))
    second.worklist.select_row(0)
    assert "Open the film again from its folder" in said[-1]         # why there is no image, and what to do


def test_the_history_gives_back_rows_by_id_in_the_order_asked(tmp_path):
    from desktop.engine.history import HistoryEntry, HistoryStore
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        ids = [store.add(HistoryEntry(file_path=f"/f/{i}.png", file_sha256=f"{i:064x}", model_version="m",
                                      label="normal", probabilities={"normal": 0.9})) for i in range(3)]
        found = store.entries_by_id([ids[2], 999_999, ids[0], ids[2]])
    assert [e.file_path for e in found] == ["/f/2.png", "/f/0.png"]          # unknown ids skipped, no repeats
