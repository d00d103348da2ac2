"""Builders shared by the robustness tests (CLI, app, offline): a folder of hostile files, small
distinct chest-like films, foreign and damaged models, and a DICOM with a patient's identity.

Not a test module (no ``test_`` prefix); tests/ is on sys.path through its conftest.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

from dicom_factory import declare_syntax, dicom_dataset, write_dicom

REPO = Path(__file__).resolve().parents[1]
SHARED_IMAGES = REPO.parent / "shared" / "data" / "cxr" / "images"

# Patient identity of the privacy tests (and nothing else in the tests uses these strings).
PATIENT_NAME, PATIENT_ID, PATIENT_BIRTH_DATE = "DOE^JANE", "PID-90210", "19700101"
PATIENT_STRINGS = ("DOE", "JANE", PATIENT_ID, PATIENT_BIRTH_DATE, "1970-01-01")

# The hostile folder: file -> what must come of it. "error: <words>" = an error sentence holding
# these words; "read" = a result or a rejection (never an error).
VANISHING, LOCKED = "vanishing.png", "locked.png"
NON_ASCII_DIR, NON_ASCII_FILM = "Ü 李 folder with spaces", "Röntgen Thorax 1.png"
HOSTILE_EXPECTED = {
    "animated.gif": "read",
    "black.png": "read",
    "bomb.png": "error: larger than this app accepts",
    "cmyk.jpg": "read",
    "constant.png": "read",
    "document.png": "error: is a PDF document, not an image file",
    "empty.png": "error: is empty (0 bytes)",
    "exif-rotated.jpg": "read",
    "float.tif": "read",
    "good.jpg": "read",
    LOCKED: "error: permission denied",
    "mono1.dcm": "read",
    "multiframe.dcm": "read",
    "multipage.tif": "read",
    "no-pixels.dcm": "error: its image data are missing",
    "one-pixel.png": "error: too small for an X-ray",
    "palette-alpha.png": "read",
    "report-sr.dcm": "error: holds no image (it is a structured report)",
    "rgb.dcm": "read",
    "rt-plan.dcm": "error: holds no image (it is a radiotherapy plan)",
    "sixteen-bit.png": "read",
    "sixteen-bit.tif": "read",
    "strip.png": "error: more than 10:1",
    "text.png": "error: is not an image file",
    "truncated.jpg": "error: damaged or incomplete",
    "truncated.png": "error: damaged or incomplete",
    VANISHING: "error: ",
    "video.dcm": "error: which this installation cannot decode",
    "white.png": "read",
    "wrong-syntax.dcm": "error: do not match the declared compression",
    NON_ASCII_FILM: "read",
}


# --- films -----------------------------------------------------------------------------------------

def chest_sources(count: int = 4) -> list[Image.Image]:
    """A few real chest X-rays (8-bit gray) from ../shared, or chest-like drawings where it is absent."""
    files = sorted(SHARED_IMAGES.glob("*/*.jp*g"))[:: 997][:count] if SHARED_IMAGES.is_dir() else []
    if files:
        out = []
        for path in files:
            with Image.open(path) as im:
                out.append(im.convert("L").copy())
        return out
    return [_drawn_chest(seed) for seed in range(count)]


def _drawn_chest(seed: int, size: int = 256) -> Image.Image:
    """A drawn frontal chest film: dark air above the shoulders, a body denser towards the abdomen, a
    bright mediastinum between two dark lung fields with rib-like stripes. Close enough to real films'
    statistics that the tests' contract model (tests/contract_model.py) accepts it."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size] / size
    body = 40 + 110 * (np.abs(x - 0.5) < 0.45) * np.clip(y * 1.6, 0, 1) + 90 * y
    mediastinum = 60 * (np.abs(x - 0.5) < 0.09 + 0.08 * y)
    lungs = ((x - 0.3) ** 2 / 0.02 + (y - 0.45) ** 2 / 0.07 < 1) | ((x - 0.7) ** 2 / 0.02 + (y - 0.45) ** 2 / 0.07 < 1)
    img = body + mediastinum - 90 * lungs + 12 * np.sin(y * 60) * lungs + rng.normal(0, 4, (size, size))
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


def make_distinct_films(folder: Path, count: int, size_range=(96, 144)) -> list[Path]:
    """``count`` small distinct PNG films (crops, shifts and sizes of a few chest X-rays); no two
    files have the same bytes (two pixels carry the film's number)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1234)
    bases = chest_sources()
    paths = []
    for i in range(count):
        base = bases[i % len(bases)]
        w, h = base.size
        cw, ch = int(w * rng.uniform(0.8, 1.0)), int(h * rng.uniform(0.8, 1.0))
        left, top = int(rng.integers(0, w - cw + 1)), int(rng.integers(0, h - ch + 1))
        side = int(rng.integers(*size_range))
        film = np.array(base.crop((left, top, left + cw, top + ch)).resize((side, side), Image.BILINEAR))
        film[0, 0], film[0, 1] = i % 256, i // 256
        path = folder / f"film-{i:03d}.png"
        Image.fromarray(film).save(path)
        paths.append(path)
    return paths


# --- the hostile folder ----------------------------------------------------------------------------

def png_header(width: int, height: int) -> bytes:
    """A valid PNG signature and IHDR claiming width x height, a tiny IDAT and IEND (a bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def make_hostile_folder(root: Path, film: Image.Image | None = None) -> Path:
    """A folder holding every hostile input of the robustness issue (see HOSTILE_EXPECTED), plus
    a symlink loop, a folder named x.png and a named pipe (both skipped by the listing).

    ``VANISHING`` and ``LOCKED`` are ordinary films here: the test deletes the one after the
    listing and makes the other unreadable."""
    root.mkdir(parents=True, exist_ok=True)
    film = (film or chest_sources(1)[0]).resize((256, 256), Image.BILINEAR)
    pixels = np.asarray(film)

    def save(name, image, **params):
        image.save(root / name, **params)

    def cut(name, image, fmt, fraction):
        buffer = io.BytesIO()
        image.save(buffer, format=fmt)
        (root / name).write_bytes(buffer.getvalue()[: int(len(buffer.getvalue()) * fraction)])

    save("good.jpg", film, quality=92)
    save(VANISHING, film.resize((200, 200)))
    save(LOCKED, film.resize((210, 210)))
    (root / "empty.png").write_bytes(b"")
    cut("truncated.jpg", film, "JPEG", 0.6)
    cut("truncated.png", film, "PNG", 0.5)
    (root / "text.png").write_text("Follow-up chest film in two weeks.\n")
    (root / "document.png").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n" * 10)
    save("one-pixel.png", Image.new("L", (1, 1), 128))
    save("strip.png", Image.new("L", (10, 10000), 128))
    (root / "bomb.png").write_bytes(png_header(30000, 30000))
    frames = [film, film.transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    frames[0].save(root / "animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    frames[0].save(root / "multipage.tif", save_all=True, append_images=frames[1:])
    save("cmyk.jpg", film.convert("CMYK"), quality=92)
    palette = film.convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    palette.info["transparency"] = 0
    save("palette-alpha.png", palette)
    wide = Image.fromarray((pixels.astype(np.uint16) * 257))
    save("sixteen-bit.png", wide)
    save("sixteen-bit.tif", wide)
    save("float.tif", Image.fromarray(pixels.astype(np.float32) / 255.0))
    save("black.png", Image.new("L", (256, 256), 0))
    save("white.png", Image.new("L", (256, 256), 255))
    save("constant.png", Image.new("L", (256, 256), 128))
    exif = Image.Exif()
    exif[0x0112] = 6                                        # rotate 90 degrees on display
    save("exif-rotated.jpg", film.crop((0, 0, 256, 200)), quality=92, exif=exif.tobytes())
    _hostile_dicoms(root, pixels)
    sub = root / NON_ASCII_DIR
    sub.mkdir()
    save(f"{NON_ASCII_DIR}/{NON_ASCII_FILM}", film.resize((220, 220)))
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "back")                  # loop/back/loop/back/... forever
    (root / "x.png").mkdir()                                 # a folder with an image's name
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.png")                         # reading it would block forever
    return root


def _dicom(path: Path, pixels, *, transfer_syntax=None, **options) -> Path:
    from pydicom.uid import ExplicitVRLittleEndian

    return write_dicom(path, dicom_dataset(pixels, transfer_syntax=transfer_syntax or ExplicitVRLittleEndian, **options))


def _hostile_dicoms(root: Path, pixels: np.ndarray) -> None:
    from pydicom.encaps import encapsulate
    from pydicom.uid import MPEG4HP41, JPEGBaseline8Bit

    small = np.asarray(Image.fromarray(pixels).resize((128, 128)))
    wide = small.astype(np.uint16) * 16                     # 12-bit values
    _dicom(root / "mono1.dcm", (4095 - wide).astype(np.uint16), photometric="MONOCHROME1", BitsStored=12,
           HighBit=11)
    _dicom(root / "rgb.dcm", np.repeat(small[..., None], 3, axis=2), photometric="RGB")
    _dicom(root / "multiframe.dcm", np.stack([small, small[::-1], small[:, ::-1]]), frames=3)
    no_pixels = _dicom(root / "no-pixels.dcm", small)
    import pydicom
    ds = pydicom.dcmread(no_pixels)
    del ds.PixelData                                         # an image object cut off before its pixels
    ds.save_as(no_pixels, enforce_file_format=True)
    declare_syntax(_dicom(root / "wrong-syntax.dcm", small), JPEGBaseline8Bit)
    video = _dicom(root / "video.dcm", None, transfer_syntax=MPEG4HP41)
    ds = pydicom.dcmread(video)
    ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.PhotometricInterpretation = 64, 64, 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = encapsulate([b"\x00\x00\x01\xb3" + b"\x00" * 60])
    ds["PixelData"].VR = "OB"
    ds.save_as(video, enforce_file_format=True)
    _dicom(root / "report-sr.dcm", None, sop_class="1.2.840.10008.5.1.4.1.1.88.11", Modality="SR")
    _dicom(root / "rt-plan.dcm", None, sop_class="1.2.840.10008.5.1.4.1.1.481.5", Modality="RTPLAN")


def locked_open(locked_path):
    """An ``open`` that refuses ``locked_path`` as the system refuses an unreadable file (tests run as
    root, for whom chmod 0 changes nothing); every other file opens normally. Install it for the whole
    process with ``patch_open`` (or, in a child process, as ``builtins.open`` and ``io.open``)."""
    real_open = io.open
    target = os.path.abspath(os.fspath(locked_path))

    def guarded(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.path.abspath(os.fspath(file)) == target:
            raise PermissionError(errno.EACCES, "Permission denied", target)
        return real_open(file, *args, **kwargs)
    return guarded


def vanishing_open(path):
    """An ``open`` under which ``path`` is deleted just as it is opened: it was there for every check
    before (listing, stat), and is gone when the file is opened."""
    real_open = io.open
    target = os.path.abspath(os.fspath(path))

    def deleting(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.path.abspath(os.fspath(file)) == target:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        return real_open(file, *args, **kwargs)
    return deleting


def patch_open(monkeypatch, replacement) -> None:
    """Every ``open`` of this process (the built-in, ``io.open`` and so ``Path.open``, from any module or
    thread) goes through ``replacement`` until the test ends: no private name of the app is patched."""
    monkeypatch.setattr(builtins, "open", replacement)
    monkeypatch.setattr(io, "open", replacement)


def check_outcome(name: str, status: str, error: str | None) -> None:
    """``status`` is done / rejected / error; assert it is what HOSTILE_EXPECTED allows for ``name``."""
    expected = HOSTILE_EXPECTED[name]
    if expected == "read":
        assert status in ("done", "rejected"), f"{name}: {status} {error!r}"
        return
    assert status == "error", f"{name}: expected an error, got {status}"
    assert error and error.endswith(".") and "\n" not in error and "Traceback" not in error, f"{name}: {error!r}"
    words = expected[len("error: "):]
    assert words.lower() in error.lower(), f"{name}: {error!r} lacks {words!r}"


# --- models ----------------------------------------------------------------------------------------

def model_variant(kind: str, contract_model: Path, folder: Path) -> Path:
    """A model the app and the CLI must refuse: ``tampered`` (a flipped bit, old checksum),
    ``truncated`` (the first half of the file, fresh checksum), ``foreign`` (an ONNX graph with other inputs and
    outputs but the contract's metadata, fresh checksum), ``no-metadata`` (the contract model
    without ``ood_threshold``, fresh checksum). ``foreign`` and ``no-metadata`` need ``onnx``."""
    from desktop.engine.integrity import checksum_path, write_checksum

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "cxr-triage.onnx"
    if kind == "tampered":
        data = bytearray(contract_model.read_bytes())
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))
        shutil.copyfile(checksum_path(contract_model), checksum_path(target))
        return target
    if kind == "truncated":
        data = contract_model.read_bytes()
        target.write_bytes(data[: len(data) // 2])
    elif kind == "foreign":
        import onnx
        from onnx import TensorProto, helper
        graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "foreign",
                                  [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])],
                                  [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
        model.ir_version = 10
        for prop in onnx.load(str(contract_model)).metadata_props:     # right metadata, wrong graph
            entry = model.metadata_props.add()
            entry.key, entry.value = prop.key, prop.value
        onnx.save(model, str(target))
    elif kind == "no-metadata":
        import onnx
        proto = onnx.load(str(contract_model))
        kept = [(p.key, p.value) for p in proto.metadata_props if p.key != "ood_threshold"]
        del proto.metadata_props[:]
        for key, value in kept:
            entry = proto.metadata_props.add()
            entry.key, entry.value = key, value
        onnx.save(proto, str(target))
    else:
        raise ValueError(kind)
    write_checksum(target)
    return target


MODEL_PROBLEMS = {       # kind -> what the sentence must say is wrong
    "tampered": "modified or damaged (checksum mismatch)",
    "truncated": "could not be opened",
    "foreign": "is not a CXR Triage model: it must have one input named 'image'",
    "no-metadata": "is not a CXR Triage model: its metadata lacks ood_threshold",
}


# --- DICOM with a patient --------------------------------------------------------------------------

def patient_dicom(path: Path, film: Image.Image | None = None) -> Path:
    """A chest film in a DICOM file whose patient is DOE^JANE, PID-90210, born 1970-01-01."""
    pixels = np.asarray((film or chest_sources(1)[0]).resize((256, 256)), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    return _dicom(path, pixels, PatientName=PATIENT_NAME, PatientID=PATIENT_ID,
                  PatientBirthDate=PATIENT_BIRTH_DATE, StudyDate="20240102")


# --- blocking the network --------------------------------------------------------------------------

SITECUSTOMIZE = r'''
"""Test harness: no network for this process. Any socket creation, connection or name lookup
raises, and is written to $NO_NETWORK_LOG (a test fails on a non-empty log even when the
caller swallowed the error). At exit, any open internet socket (also one made by C code, which
Python's patches cannot see) is written there too."""
import atexit, os, socket, sys, traceback

_LOG = os.environ.get("NO_NETWORK_LOG")

# As the installer ships it (build.spec EXCLUDES): no network client libraries at all. In a
# development environment they come with the trainer's packages, and urllib3 (which pydicom's
# optional test-data download imports through requests) probes IPv6 with a socket at import.
if os.environ.get("NO_NETWORK_CLIENTS") == "1":
    for _name in ("requests", "urllib3", "certifi", "charset_normalizer", "idna"):
        sys.modules[_name] = None


def _note(what):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as f:
            f.write(what + "\n" + "".join(traceback.format_stack(limit=8)) + "\n")


def _refuse(name):
    def refuse(*args, **kwargs):
        _note(f"blocked: {name}{args[1:] if name.endswith('__init__') else args}")
        raise OSError(f"network access is blocked in this test ({name})")
    return refuse


socket.socket.__init__ = _refuse("socket.socket.__init__")
socket.socket.connect = _refuse("socket.socket.connect")
socket.socket.connect_ex = _refuse("socket.socket.connect_ex")
socket.create_connection = _refuse("socket.create_connection")
socket.getaddrinfo = _refuse("socket.getaddrinfo")
socket.gethostbyname = _refuse("socket.gethostbyname")
socket.socketpair = _refuse("socket.socketpair")


def _audit(event, args):
    if event in ("socket.__new__", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                 "urllib.Request", "http.client.connect"):
        _note(f"audit: {event} {args!r}")
        raise OSError(f"network access is blocked in this test ({event})")


sys.addaudithook(_audit)


def _open_internet_sockets():
    inodes = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        try:
            with open(f"/proc/self/net/{table}") as f:
                inodes |= {line.split()[9] for line in f.readlines()[1:] if len(line.split()) > 9}
        except OSError:
            return []
    found = []
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return []
    for fd in fds:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            found.append(target)
    return found


@atexit.register
def _check_at_exit():
    for target in _open_internet_sockets():
        _note(f"open internet socket at exit: {target}")
'''


def no_network_env(tmp_path: Path, env: dict | None = None, as_shipped: bool = True) -> tuple[dict, Path]:
    """(environment, log file): a subprocess started with it imports the socket-blocking
    sitecustomize.py before anything else. ``as_shipped``: without the network client libraries,
    which the installer leaves out."""
    site = tmp_path / "no-network-site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network-attempts.log"
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env["NO_NETWORK_LOG"] = str(log)
    env["NO_NETWORK_CLIENTS"] = "1" if as_shipped else "0"
    return env, log
