"""Launch, drop files and folders (real QDropEvents), read them, survive bad files, cancel."""

import shutil

from PySide6.QtCore import QMimeData, Qt

from gui_helpers import RESULT_TIMEOUT_MS, drop_mime, drop_urls, statuses, wait_until_idle

from desktop.ui.worklist_model import RESULT


def test_launch_shows_a_usable_window(make_window, contract_model_path):
    window = make_window(contract_model_path)
    assert window.isVisible()
    assert window.model_state == "ready"
    assert window.drop_zone.ready and window.drop_zone.open_files_button.isEnabled()
    assert window.disclaimer.isVisible()
    assert "not a diagnosis" in window.disclaimer.text()
    assert "test-tiny-64" in window.model_label.text()
    # The first window fits the screen it opens on (the offscreen screen is small; test_first_start
    # covers laptop and desktop screens), and never below the size its controls need.
    available, hint = window.screen().availableGeometry(), window.minimumSizeHint()
    assert hint.width() <= window.width() <= max(available.width(), hint.width())
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert {"Ctrl+O", "N", "P", "H", "+", "-", "0"} <= shortcuts


def test_drop_files_and_a_folder_reads_every_film(qtbot, make_window, contract_model_path, xray_dir, tmp_path):
    window = make_window(contract_model_path)
    files = sorted(xray_dir.iterdir())
    loose = tmp_path / "loose"
    loose.mkdir()
    single = shutil.copy(files[0], loose / "single.jpg")
    nested = xray_dir / "nested" / "deeper"
    nested.mkdir(parents=True)
    shutil.copy(files[1], nested / "nested-film.png" if files[1].suffix == ".png" else nested / f"nested{files[1].suffix}")

    drop_urls(window.drop_zone, [single, xray_dir])
    wait_until_idle(qtbot, window)

    result = statuses(window)
    assert len(result) == len(files) + 2            # the loose file, the folder's films, the nested one
    assert set(result.values()) <= {"done", "rejected"}
    assert "done" in result.values()
    done = [f for f in window.worklist.worklist_model.films() if f.status == "done"]
    assert all(f.thumbnail is not None and f.entry.label for f in done)
    assert window.worklist.current_film() is not None            # the first film is shown
    assert window.viewer.has_image()


def test_a_bad_file_shows_its_error_and_the_rest_complete(qtbot, make_window, contract_model_path, xray_dir):
    window = make_window(contract_model_path)
    (xray_dir / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20)
    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)

    model = window.worklist.worklist_model
    broken = model.film_for(xray_dir / "broken.png")
    assert broken.status == "error"
    assert broken.error and broken.error.endswith(".") and "broken.png" in broken.error
    cell = model.index(model.row_of(xray_dir / "broken.png"), RESULT)
    assert cell.data() == "✕ Unreadable"                        # a mark that fits the cell ...
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith(broken.error)     # ... the engine's sentence on hover
    assert "export it again" in cell.data(Qt.ItemDataRole.ToolTipRole)        # and what to do about it
    others = [f for f in model.films() if f is not broken]
    assert others and all(f.status in ("done", "rejected") for f in others)


def test_empty_drop_says_so_in_the_status_bar(make_window, contract_model_path):
    window = make_window(contract_model_path)
    mime = QMimeData()
    mime.setUrls([])
    mime.setText("not a file")
    from PySide6.QtCore import QUrl
    mime.setUrls([QUrl("https://example.org/x.png")])          # a link, not a local file
    drop_mime(window.drop_zone, mime)
    assert "Nothing to open" in window.statusBar().currentMessage()
    assert window.worklist.worklist_model.rowCount() == 0


def test_cancel_mid_batch_leaves_the_rest_unread(qtbot, make_window, contract_model_path, xray_dir):
    window = make_window(contract_model_path)
    for i, src in enumerate(sorted(xray_dir.iterdir())):            # 5 films -> 200: enough that the cancel lands mid-run on a busy machine
        for k in range(39):
            shutil.copy(src, xray_dir / f"copy{k}-{i}{src.suffix}")
    drop_urls(window.drop_zone, [xray_dir])
    model = window.worklist.worklist_model
    qtbot.waitUntil(lambda: model.count("done", "rejected") >= 2, timeout=RESULT_TIMEOUT_MS)
    assert window.progress_row.isVisible() and window.cancel_button.isVisible()

    with qtbot.waitSignal(window.queue.batch_finished, timeout=RESULT_TIMEOUT_MS) as finished:
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args == [True]
    read = model.count("done", "rejected")
    assert model.count("cancelled") == model.rowCount() - read > 0
    assert model.count("queued", "running") == 0
    assert not window.progress_row.isVisible()
    assert "Cancelled" in window.statusBar().currentMessage()
    qtbot.wait(200)                                               # nothing more is read after cancel
    assert model.count("done", "rejected") == read


def test_keyboard_moves_between_films(qtbot, make_window, contract_model_path, xray_dir):
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    window.worklist.setFocus()
    window.worklist.select_row(0)
    qtbot.keyClick(window.worklist, Qt.Key.Key_N)
    assert window.worklist.currentIndex().row() == 1
    qtbot.keyClick(window.worklist, Qt.Key.Key_Down)
    assert window.worklist.currentIndex().row() == 2
    qtbot.keyClick(window.worklist, Qt.Key.Key_P)
    assert window.worklist.currentIndex().row() == 1
    shown = window.findings.file_label.text()
    assert shown == window.worklist.current_film().name


def test_paths_given_at_start_are_read_once_the_model_is_ready(qtbot, make_window, contract_model_path, xray_dir):
    window = make_window(contract_model_path, wait_for_model=False)
    window.open_when_ready([str(xray_dir)])
    wait_until_idle(qtbot, window)
    assert window.worklist.worklist_model.rowCount() == len(list(xray_dir.iterdir()))
