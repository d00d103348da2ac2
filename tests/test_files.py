"""iter_image_files: which files the CLI and the app read, in which order."""

import os
from pathlib import Path

import pytest

from desktop.engine import files
from desktop.engine.files import iter_image_files

DICOM_HEAD = b"\x00" * 128 + b"DICM" + b"\x02\x00\x10\x00"


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def tree(tmp_path) -> Path:
    """A study folder as it arrives on a USB stick."""
    root = tmp_path / "study"
    for name in ["b.png", "A.JPG", "c.jpeg", "d.bmp", "e.tif", "f.TIFF", "g.gif", "h.dcm", "i.dicom",
                 "notes.txt", "report.pdf", "thumbs.db", ".DS_Store", "._b.png", "sub/z.png",
                 "sub/deeper/y.png", ".hidden/secret.png"]:
        touch(root / name)
    touch(root / "IM000001", DICOM_HEAD)                       # extension-less DICOM
    touch(root / "1.2.840.113619.2.55.3.1", DICOM_HEAD)        # PACS export named by UID
    touch(root / "README", b"just text, no preamble" * 10)     # extension-less, not DICOM
    touch(root / "DICOMDIR", DICOM_HEAD)                       # the disc index, not an image
    return root


def names(paths, root) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_folder_is_expanded_sorted_and_filtered(tree):
    found = iter_image_files([tree])
    assert names(found, tree) == [
        "1.2.840.113619.2.55.3.1", "A.JPG", "b.png", "c.jpeg", "d.bmp", "e.tif", "f.TIFF", "g.gif",
        "h.dcm", "i.dicom", "IM000001", "sub/deeper/y.png", "sub/z.png"]
    assert all(isinstance(p, Path) for p in found)


def test_result_is_deterministic(tree):
    assert iter_image_files([tree]) == iter_image_files([str(tree)]) == iter_image_files(str(tree))


def test_named_files_are_kept_as_they_are_in_input_order(tree, tmp_path):
    named = [tree / "notes.txt", tree / "sub", tmp_path / "missing.png", tree / "b.png"]
    found = iter_image_files(named)
    assert found[0] == tree / "notes.txt"                       # unknown extension: load_xray explains
    assert names(found[1:3], tree) == ["sub/deeper/y.png", "sub/z.png"]
    assert found[3:] == [tmp_path / "missing.png", tree / "b.png"]


def test_same_folder_named_twice_is_listed_twice(tree):
    once = iter_image_files([tree / "sub"])
    assert iter_image_files([tree / "sub", tree / "sub"]) == once + once


def test_empty_input_and_empty_folder(tmp_path):
    assert iter_image_files([]) == []
    (tmp_path / "empty").mkdir()
    assert iter_image_files([tmp_path / "empty"]) == []


@pytest.mark.timeout(20)
def test_symlink_loop_terminates(tmp_path):
    root = tmp_path / "root"
    touch(root / "a" / "1.png")
    os.symlink(root, root / "a" / "back-to-root")      # a -> root -> a -> ...
    os.symlink("self", root / "self")                  # a link to itself
    found = iter_image_files([root])
    assert names(found, root) == ["a/1.png"]


def test_two_links_to_one_folder_are_read_once(tmp_path):
    real = touch(tmp_path / "real" / "x.png").parent
    root = tmp_path / "root"
    root.mkdir()
    os.symlink(real, root / "link1")
    os.symlink(real, root / "link2")
    assert names(iter_image_files([root]), root) == ["link1/x.png"]


def test_symlinked_file_and_broken_link(tmp_path):
    root = tmp_path / "root"
    target = touch(tmp_path / "elsewhere" / "film.png")
    root.mkdir()
    os.symlink(target, root / "linked.png")
    os.symlink(tmp_path / "nothing.png", root / "broken.png")
    assert names(iter_image_files([root]), root) == ["linked.png"]


@pytest.mark.timeout(20)
def test_pipe_in_folder_is_skipped(tmp_path):
    touch(tmp_path / "a.png")
    os.mkfifo(tmp_path / "b.png")
    os.mkfifo(tmp_path / "c")   # extension-less: must not be opened to look for a preamble
    assert names(iter_image_files([tmp_path]), tmp_path) == ["a.png"]


def test_unreadable_subfolder_is_skipped(tmp_path, monkeypatch):
    touch(tmp_path / "ok" / "a.png")
    touch(tmp_path / "locked" / "b.png")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)
    monkeypatch.setattr(files.os, "scandir", scandir)
    assert names(iter_image_files([tmp_path]), tmp_path) == ["ok/a.png"]


def test_depth_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_DEPTH", 2)
    touch(tmp_path / "1" / "2" / "ok.png")
    touch(tmp_path / "1" / "2" / "3" / "too-deep.png")
    assert names(iter_image_files([tmp_path]), tmp_path) == ["1/2/ok.png"]


def test_short_extensionless_file_is_not_dicom(tmp_path):
    touch(tmp_path / "tiny", b"\x00" * 100)
    touch(tmp_path / "almost", b"\x00" * 128 + b"DICX")
    assert iter_image_files([tmp_path]) == []
