"""``cxr-triage predict``: files and folders, JSON lines, the table, heatmaps, exit statuses."""

import json
import shutil

import numpy as np
import pytest
from PIL import Image

from desktop import __main__ as app_main
from desktop.cli import DISCLAIMER, main
from desktop.engine.integrity import checksum_path


@pytest.fixture(scope="module")
def film_folder(tmp_path_factory, cxr_sample_paths):
    """A folder as a clinic would have it: good films (in a subfolder too), an empty file, a text file
    named .png, a noise image (rejected), and a file that is not an image extension (skipped)."""
    root = tmp_path_factory.mktemp("films")
    (root / "sub").mkdir()
    shutil.copyfile(cxr_sample_paths[0], root / "a_film.jpg")
    shutil.copyfile(cxr_sample_paths[6], root / "sub" / "c_film.jpg")
    (root / "b_empty.png").write_bytes(b"")
    (root / "b_text.png").write_text("Patient notes, not an image.\n")
    Image.fromarray((np.random.default_rng(0).random((200, 200)) * 255).astype(np.uint8)).save(root / "d_noise.png")
    (root / "readme.txt").write_text("ignored")
    return root


def run(capsys, *args):
    code = main(["predict", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(out):
    return [json.loads(line) for line in out.splitlines()]


def test_json_folder_with_errors(capsys, contract_model_path, film_folder):
    code, out, err = run(capsys, "--json", "--model", contract_model_path, film_folder)
    assert code == 1
    rows = json_lines(out)
    names = [r["path"].replace(str(film_folder), "") for r in rows]
    assert names == ["/a_film.jpg", "/b_empty.png", "/b_text.png", "/d_noise.png", "/sub/c_film.jpg"]
    by_name = dict(zip(names, rows))
    for good in ("/a_film.jpg", "/sub/c_film.jpg"):
        row = by_name[good]
        assert row["error"] is None and row["rejected"] is False and row["label"] in row["probabilities"]
        assert list(row) == ["path", "label", "probabilities", "severity", "ood_score", "rejected", "error"]
    for bad in ("/b_empty.png", "/b_text.png"):
        assert by_name[bad]["label"] is None and by_name[bad]["error"].endswith(".")
        assert bad.strip("/") in by_name[bad]["error"]
    noise = by_name["/d_noise.png"]
    assert noise["rejected"] is True and noise["label"] is None and noise["error"] is None


def test_rejected_file_alone_is_processed(capsys, contract_model_path, film_folder):
    code, out, _ = run(capsys, "--json", "--model", contract_model_path, film_folder / "d_noise.png")
    assert code == 0 and json_lines(out)[0]["rejected"] is True


def test_input_order_and_missing_path(capsys, contract_model_path, film_folder, tmp_path):
    missing = tmp_path / "nowhere.jpg"
    args = [film_folder / "sub" / "c_film.jpg", missing, film_folder / "a_film.jpg"]
    code, out, _ = run(capsys, "--json", "--model", contract_model_path, *args)
    rows = json_lines(out)
    assert code == 1 and [r["path"] for r in rows] == [str(a) for a in args]
    assert "does not exist" in rows[1]["error"] and rows[0]["error"] is None and rows[2]["error"] is None


def test_table_output(capsys, contract_model_path, film_folder):
    code, out, _ = run(capsys, "--model", contract_model_path, film_folder)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].split()[:2] == ["FILE", "RESULT"]
    assert any("REJECTED" in line and "result withheld" in line for line in lines)
    assert sum("ERROR" in line for line in lines) == 2
    assert lines[-2].startswith("5 files:") and "1 rejected" in lines[-2] and "2 with errors" in lines[-2]
    assert lines[-1] == DISCLAIMER
    # Aligned: the RESULT column starts at the same place on every row.
    rows = lines[1:6]
    starts = {line.index(word) for line in rows for word in line.split()[1:2]}
    assert len(starts) == 1


def test_heatmaps_written_for_classified_films(capsys, contract_model_path, film_folder, tmp_path):
    out_dir = tmp_path / "heat"
    code, _, _ = run(capsys, "--json", "--model", contract_model_path, "--heatmaps", out_dir, "--show-patient-data",
                     film_folder)
    assert code == 1
    assert sorted(p.name for p in out_dir.iterdir()) == ["a_film_heatmap.png", "c_film_heatmap.png"]
    with Image.open(out_dir / "a_film_heatmap.png") as overlay:
        assert overlay.mode == "RGB" and min(overlay.size) >= 64


def test_bad_usage_exits_2(capsys, contract_model_path, tmp_path):
    assert main(["predict"]) == 2              # no PATH
    assert main(["predict", "--bogus", "x.png"]) == 2
    assert main([]) == 2
    code, _, err = run(capsys, "--model", tmp_path / "none.onnx", tmp_path)
    assert code == 2 and "does not exist" in err


def test_model_without_checksum(capsys, contract_model_path, cxr_sample_paths, tmp_path):
    model = tmp_path / "m.onnx"
    shutil.copyfile(contract_model_path, model)
    code, _, err = run(capsys, "--model", model, cxr_sample_paths[0])
    assert code == 2 and "checksum" in err
    code, out, _ = run(capsys, "--json", "--no-verify-checksum", "--model", model, cxr_sample_paths[0])
    assert code == 0 and json_lines(out)[0]["error"] is None


def test_default_model_from_environment(capsys, monkeypatch, contract_model_path, cxr_sample_paths):
    monkeypatch.setenv("CXR_TRIAGE_MODEL", str(contract_model_path))
    code, out, _ = run(capsys, "--json", cxr_sample_paths[0])
    assert code == 0 and json_lines(out)[0]["label"]


def test_entry_point_predict_and_self_test(capsys, contract_model_path, cxr_sample_paths, tmp_path):
    assert app_main.main(["predict", "--json", "--model", str(contract_model_path), str(cxr_sample_paths[0])]) == 0
    capsys.readouterr()

    assert app_main.main(["--self-test", str(cxr_sample_paths[0]), "--model", str(contract_model_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SELF-TEST OK:") and "checksum verified" in out and len(out.splitlines()) == 1

    tampered = tmp_path / "t.onnx"
    tampered.write_bytes(contract_model_path.read_bytes()[:-10] + b"0123456789")
    shutil.copyfile(checksum_path(contract_model_path), checksum_path(tampered))
    assert app_main.main(["--self-test", str(cxr_sample_paths[0]), "--model", str(tampered)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("SELF-TEST FAILED:") and "checksum mismatch" in out

    unreadable = tmp_path / "x.png"
    unreadable.write_text("no")
    assert app_main.main(["--self-test", str(unreadable), "--model", str(contract_model_path)]) == 1
