"""Issue 20, finding 2, "Tiny DICOM files take gigabytes": small DICOM files whose compressed
stream, deflated dataset or element list claims far more than their header says.

Each hostile file is read by ``load_xray`` in a child process under a 1 GiB address-space limit
(so that a regression fails there instead of taking the shared machine's memory); the child
reports the time ``load_xray`` took (imports excluded) and its own peak RSS, the kernel's
``VmHWM`` of its address space: the decoders are C, so tracemalloc would not see them, and
``ru_maxrss`` is no good here, as Linux carries the forking pytest process's RSS across exec into
it. Every refusal must be an ``XrayReadError`` sentence, in under 1 s and under 200 MB.
"""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import (HTJ2KLossless, JPEG2000Lossless, JPEGBaseline8Bit, JPEGLosslessSV1, JPEGLSLossless,
                         RLELossless)

from dicom_factory import (deflated_dicom, dicom_dataset, encapsulated_dicom, explicit_element, j2k_frame,
                           jpeg_frame, jpeg_ls_frame, rle_frame, split_at_pixel_data, tiny_private_elements,
                           with_j2k_frame_size, with_jpeg_frame_size, write_dicom)
from desktop.engine.errors import XrayReadError
from desktop.engine.imaging import load_xray

REPO = Path(__file__).resolve().parents[1]
ADDRESS_SPACE_LIMIT = 1 << 30
# Far above a refusal (about 0.1 s on an idle 2-core machine, 1.3 s under a load of 6) and far below what
# the unguarded reader took on these files (8.5 s for 4M elements): a bound on work done, not a speed target.
MAX_SECONDS = 4.0
MAX_PEAK_MB = 200

_CHILD = r"""
import json, resource, sys, time, warnings
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
warnings.simplefilter("ignore")
import libjpeg, openjpeg, pylibjpeg                 # the app has these loaded after its first film
from desktop.engine import dicom, imaging
from desktop.engine.errors import XrayReadError
start = time.perf_counter()
try:
    record = imaging.load_xray(sys.argv[1])
    outcome = {"error": None, "size": list(record.original_size)}
except XrayReadError as exc:
    outcome = {"error": str(exc)}
outcome["seconds"] = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
outcome["peak_mb"] = peak_kb / 1024
print(json.dumps(outcome))
"""


def read_in_child(path: Path) -> dict:
    """``load_xray(path)`` in a fresh process: {"error": sentence or None, "seconds", "peak_mb"}."""
    result = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(ADDRESS_SPACE_LIMIT)],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"the reader died (rc {result.returncode}): {result.stderr[-3000:]}"
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{path.name}: {outcome}")   # the figures, for `pytest -s`
    return outcome


def assert_refused_quickly(outcome: dict, sentence: str) -> None:
    import re
    assert outcome["error"] is not None, f"the file was read: {outcome}"
    assert re.search(sentence, outcome["error"]), outcome["error"]
    assert outcome["seconds"] < MAX_SECONDS, outcome
    assert outcome["peak_mb"] < MAX_PEAK_MB, outcome


def chest_pixels() -> np.ndarray:
    pixels = np.zeros((64, 64), np.uint8)
    pixels[:, 32:] = 200
    return pixels


# --- compressed streams whose own frame header claims a huge image -----------------------------------

@pytest.mark.parametrize("kind", ["jpeg-baseline", "jpeg-lossless", "jpeg-ls"])
def test_jpeg_frame_header_larger_than_the_dicom_header_is_refused(tmp_path, kind):
    """Reproduction: a DX file whose Rows/Columns say 64×64 (so the old size check passed) and whose
    Pixel Data is one JPEG frame with its SOF0 rewritten to 65000×65000 (Pillow's 64×64 JPEG,
    ``with_jpeg_frame_size``; "jpeg-lossless": the same marked SOF3 in a lossless syntax), or a
    minimal JPEG-LS stream whose SOF55 says 65000×65000 (``jpeg_ls_frame``); about 1 KB each.
    Before the fix pydicom handed the stream to libjpeg (Pillow refuses it as a bomb, then
    pydicom falls back to pylibjpeg), which allocated the whole 65000×65000 frame: the red team
    measured 13.6 GB and 53 s for a 2.3 KB baseline file (16.2 GB in pylibjpeg alone). The same
    bytes saved as a .jpg were refused in 0.36 s (the lossless variant failed fast before the fix,
    with the wrong sentence: libjpeg rejects its baseline tables first; it is here to show every
    JPEG syntax goes through the check). Now the frame header is read before decoding and its
    size checked like a .jpg's."""
    frame = with_jpeg_frame_size(jpeg_frame(chest_pixels()), 65000, 65000)
    frame, syntax = {"jpeg-baseline": (frame, JPEGBaseline8Bit),
                     "jpeg-lossless": (frame.replace(b"\xff\xc0", b"\xff\xc3", 1), JPEGLosslessSV1),
                     "jpeg-ls": (jpeg_ls_frame(65000, 65000), JPEGLSLossless)}[kind]
    path = encapsulated_dicom(tmp_path / f"{kind}.dcm", frame, syntax)
    assert path.stat().st_size < 3000
    assert_refused_quickly(read_in_child(path),
                           r"^jpeg-\S+\.dcm is 65000×65000 pixels, larger than this app accepts \(")


@pytest.mark.parametrize("jp2, syntax", [(False, JPEG2000Lossless), (True, JPEG2000Lossless), (False, HTJ2KLossless)],
                         ids=["codestream", "jp2-boxes", "htj2k-syntax"])
def test_j2k_frame_header_larger_than_the_dicom_header_is_refused(tmp_path, jp2, syntax):
    """Reproduction: a DX file whose Rows/Columns say 64×64 and whose Pixel Data is Pillow's 64×64
    JPEG 2000 codestream (or the same wrapped in JP2 boxes, which OpenJPEG also decodes; or the
    codestream under the HTJ2K syntax, which pydicom also hands to OpenJPEG) with its SIZ marker
    rewritten to 65000×65000 in one tile (``with_j2k_frame_size``); under 1 KB. Before the fix
    OpenJPEG allocated the image from the SIZ size: the red team measured 3.96 GB for a 3.4 KB
    file (here the 16 GB allocation fails at once under the 1 GiB limit, with the wrong sentence;
    the HTJ2K variant fails early in OpenJPEG: it is here to show that syntax is checked too).
    Now the SIZ size is checked before decoding."""
    frame = with_j2k_frame_size(j2k_frame(chest_pixels(), jp2=jp2), 65000, 65000)
    path = encapsulated_dicom(tmp_path / "j2k.dcm", frame, syntax)
    assert path.stat().st_size < 3000
    assert_refused_quickly(read_in_child(path), r"^j2k\.dcm is 65000×65000 pixels, larger than this app accepts \(")


@pytest.mark.parametrize("rows, columns, segment_bytes", [(64, 64, 1 << 20), (4096, 4096, 8 << 20)],
                         ids=["segment-larger-than-any-encoder-writes", "segment-expanding-beyond-its-image"])
def test_rle_segment_expanding_beyond_its_image_is_refused(tmp_path, rows, columns, segment_bytes):
    """Reproduction: an 8-bit RLE Lossless file (Rows/Columns ``rows`` x ``columns``) whose one
    segment is ``segment_bytes`` of the PackBits run "repeat 0x00 128 times" (2 bytes each, so it
    expands 64-fold): 1 MiB for a 64×64 image (64 MiB out for 4 KiB needed), or 8 MiB for 4096×4096
    (512 MiB out for 16 MiB needed). pydicom's RLE decoder decodes a segment whole before it
    compares the length, and in Python: before the fix the 4096×4096 file took about 3 s and
    over 600 MB, and was then shown (pydicom only warns). Now the segment lengths are checked
    first: no encoder writes a segment over twice the bytes it stands for, and the runs are
    counted (stopping early) before anything is decoded."""
    frame = rle_frame([b"\x81\x00" * (segment_bytes // 2)])
    path = encapsulated_dicom(tmp_path / "rle.dcm", frame, RLELossless, rows=rows, columns=columns)
    assert_refused_quickly(read_in_child(path), r"^rle\.dcm is a damaged DICOM file: its RLE-compressed image "
                                                r"data expand to more than")


# --- deflated datasets ---------------------------------------------------------------------------------

def test_deflated_dataset_expanding_beyond_its_image_is_refused(tmp_path):
    """Reproduction: a Deflated Explicit VR Little Endian file declaring a 64×64 8-bit image whose
    deflate stream holds a Pixel Data element of 1 GiB of zeros (``deflated_dicom`` with
    ``pixel_bytes=1 << 30``): a 1 MB file. Before the fix pydicom inflated the whole dataset in one
    ``zlib.decompress`` and copied it: the red team measured 2.2 GB for a 1.2 MB file; under this
    test's 1 GiB limit it ran out of memory. Now the dataset is inflated as it is read, at most
    64 MiB before the pixels and then only as many bytes as the declared image needs."""
    ds = dicom_dataset(chest_pixels())
    del ds.PixelData
    path = deflated_dicom(tmp_path / "deflated.dcm", ds, pixel_bytes=1 << 30)
    assert path.stat().st_size < 1_500_000
    assert_refused_quickly(read_in_child(path), r"^deflated\.dcm is a damaged DICOM file: its compressed contents "
                                                r"expand to more data than its 64×64 image needs")


def test_deflated_file_still_reads_like_the_plain_one(tmp_path):
    """A legitimate deflated file (pydicom writes it) gives the very pixels of the plain file."""
    plain = write_dicom(tmp_path / "plain.dcm", dicom_dataset(chest_pixels(), WindowCenter=100, WindowWidth=150))
    ds = pydicom.dcmread(plain)
    ds.file_meta.TransferSyntaxUID = pydicom.uid.DeflatedExplicitVRLittleEndian
    ds.save_as(tmp_path / "deflated.dcm", enforce_file_format=True)
    deflated = load_xray(tmp_path / "deflated.dcm")
    assert deflated.dicom_tags["transfer_syntax"] == "Deflated Explicit VR Little Endian"
    np.testing.assert_array_equal(np.asarray(deflated.image), np.asarray(load_xray(plain).image))


def test_deflated_multiframe_file_reads_its_first_frame(tmp_path):
    frames = np.stack([chest_pixels(), np.full((64, 64), 9, np.uint8)])
    ds = dicom_dataset(frames, frames=2)
    ds.file_meta.TransferSyntaxUID = pydicom.uid.DeflatedExplicitVRLittleEndian
    ds.save_as(tmp_path / "frames.dcm", enforce_file_format=True)
    np.testing.assert_array_equal(np.asarray(load_xray(tmp_path / "frames.dcm").image), chest_pixels())


# --- element lists -------------------------------------------------------------------------------------

def test_tiny_private_elements_after_the_pixels_are_not_read(tmp_path):
    """Reproduction: a valid 64×64 DX file followed, after its Pixel Data, by 4,000,000 distinct
    12-byte private elements (``tiny_private_elements``, groups 7FE1 onwards): a 48 MB file. Before
    the fix pydicom parsed every one of them into Python objects: the red team measured 27 s and
    1.85 GB. Nothing after the pixels is needed, so reading now stops there: the film is shown
    (its image is intact), without touching the 48 MB."""
    head, pixels = split_at_pixel_data(dicom_dataset(chest_pixels()))
    path = tmp_path / "trailing.dcm"
    path.write_bytes(head + pixels + tiny_private_elements(4_000_000, first_group=0x7FE1))
    assert path.stat().st_size > 48_000_000
    outcome = read_in_child(path)
    assert outcome["error"] is None and outcome["size"] == [64, 64], outcome
    assert outcome["seconds"] < MAX_SECONDS and outcome["peak_mb"] < MAX_PEAK_MB, outcome


def undefined_length_sequence_of_tiny_items(count: int) -> bytes:
    """A private SQ of undefined length holding ``count`` items of one 12-byte element each."""
    item = b"\xfe\xff\x00\xe0" + (12).to_bytes(4, "little") + explicit_element(0x00291011, b"SH", b"abcd")
    return (explicit_element(0x00291010, b"SQ", b"", length=0xFFFFFFFF) + item * count
            + b"\xfe\xff\xdd\xe0\x00\x00\x00\x00")


@pytest.mark.parametrize("flood", ["top-level", "nested"])
def test_tiny_elements_before_the_pixels_are_refused(tmp_path, flood):
    """Reproduction: a valid 64×64 DX file with, before its Pixel Data, 4,000,000 distinct 12-byte
    private elements (48 MB, "top-level"), or one private sequence of undefined length holding
    1,000,000 items of one tiny element each (20 MB, "nested": pydicom parses such a sequence
    while reading). Before the fix the top-level file took as long and as much memory as the one
    with the elements after the pixels (27 s, 1.85 GB), the nested one longer. Now the elements
    read are counted, at every nesting level, and reading stops far above what an X-ray file holds."""
    head, pixels = split_at_pixel_data(dicom_dataset(chest_pixels()))
    junk = (tiny_private_elements(4_000_000, first_group=0x0029) if flood == "top-level"
            else undefined_length_sequence_of_tiny_items(1_000_000))
    path = tmp_path / f"{flood}.dcm"
    path.write_bytes(head + junk + pixels)
    assert_refused_quickly(read_in_child(path), r"holds far more DICOM data elements than any X-ray file; it is damaged")


def test_element_longer_than_the_file_is_not_allocated(tmp_path):
    """Reproduction: a 64×64 DX file with, before its Pixel Data, a private OB element whose length
    says 4 GiB (0xFFFFFFF0) in a 1 KB file (``explicit_element(..., length=...)``). pydicom asks
    the file for 4 GiB in one read, which Python allocates up front: under this test's 1 GiB
    limit (as on a machine without that much memory free) the read failed with "too large to open
    with the memory available". Reads are now cut to what the file holds, and the file is what it
    is, a file whose image data are missing."""
    head, pixels = split_at_pixel_data(dicom_dataset(chest_pixels()))
    path = tmp_path / "long.dcm"
    path.write_bytes(head + explicit_element(0x00291010, b"OB", b"", length=0xFFFFFFF0) + pixels)
    assert_refused_quickly(read_in_child(path), r"^long\.dcm is a damaged DICOM file: its image data are missing")


# --- frame header against the DICOM header (in process: nothing large is allocated) --------------------

def test_frame_size_different_from_rows_columns_is_damaged(tmp_path):
    frame = with_jpeg_frame_size(jpeg_frame(chest_pixels()), 128, 96)
    path = encapsulated_dicom(tmp_path / "odd.dcm", frame, JPEGBaseline8Bit)
    with pytest.raises(XrayReadError) as info:
        load_xray(path)
    assert str(info.value) == ("odd.dcm is a damaged DICOM file: its compressed image is 128×96 pixels "
                               "with 1 colour channel, but its header says 64×64 pixels with 1.")


def test_frame_with_other_channel_count_is_damaged(tmp_path):
    rgb = np.zeros((64, 64, 3), np.uint8)
    path = encapsulated_dicom(tmp_path / "rgb.dcm", jpeg_frame(rgb), JPEGBaseline8Bit)
    with pytest.raises(XrayReadError, match=r"with 3 colour channels, but its header says 64×64 pixels with 1\.$"):
        load_xray(path)


def test_hierarchical_jpeg_is_named(tmp_path):
    """Hierarchical JPEG (a DHP marker, then SOF5..7/13..15 frames) states its full size apart from
    its frames; no DICOM transfer syntax in use allows it, so it is refused rather than parsed."""
    frame = jpeg_frame(chest_pixels())
    frame = frame.replace(b"\xff\xc0", b"\xff\xc5", 1)
    path = encapsulated_dicom(tmp_path / "hier.dcm", frame, JPEGBaseline8Bit)
    with pytest.raises(XrayReadError, match=r"^hier\.dcm is compressed with hierarchical JPEG, which this app "
                                            r"cannot decode\.$"):
        load_xray(path)


def test_frame_without_a_frame_header_is_damaged(tmp_path):
    path = encapsulated_dicom(tmp_path / "junk.dcm", b"\xff\xd8" + b"\x00" * 64, JPEGBaseline8Bit)
    with pytest.raises(XrayReadError, match=r"^junk\.dcm: the DICOM image data are damaged or do not match the "
                                            r"declared compression \(JPEG\)"):
        load_xray(path)


def test_file_with_trailing_padding_reads(tmp_path):
    """Elements after the pixels (Data Set Trailing Padding here) are left unread, not refused."""
    head, pixels = split_at_pixel_data(dicom_dataset(chest_pixels()))
    path = tmp_path / "padded.dcm"
    path.write_bytes(head + pixels + explicit_element(0xFFFCFFFC, b"OB", bytes(256)))
    np.testing.assert_array_equal(np.asarray(load_xray(path).image), chest_pixels())


def test_huge_voi_lut_sequence_is_not_parsed(tmp_path):
    """Reproduction: a 64×64 DX file with a window and a VOI LUT Sequence (defined length, so
    pydicom parses it only when the window is applied, outside the element count) of 1,000,000
    items of one tiny element each: 20 MB. Before the fix parsing it took about 30 s; now a LUT
    sequence over 2 MiB is treated as a damaged LUT, and the window is used, as for any damaged LUT."""
    head, pixels = split_at_pixel_data(dicom_dataset(chest_pixels(), WindowCenter=100, WindowWidth=150))
    item = b"\xfe\xff\x00\xe0" + (12).to_bytes(4, "little") + explicit_element(0x00291011, b"SH", b"abcd")
    sequence = explicit_element(0x00283010, b"SQ", item * 1_000_000)
    path = tmp_path / "lut.dcm"
    path.write_bytes(head + sequence + pixels)
    outcome = read_in_child(path)
    assert outcome["error"] is None and outcome["size"] == [64, 64], outcome
    assert outcome["seconds"] < MAX_SECONDS and outcome["peak_mb"] < MAX_PEAK_MB, outcome
    expected = load_xray(write_dicom(tmp_path / "plain.dcm",
                                     dicom_dataset(chest_pixels(), WindowCenter=100, WindowWidth=150)))
    np.testing.assert_array_equal(np.asarray(load_xray(path).image), np.asarray(expected.image))


@pytest.mark.parametrize("deflated", [False, True], ids=["plain", "deflated"])
def test_reads_only_through_the_file_object_it_is_given(tmp_path, deflated):
    """``load_dicom`` reads through the handle it is given, any seekable binary file object (imaging
    hashes and decodes one open file): the path it is told does not even exist here."""
    import io
    from desktop.engine.dicom import load_dicom
    ds = dicom_dataset(chest_pixels())
    if deflated:
        ds.file_meta.TransferSyntaxUID = pydicom.uid.DeflatedExplicitVRLittleEndian
    data = write_dicom(tmp_path / "a.dcm", ds).read_bytes()
    record = load_dicom(tmp_path / "gone.dcm", io.BytesIO(data), "a.dcm", forced=False)
    np.testing.assert_array_equal(np.asarray(record.image), chest_pixels())
