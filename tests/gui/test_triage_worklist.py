"""The worklist as a triage list (issue 17): a mark per call that does not rely on colour, "uncertain"
by the findings panel's rule, most urgent first, sorting by any column without losing the selection
or the batch, removal, duplicates, names that stay readable, Home/End."""

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from gui_helpers import drop_urls, wait_until_idle
from robustness_helpers import make_distinct_films

from desktop.engine.history import HistoryEntry
from desktop.ui.file_name_delegate import elide_file_name, wrap_file_name
from desktop.ui.film import Film
from desktop.ui.triage_marks import priority
from desktop.ui.wording import FIRM_CALL_PROBABILITY
from desktop.ui.worklist import Worklist
from desktop.ui.worklist_model import CONFIDENCE, EXTENT, FILE, RESULT

FIRM = min(0.99, FIRM_CALL_PROBABILITY + 0.05)
SHAKY = FIRM_CALL_PROBABILITY - 0.05


def film(name, label=None, p=FIRM, severity=0.0, status="done", sha=None) -> Film:
    """A read film as the worker would hand it over; ``p`` is the called class's probability."""
    others = [c for c in ("normal", "pneumonia", "covid19") if c != label]
    probabilities = {label: p, others[0]: (1 - p) * 0.6, others[1]: (1 - p) * 0.4} if label else {}
    entry = HistoryEntry(file_path=f"/films/{name}", file_sha256=sha or f"{abs(hash(name)):064x}"[:64],
                         model_version="t", label=label, probabilities=probabilities, severity=severity,
                         rejected=status == "rejected", error="x.png could not be read." if status == "error" else None)
    return Film(Path(f"/films/{name}"), status=status, entry=entry)


def triage_list(qtbot) -> Worklist:
    worklist = Worklist()
    qtbot.addWidget(worklist)
    worklist.resize(520, 600)
    worklist.show()
    worklist.worklist_model.add_films([
        film("normal-sure.png", "normal", 0.99),
        film("pneumonia-small.png", "pneumonia", FIRM, severity=0.10),
        film("unreadable.png", status="error"),
        film("covid-wide.png", "covid19", FIRM, severity=0.60),
        film("normal-shaky.png", "normal", SHAKY),
        film("withheld.png", status="rejected"),
        film("pneumonia-shaky.png", "pneumonia", SHAKY, severity=0.3),
        film("pneumonia-wide.png", "pneumonia", 0.99, severity=0.45),
        film("normal-less-sure.png", "normal", FIRM),
    ])
    return worklist


def cell(worklist, name, column, role=Qt.ItemDataRole.DisplayRole):
    model = worklist.worklist_model
    return model.index(model.row_of(f"/films/{name}"), column).data(role)


def names(worklist) -> list[str]:
    return [f.name for f in worklist.worklist_model.films()]


# --- marks -------------------------------------------------------------------------------------------

def test_each_call_has_its_own_glyph_word_and_colour(qtbot):
    worklist = triage_list(qtbot)
    marks = {name: cell(worklist, name, RESULT) for name in ("covid-wide.png", "pneumonia-small.png",
                                                             "normal-sure.png", "withheld.png", "unreadable.png")}
    assert marks == {"covid-wide.png": "▲ COVID-19", "pneumonia-small.png": "● Pneumonia",
                     "normal-sure.png": "○ Normal", "withheld.png": "⊘ Withheld", "unreadable.png": "✕ Unreadable"}
    colours = {cell(worklist, name, RESULT, Qt.ItemDataRole.ForegroundRole).name()
               for name in ("covid-wide.png", "pneumonia-small.png", "normal-sure.png", "normal-shaky.png")}
    assert len(colours) == 4                                     # COVID-19, pneumonia, normal, uncertain
    # Okabe-Ito hues, dark enough to read on white (WCAG contrast >= 4.5)
    assert all(_contrast(QColor(c), QColor("#ffffff")) >= 4.5 for c in colours)
    # refused and unreadable keep the colours they had before
    assert cell(worklist, "withheld.png", RESULT, Qt.ItemDataRole.ForegroundRole).name() == "#9a6700"
    assert cell(worklist, "unreadable.png", RESULT, Qt.ItemDataRole.ForegroundRole).name() == "#b3261e"
    assert cell(worklist, "covid-wide.png", RESULT, Qt.ItemDataRole.FontRole).bold()      # weight, not colour alone
    assert "export it again" in cell(worklist, "unreadable.png", RESULT, Qt.ItemDataRole.ToolTipRole)


def test_uncertain_is_the_findings_panels_rule(qtbot):
    worklist = triage_list(qtbot)
    assert cell(worklist, "normal-shaky.png", RESULT) == "? Uncertain\n○ Normal"      # and what it leans to
    assert cell(worklist, "pneumonia-shaky.png", RESULT) == "? Uncertain\n● Pneumonia"
    assert "Uncertain — read carefully" in cell(worklist, "pneumonia-shaky.png", RESULT, Qt.ItemDataRole.ToolTipRole)
    at_threshold = film("edge.png", "covid19", FIRM_CALL_PROBABILITY)
    worklist.worklist_model.add_films([at_threshold])
    assert cell(worklist, "edge.png", RESULT) == "▲ COVID-19"                # from the threshold on: firm


def test_plain_headers_and_extent_only_for_pneumonia_calls(qtbot):
    worklist = triage_list(qtbot)
    model = worklist.worklist_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (FILE, RESULT, CONFIDENCE, EXTENT)] == \
        ["File", "Result", "Confidence", "Extent"]
    assert cell(worklist, "covid-wide.png", EXTENT) == "60 %"
    assert cell(worklist, "normal-sure.png", EXTENT) == ""
    assert cell(worklist, "normal-sure.png", CONFIDENCE) == "99 %"


# --- sorting -----------------------------------------------------------------------------------------

def test_most_urgent_first_by_default(qtbot):
    worklist = triage_list(qtbot)
    assert names(worklist) == [
        "covid-wide.png", "pneumonia-wide.png", "pneumonia-small.png",      # sick: widest extent first
        "pneumonia-shaky.png", "normal-shaky.png",                          # uncertain: leaning to disease first
        "withheld.png", "unreadable.png",                                   # a clinician or a re-export must act
        "normal-less-sure.png", "normal-sure.png"]                          # normal: least sure first
    assert worklist.horizontalHeader().sortIndicatorSection() == RESULT


def test_sorting_by_any_column_keeps_the_selection(qtbot):
    worklist = triage_list(qtbot)
    model = worklist.worklist_model
    worklist.select_film("/films/pneumonia-small.png")
    worklist.selectionModel().select(model.index(model.row_of("/films/withheld.png"), FILE),
                                     worklist.selectionModel().SelectionFlag.Select
                                     | worklist.selectionModel().SelectionFlag.Rows)
    chosen = {f.name for f in worklist.selected_films()}
    header = worklist.horizontalHeader()
    for column in (FILE, CONFIDENCE, EXTENT, RESULT):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
        assert header.sortIndicatorSection() == column
        assert worklist.current_film().name == "pneumonia-small.png"
        assert {f.name for f in worklist.selected_films()} == chosen
    worklist.sortByColumn(FILE, Qt.SortOrder.AscendingOrder)
    assert names(worklist) == sorted(names(worklist), key=str.casefold)
    worklist.sortByColumn(FILE, Qt.SortOrder.DescendingOrder)
    assert names(worklist) == sorted(names(worklist), key=str.casefold, reverse=True)
    worklist.sortByColumn(CONFIDENCE, Qt.SortOrder.DescendingOrder)
    shown = [f.call_probability for f in model.films()]
    read = [p for p in shown if p is not None]
    assert read == sorted(read, reverse=True) and shown[len(read):] == [None] * (len(shown) - len(read))
    worklist.sort_by_priority()
    assert names(worklist)[0] == "covid-wide.png"
    assert worklist.current_film().name == "pneumonia-small.png"


def test_sorting_while_a_batch_runs_loses_neither(qtbot, make_window, contract_model_path, tmp_path):
    window = make_window(contract_model_path)
    folder = tmp_path / "batch"
    make_distinct_films(folder, 24)
    drop_urls(window.drop_zone, [folder])
    model = window.worklist.worklist_model
    qtbot.waitUntil(lambda: model.rowCount() == 24 and model.count("done", "rejected") >= 1, timeout=20_000)
    window.worklist.select_film(folder / "film-023.png")           # not read yet
    chosen = window.worklist.current_film()
    for column, order in ((FILE, Qt.SortOrder.DescendingOrder), (CONFIDENCE, Qt.SortOrder.DescendingOrder),
                          (EXTENT, Qt.SortOrder.AscendingOrder), (RESULT, Qt.SortOrder.AscendingOrder)):
        window.worklist.sortByColumn(column, order)
        qtbot.wait(30)
        assert window.worklist.current_film() is chosen
    wait_until_idle(qtbot, window)
    assert model.rowCount() == 24 and model.count("done", "rejected") == 24     # every result found its row
    assert window.worklist.current_film() is chosen and chosen.status in ("done", "rejected")
    assert window.findings.file_label.text() == chosen.name                     # and its result is shown
    ranks = [priority(f) for f in model.films()]
    assert ranks == sorted(ranks)                                                # still most urgent first


# --- removing and duplicates ------------------------------------------------------------------------

def test_delete_key_context_menu_and_clear(qtbot, make_window, contract_model_path, xray_dir):
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    model, worklist = window.worklist.worklist_model, window.worklist
    count = model.rowCount()
    worklist.setFocus()
    worklist.select_row(1)
    gone = worklist.current_film()
    qtbot.keyClick(worklist, Qt.Key.Key_Delete)
    assert model.rowCount() == count - 1 and gone not in model.films()
    assert worklist.current_film() is not None                  # the next film takes its place
    assert "History tab" in window.statusBar().currentMessage()   # the result is not lost
    menu = [a.text() for a in worklist.actions() if not a.isSeparator()]
    assert menu[:2] == ["&Remove from worklist", "&Clear worklist"]
    window.tabs.setCurrentIndex(1)                               # Delete belongs to the Reading tab only
    window.history_panel.setFocus()
    qtbot.keyClick(window.history_panel, Qt.Key.Key_Delete)
    assert model.rowCount() == count - 1
    window.tabs.setCurrentIndex(0)
    window.clear_action.trigger()
    assert model.rowCount() == 0
    assert window.findings.file_label.text() == "No film selected"


def test_films_waiting_to_be_read_stay_listed(qtbot):
    worklist = triage_list(qtbot)
    model = worklist.worklist_model
    model.add_paths(["/films/waiting.png"])
    assert worklist.clear_finished() == (9, 1)
    assert names(worklist) == ["waiting.png"]


def test_the_same_file_under_two_names_is_flagged(qtbot, make_window, contract_model_path, xray_dir, tmp_path):
    window = make_window(contract_model_path)
    first = sorted(xray_dir.iterdir())[0]
    copy = shutil.copy(first, tmp_path / "renamed-copy.jpg")
    drop_urls(window.drop_zone, [first])
    wait_until_idle(qtbot, window)
    drop_urls(window.drop_zone, [copy])
    wait_until_idle(qtbot, window)
    model = window.worklist.worklist_model
    duplicate = model.film_for(copy)
    assert duplicate.duplicate_of == first.name and model.film_for(first).duplicate_of is None
    row = model.row_of(copy)
    assert model.index(row, FILE).data() == f"renamed-copy.jpg\nDuplicate of {first.name}"
    assert "identical SHA-256" in model.index(row, FILE).data(Qt.ItemDataRole.ToolTipRole)
    model.remove_rows([model.row_of(first)])                      # the copy is now the only one
    assert model.film_for(copy).duplicate_of is None


# --- names and keys ---------------------------------------------------------------------------------

def test_file_names_keep_their_extension_and_stay_readable(qtbot, make_window, contract_model_path, tmp_path):
    metrics = QFontMetrics(Worklist().font())
    long_name = "cr_chest_pa_mono1_10bit_uncompressed.dcm"
    cut = elide_file_name(long_name, metrics, 110)
    assert cut.endswith(".dcm") and "…" in cut and cut.startswith("cr_ch")
    lines = wrap_file_name("person100_bacteria_475.jpg", metrics, 110)
    assert "".join(lines) == "person100_bacteria_475.jpg"                 # two lines hold it whole
    assert wrap_file_name("IM-0001.jpeg", metrics, 110) == ["IM-0001.jpeg"]

    window = make_window(contract_model_path)
    folder = tmp_path / "names"
    film_path = make_distinct_films(folder, 1)[0].rename(folder / "2021-03-14_ward7_followup_IM-0010-0001.jpeg")
    drop_urls(window.drop_zone, [film_path])
    wait_until_idle(qtbot, window)
    worklist = window.worklist
    index = worklist.worklist_model.index(0, FILE)
    option = QStyleOptionViewItem()
    option.initFrom(worklist)
    option.rect = worklist.visualRect(index)
    worklist.itemDelegateForColumn(FILE).initStyleOption(option, index)
    shown = option.text.split("\u2028")
    assert shown[-1].endswith(".jpeg") and len("".join(shown)) >= 24       # both lines used, extension whole
    assert worklist.worklist_model.index(0, FILE).data(Qt.ItemDataRole.ToolTipRole).startswith("sha256:")
    window.settings.hide_patient_data = False
    worklist.worklist_model.hide_patient_data = False
    assert worklist.worklist_model.index(0, FILE).data(Qt.ItemDataRole.ToolTipRole) == str(film_path)


def test_home_and_end_go_to_the_first_and_last_film(qtbot, make_window, contract_model_path, xray_dir):
    window = make_window(contract_model_path)
    drop_urls(window.drop_zone, [xray_dir])
    wait_until_idle(qtbot, window)
    worklist = window.worklist
    worklist.setFocus()
    worklist.select_row(2)
    qtbot.keyClick(worklist, Qt.Key.Key_End)
    assert worklist.currentIndex().row() == worklist.worklist_model.rowCount() - 1
    qtbot.keyClick(worklist, Qt.Key.Key_Home)
    assert worklist.currentIndex().row() == 0
    qtbot.keyClick(worklist, Qt.Key.Key_N)
    assert worklist.currentIndex().row() == 1
    shortcuts = {a.shortcut().toString() for a in window.actions() + window.splitter.actions()}
    assert {"Home", "End", "Del", "N", "P", "H", "+", "-", "0", "Up", "Down"} <= shortcuts


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
