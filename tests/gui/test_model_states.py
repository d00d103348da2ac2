"""Clear states: no model, a tampered model, and a film the model refuses (out of distribution)."""

from PySide6.QtCore import Qt

from gui_helpers import drop_urls, wait_until_idle

from desktop.ui.worklist_model import RESULT


def test_missing_model_opens_the_window_with_the_reason(make_window, tmp_path):
    missing = tmp_path / "nowhere" / "cxr-triage.onnx"
    window = make_window(missing)
    assert window.isVisible() and window.model_state == "missing"
    text = window.drop_zone.message.text()
    assert str(missing) in text and "--model" in text               # where it looked, how to get one
    assert not window.drop_zone.ready
    assert not window.drop_zone.open_files_button.isEnabled()
    assert not window.open_files_action.isEnabled()
    assert window.model_label.text() == "No model"


def test_tampered_model_shows_the_model_error(make_window, contract_model_path, tmp_path):
    tampered = tmp_path / "cxr-triage.onnx"
    data = bytearray(contract_model_path.read_bytes())
    data[-10] ^= 0xFF
    tampered.write_bytes(bytes(data))
    (tmp_path / "cxr-triage.onnx.sha256").write_text(
        contract_model_path.with_name(contract_model_path.name + ".sha256").read_text())
    window = make_window(tampered)
    assert window.model_state == "failed"
    assert "checksum" in window.drop_zone.message.text()
    assert not window.drop_zone.ready


def test_out_of_distribution_film_is_withheld(qtbot, make_window, contract_model_path, rewrite_model,
                                              xray_dir, tmp_path):
    strict = rewrite_model(contract_model_path, tmp_path / "strict.onnx", ood_threshold="-1")
    window = make_window(strict)
    drop_urls(window.drop_zone, [sorted(xray_dir.iterdir())[0]])
    wait_until_idle(qtbot, window)
    film = window.worklist.current_film()
    assert film.status == "rejected"
    headline = window.findings.headline.text()
    assert "This does not look like a frontal chest X-ray — result withheld" in headline
    assert not window.findings.result_box.isVisible()               # no numbers shown for a refusal
    assert not window.viewer.has_overlay()
    row = window.worklist.worklist_model.index(0, RESULT)
    assert row.data() == "⊘ Withheld"
    assert "frontal chest X-ray" in row.data(Qt.ItemDataRole.ToolTipRole)     # the reason, on hover


def test_model_card_shows_the_models_metadata(make_window, contract_model_path):
    from desktop.ui.model_card_dialog import ModelCardDialog
    window = make_window(contract_model_path)
    model = window.queue.model
    dialog = ModelCardDialog(model.metadata, model.path, parent=window)
    text = dialog.browser.toPlainText()
    assert "test-tiny-64" in text                                    # version
    assert "random weights" in text                                  # from the metrics JSON
    assert "Known limits" in text and "not a diagnosis" in text
    assert str(model.metadata["input_size"]) in text
    dialog.close()
