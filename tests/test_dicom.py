"""The DICOM reader: display pipeline (modality LUT, VOI LUT/window, MONOCHROME1), colour, frames,
transfer syntaxes and decoders, files without images, tags, and the five real sample files."""

from pathlib import Path

import json

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate
from pydicom.pixels import apply_voi_lut, get_decoder
from pydicom.uid import (JPEGBaseline8Bit, JPEGLSLossless, MPEG4HP41, ExplicitVRLittleEndian,
                         ImplicitVRLittleEndian)

from dicom_factory import declare_syntax, dicom_dataset, write_dicom
from desktop.engine.dicom_policy import dicom_not_chest_reason
from desktop.engine.errors import XrayReadError
from desktop.engine.imaging import ImageRecord, load_xray

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
REAL_DICOM = SHARED_DATA / "dicom"
PYDICOM_FILES = Path(pydicom.__file__).parent / "data" / "test_files"

BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11"


def make_dicom(path: Path, pixels: np.ndarray, *, photometric="MONOCHROME2", bits_stored=None,
               transfer_syntax=ExplicitVRLittleEndian, frames=None, preamble=True, **tags) -> Path:
    """Write a DX-like DICOM file with pydicom, with patient tags; ``tags`` are set as keywords."""
    tags = {"PatientName": "Doe^Jane", "PatientID": "P-123", "PatientBirthDate": "19700102",
            "StudyDate": "20240229", "Manufacturer": "ACME", **tags}
    ds = dicom_dataset(pixels, photometric=photometric, bits_stored=bits_stored, transfer_syntax=transfer_syntax,
                       frames=frames, **tags)
    return write_dicom(path, ds, preamble=preamble)


def halves(low, high, dtype=np.uint16, shape=(64, 64)) -> np.ndarray:
    """Left half ``low``, right half ``high``."""
    pixels = np.full(shape, low, dtype)
    pixels[:, shape[1] // 2:] = high
    return pixels


def left_right(record: ImageRecord) -> tuple[float, float]:
    out = np.asarray(record.image, dtype=float)
    w = out.shape[1]
    return out[:, : w // 2].mean(), out[:, w // 2:].mean()


# --- display pipeline ------------------------------------------------------------------------------

def test_monochrome2_without_window_stretches_stored_range(tmp_path):
    pixels = np.tile(np.linspace(100, 900, 64), (64, 1)).astype(np.uint16)
    record = load_xray(make_dicom(tmp_path / "a.dcm", pixels, bits_stored=10))
    out = np.asarray(record.image)
    assert record.format == "DICOM" and record.image.mode == "L" and record.original_size == (64, 64)
    assert out[0, 0] == 0 and out[0, -1] == 255 and np.all(np.diff(out[0].astype(int)) >= 0)


def test_monochrome1_is_inverted(tmp_path):
    # Stored low on the left: in MONOCHROME1 low means white, so the left must come out bright.
    path = make_dicom(tmp_path / "m1.dcm", halves(100, 900), photometric="MONOCHROME1", bits_stored=10)
    left, right = left_right(load_xray(path))
    assert left > 240 and right < 15


def test_monochrome1_inverted_after_window(tmp_path):
    pixels = np.tile(np.arange(0, 1024, 16, dtype=np.uint16), (64, 1))   # 0..1008
    path = make_dicom(tmp_path / "w1.dcm", pixels, photometric="MONOCHROME1", bits_stored=10,
                      WindowCenter=256, WindowWidth=256)
    row = np.asarray(load_xray(path).image)[0].astype(int)
    # Window 128..384: below it white (inverted black), above it black, ramp between.
    assert (row[:8] == 255).all() and (row[25:] == 0).all()
    assert np.all(np.diff(row) <= 0) and 100 < row[16] < 156


def test_linear_window_center_width(tmp_path):
    pixels = np.repeat(np.array([[0, 500, 1000, 1500, 2000]], np.uint16), 40, axis=0)
    pixels = np.repeat(pixels, 8, axis=1)   # 40 x 40
    path = make_dicom(tmp_path / "w.dcm", pixels, bits_stored=12,
                      WindowCenter=1000, WindowWidth=1000)
    row = np.asarray(load_xray(path).image)[0, ::8].astype(int)
    assert row[0] == 0 and row[1] == 0 and abs(row[2] - 128) <= 1 and row[3] == 255 and row[4] == 255


def test_multiple_windows_first_is_used(tmp_path):
    pixels = np.repeat(np.repeat(np.array([[1000, 1400]], np.uint16), 40, 0), 20, 1)
    path = make_dicom(tmp_path / "w2.dcm", pixels, bits_stored=12,
                      WindowCenter=[1000, 3000], WindowWidth=[800, 100])
    left, right = left_right(load_xray(path))
    assert abs(left - 128) <= 2 and right > 250   # with the second window both would be black


def test_sigmoid_window(tmp_path):
    pixels = np.repeat(np.repeat(np.array([[600, 1000, 1400]], np.uint16), 40, 0), 16, 1)
    path = make_dicom(tmp_path / "s.dcm", pixels, bits_stored=12, WindowCenter=1000,
                      WindowWidth=400, VOILUTFunction="SIGMOID")
    row = np.asarray(load_xray(path).image)[0, ::16].astype(int)
    assert row[0] < 10 and abs(row[1] - 128) <= 1 and row[2] > 245


def test_invalid_window_falls_back_to_stored_range(tmp_path):
    pixels = np.tile(np.linspace(100, 900, 64), (64, 1)).astype(np.uint16)
    path = make_dicom(tmp_path / "bad.dcm", pixels, bits_stored=10, WindowCenter=500, WindowWidth=0)
    row = np.asarray(load_xray(path).image)[0]
    assert row[0] == 0 and row[-1] == 255


def voi_lut_item(values, bits, explanation="NORMAL") -> Dataset:
    item = Dataset()
    item.LUTDescriptor = [len(values), 0, bits]
    item.LUTData = [int(v) for v in values]
    item["LUTData"].VR = "US"
    item.LUTExplanation = explanation
    return item


def test_voi_lut_sequence_wins_over_window(tmp_path):
    pixels = np.tile(np.arange(0, 4096, 64, dtype=np.uint16), (64, 1))
    inverted = np.arange(4095, -1, -1)   # a LUT that runs backwards: only the LUT can do that
    path = make_dicom(tmp_path / "lut.dcm", pixels, bits_stored=12, WindowCenter=2048, WindowWidth=4096,
                      VOILUTSequence=[voi_lut_item(inverted, 12), voi_lut_item(np.arange(4096), 12)])
    row = np.asarray(load_xray(path).image)[0].astype(int)
    assert row[0] == 255 and row[-1] <= 5 and np.all(np.diff(row) <= 0)


def test_voi_lut_normalised_by_its_real_output_range(tmp_path):
    # Descriptor says 16 bits, but the entries only reach 4095 (a common encoder mistake).
    pixels = np.tile(np.arange(0, 4096, 64, dtype=np.uint16), (64, 1))
    path = make_dicom(tmp_path / "lut16.dcm", pixels, bits_stored=12,
                      VOILUTSequence=[voi_lut_item(np.arange(4096), 16)])
    row = np.asarray(load_xray(path).image)[0].astype(int)
    assert row[0] == 0 and row[-1] >= 250


def test_rescale_slope_intercept_before_window(tmp_path):
    # Stored 0..2000 -> values -1000..3000; the window (in rescaled units) centres on value 0.
    pixels = np.repeat(np.repeat(np.array([[0, 500, 1000]], np.uint16), 40, 0), 16, 1)
    path = make_dicom(tmp_path / "r.dcm", pixels, bits_stored=12, RescaleSlope=2, RescaleIntercept=-1000,
                      WindowCenter=0, WindowWidth=1000)
    row = np.asarray(load_xray(path).image)[0, ::16].astype(int)
    # Without the rescale, stored 500 would sit far above the window and be white.
    assert row[0] == 0 and abs(row[1] - 128) <= 1 and row[2] == 255


def test_signed_pixels_with_rescale_no_window(tmp_path):
    pixels = np.tile(np.linspace(-1000, 1000, 64), (64, 1)).astype(np.int16)
    path = make_dicom(tmp_path / "ct.dcm", pixels, RescaleSlope=1, RescaleIntercept=-1024)
    row = np.asarray(load_xray(path).image)[0].astype(int)
    assert row[0] == 0 and row[-1] == 255 and np.all(np.diff(row) >= 0)


def test_8bit_without_window_is_shown_as_stored(tmp_path):
    pixels = np.tile(np.arange(40, 104, dtype=np.uint8), (64, 1))
    out = np.asarray(load_xray(make_dicom(tmp_path / "8.dcm", pixels)).image)
    np.testing.assert_array_equal(out, pixels)


@pytest.mark.parametrize("photometric, expected", [("MONOCHROME2", 0), ("MONOCHROME1", 255)])
def test_constant_image_loads(tmp_path, photometric, expected):
    path = make_dicom(tmp_path / "c.dcm", np.zeros((64, 64), np.uint16), photometric=photometric)
    assert (np.asarray(load_xray(path).image) == expected).all()


def test_rgb_dicom_becomes_luminance(tmp_path):
    rgb = np.zeros((40, 60, 3), np.uint8)
    rgb[:, :30] = (255, 0, 0)
    rgb[:, 30:] = (0, 255, 0)
    out = np.asarray(load_xray(make_dicom(tmp_path / "rgb.dcm", rgb, photometric="RGB")).image)
    assert out[0, 0] == 76 and out[0, 59] == 150


def test_multiframe_first_frame_only(tmp_path):
    frames = np.stack([halves(0, 255, np.uint8), np.full((64, 64), 128, np.uint8),
                       np.full((64, 64), 7, np.uint8)])
    record = load_xray(make_dicom(tmp_path / "mf.dcm", frames, frames=3))
    assert record.dicom_tags["frames"] == "3"
    left, right = left_right(record)
    assert left == 0 and right == 255


# --- tags and privacy ------------------------------------------------------------------------------

def test_tags_and_patient_are_kept_apart(tmp_path):
    record = load_xray(make_dicom(tmp_path / "t.dcm", halves(0, 255, np.uint8)))
    tags = record.dicom_tags
    assert tags["modality"] == "DX" and tags["body_part"] == "CHEST" and tags["view"] == "PA"
    assert tags["study_date"] == "2024-02-29" and tags["manufacturer"] == "ACME"
    assert tags["photometric"] == "MONOCHROME2"
    assert tags["sop_class"] == "Digital X-Ray Image Storage - For Presentation"
    assert record.patient == {"name": "Doe^Jane", "id": "P-123", "birth_date": "1970-01-02"}
    assert not any("Doe" in str(v) or "P-123" in str(v) for v in tags.values())


# --- detection by content --------------------------------------------------------------------------

def test_dicom_found_by_content_whatever_the_name(tmp_path):
    path = make_dicom(tmp_path / "IM0001", halves(0, 255, np.uint8))
    renamed = path.rename(tmp_path / "looks-like.png")
    assert load_xray(renamed).format == "DICOM"


def test_dcm_without_preamble_is_force_read(tmp_path):
    path = make_dicom(tmp_path / "old.dcm", halves(10, 200, np.uint8), preamble=False,
                      transfer_syntax=ImplicitVRLittleEndian)
    data = path.read_bytes()
    assert data[128:132] != b"DICM" and not data.startswith(b"\x02\x00")   # no preamble, no file meta
    record = load_xray(path)
    assert record.format == "DICOM" and left_right(record) == (10, 200)


def test_png_named_dcm_is_read_as_png(tmp_path):
    from PIL import Image
    path = tmp_path / "photo.dcm"
    Image.new("L", (40, 40), 77).save(path, format="PNG")
    record = load_xray(path)
    assert record.format == "PNG" and (np.asarray(record.image) == 77).all()


def test_text_named_dcm_is_not_dicom(tmp_path):
    path = tmp_path / "notes.dcm"
    path.write_text("Patient notes: chest film tomorrow.\n" * 20)
    with pytest.raises(XrayReadError, match=r"^notes\.dcm is not a DICOM file"):
        load_xray(path)


# --- no image, transfer syntaxes, decoders ---------------------------------------------------------

def test_structured_report_holds_no_image(tmp_path):
    path = make_dicom(tmp_path / "sr.dcm", None, Modality="SR", SOPClassUID=BASIC_TEXT_SR)
    with pytest.raises(XrayReadError) as info:
        load_xray(path)
    assert str(info.value) == "This DICOM file holds no image (it is a structured report)."


@pytest.mark.parametrize("name, kind", [("rtplan.dcm", "radiotherapy plan"), ("reportsi.dcm", "structured report")])
def test_real_objects_without_pixels(name, kind):
    path = PYDICOM_FILES / name
    if not path.exists():
        pytest.skip(f"pydicom test file {name} not installed")
    with pytest.raises(XrayReadError, match=f"holds no image \\(it is a {kind}\\)"):
        load_xray(path)


def test_dicomdir_is_explained():
    path = PYDICOM_FILES / "dicomdirtests" / "DICOMDIR"
    if not path.exists():
        pytest.skip("pydicom DICOMDIR test file not installed")
    with pytest.raises(XrayReadError, match="DICOMDIR"):
        load_xray(path)


def test_native_pixels_declared_as_jpeg(tmp_path):
    path = declare_syntax(make_dicom(tmp_path / "wrong.dcm", halves(0, 255, np.uint8)), JPEGBaseline8Bit)
    with pytest.raises(XrayReadError, match=r"do not match the declared compression \(JPEG\)"):
        load_xray(path)


def test_unknown_transfer_syntax(tmp_path):
    path = declare_syntax(make_dicom(tmp_path / "unknown.dcm", halves(0, 255, np.uint8)), "1.2.3.4.5.6")
    with pytest.raises(XrayReadError, match=r"unknown DICOM transfer syntax \(1\.2\.3\.4\.5\.6\)"):
        load_xray(path)


def test_jpeg_ls_decodes_when_installed():
    path = PYDICOM_FILES / "MR_small_jpeg_ls_lossless.dcm"
    if not path.exists() or not get_decoder(JPEGLSLossless).is_available:
        pytest.skip("JPEG-LS sample or decoder absent")
    reference = load_xray(PYDICOM_FILES / "MR_small.dcm")
    record = load_xray(path)
    np.testing.assert_array_equal(np.asarray(record.image), np.asarray(reference.image))


def test_jpeg_ls_without_decoder_is_a_sentence(monkeypatch):
    """As on an installation without pylibjpeg-libjpeg (and without pyjpegls/GDCM)."""
    path = PYDICOM_FILES / "MR_small_jpeg_ls_lossless.dcm"
    if not path.exists():
        pytest.skip("JPEG-LS sample absent")
    monkeypatch.setattr(get_decoder(JPEGLSLossless), "_available", {})
    with pytest.raises(XrayReadError) as info:
        load_xray(path)
    assert str(info.value) == ("MR_small_jpeg_ls_lossless.dcm is compressed with JPEG-LS, which this "
                               "installation cannot decode.")


def test_video_syntax_has_no_decoder(tmp_path):
    path = make_dicom(tmp_path / "video.dcm", None, transfer_syntax=MPEG4HP41)
    ds = pydicom.dcmread(path)
    ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.PhotometricInterpretation = 64, 64, 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = encapsulate([b"\x00\x00\x01\xb3" + b"\x00" * 60])
    ds["PixelData"].VR = "OB"
    ds.save_as(path, enforce_file_format=True)
    with pytest.raises(XrayReadError, match=r"^video\.dcm is compressed with MPEG video, which this installation cannot decode\.$"):
        load_xray(path)


@pytest.mark.parametrize("name", ["MR_small_RLE.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm"])
def test_other_encodings_match_the_plain_file(name):
    path, plain = PYDICOM_FILES / name, PYDICOM_FILES / "MR_small.dcm"
    if not path.exists() or not plain.exists():
        pytest.skip("pydicom sample files absent")
    np.testing.assert_array_equal(np.asarray(load_xray(path).image), np.asarray(load_xray(plain).image))


def test_ybr_jpeg_colour_becomes_luminance():
    path = PYDICOM_FILES / "SC_rgb_jpeg_dcmtk.dcm"
    if not path.exists():
        pytest.skip("pydicom sample file absent")
    rgb = pydicom.dcmread(path).pixel_array   # pydicom converts YBR to RGB
    expected = rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    out = np.asarray(load_xray(path).image, dtype=float)
    assert np.abs(out - expected).max() <= 1


def test_palette_colour():
    path = PYDICOM_FILES / "examples_palette.dcm"
    if not path.exists():
        pytest.skip("pydicom sample file absent")
    record = load_xray(path)
    out = np.asarray(record.image)
    assert record.dicom_tags["photometric"] == "PALETTE COLOR"
    assert out.std() > 10   # a real picture, not a flat field


def test_truncated_dicom_is_a_sentence():
    path = PYDICOM_FILES / "MR_truncated.dcm"
    if not path.exists():
        pytest.skip("pydicom sample file absent")
    with pytest.raises(XrayReadError, match=r"^MR_truncated\.dcm: the DICOM image data are incomplete"):
        load_xray(path)


def test_huge_rows_columns_refused_before_decoding(tmp_path):
    path = make_dicom(tmp_path / "bomb.dcm", halves(0, 255, np.uint8))
    ds = pydicom.dcmread(path)
    ds.Rows, ds.Columns = 30000, 30000
    ds.save_as(path, enforce_file_format=True)
    with pytest.raises(XrayReadError, match=r"30000×30000 pixels, larger than this app accepts"):
        load_xray(path)


def test_missing_rows_is_a_sentence(tmp_path):
    path = make_dicom(tmp_path / "norows.dcm", halves(0, 255, np.uint8))
    ds = pydicom.dcmread(path)
    del ds.Rows
    ds.save_as(path, enforce_file_format=True)
    with pytest.raises(XrayReadError, match="image size"):
        load_xray(path)


# --- chest or not ----------------------------------------------------------------------------------

def record_with(**tags) -> ImageRecord:
    from PIL import Image
    return ImageRecord(path=Path("x.dcm"), image=Image.new("L", (64, 64)), format="DICOM",
                       original_size=(64, 64), dicom_tags=tags)


@pytest.mark.parametrize("modality, body_part", [
    ("CR", "CHEST"), ("DX", "THORAX"), ("DX", ""), ("OT", ""), ("", ""), ("RG", "Chest"),
    ("DX", "PORTABLE CHEST"), ("CR", "TORAX"), ("DX", "LUNGS"), ("DX", "OTHER"), ("DR", "CHEST_ABDOMEN")])
def test_chest_radiographs_have_no_reason(modality, body_part):
    assert dicom_not_chest_reason(record_with(modality=modality, body_part=body_part)) is None


@pytest.mark.parametrize("modality, body_part, words", [
    ("CT", "CHEST", "a CT scan"), ("MR", "", "an MRI image"), ("US", "", "an ultrasound image"),
    ("NM", "", "nuclear-medicine"), ("PT", "", "PET"), ("MG", "BREAST", "mammogram"),
    ("DX", "KNEE", "knee"), ("CR", "HAND", "hand"), ("DX", "L SPINE", "l spine"),
    ("DX", "THORACIC SPINE", "thoracic spine"), ("CR", "Skull", "skull"), ("DX", "LEFT ANKLE", "left ankle")])
def test_non_chest_reasons(modality, body_part, words):
    reason = dicom_not_chest_reason(record_with(modality=modality, body_part=body_part))
    assert reason is not None and words in reason and reason.endswith("not a chest X-ray.")


@pytest.mark.parametrize("tags, words", [
    ({"view": "LL"}, "view position LL"), ({"view": "rl"}, "view position RL"),
    ({"view_code": "left lateral"}, "view code"), ({"view_code": "latero-lateral"}, "view code"),
    ({"patient_orientation": "A\\F"}, "patient orientation A/F"),
    ({"patient_orientation": "P\\FL"}, "patient orientation P/FL"),
    ({"series_description": "Thorax LAT"}, "series"), ({"series_description": "Tórax perfil"}, "series"),
    ({"series_description": "CHEST LATERAL 2"}, "series")])
def test_lateral_views_are_refused_by_their_tags(tags, words):
    reason = dicom_not_chest_reason(record_with(modality="DX", body_part="CHEST", **tags))
    assert reason is not None and words in reason and "frontal (PA or AP) chest X-rays only" in reason


@pytest.mark.parametrize("tags", [
    {"view": "PA"}, {"view": "AP"}, {"view": "RLD"}, {"view": "LLD"},     # decubitus: frontal projections
    {"view_code": "postero-anterior"}, {"view_code": "left lateral decubitus"},
    {"patient_orientation": "L\\F"}, {"patient_orientation": "R\\H"}, {"patient_orientation": "A"},
    {"series_description": "PA + LAT"}, {"series_description": "view: PA"},
    {"series_description": "BILATERAL"}, {"image_laterality": "L"}])
def test_frontal_views_keep_no_reason(tags):
    assert dicom_not_chest_reason(record_with(modality="DX", body_part="CHEST", **tags)) is None


def test_lateral_dicom_is_refused_by_predict(tmp_path, capsys):
    from desktop.cli import main as cli_main

    film = tmp_path / "lateral.dcm"
    make_dicom(film, halves(0, 4000), bits_stored=12, Modality="DX", BodyPartExamined="CHEST",
               ViewPosition="LL")
    assert cli_main(["predict", "--json", str(film)]) == 0
    line = json.loads(capsys.readouterr().out.strip())
    assert line["rejected"] is True and line["label"] is None and line["error"] is None
    assert cli_main(["predict", str(film)]) == 0       # the table says why
    assert "This is a lateral (side-view) chest film (DICOM view position LL)" in capsys.readouterr().out


def test_non_dicom_record_has_no_reason():
    assert dicom_not_chest_reason(record_with()) is None


def test_reason_reexported_from_imaging():
    from desktop.engine import imaging
    assert imaging.dicom_not_chest_reason(record_with(modality="CT")) is not None


# --- the five real files ---------------------------------------------------------------------------

def real(name: str) -> Path:
    path = REAL_DICOM / name
    if not path.exists():
        pytest.skip(f"shared DICOM sample {name} not found")
    return path


def centre_and_lungs(record: ImageRecord) -> tuple[float, float]:
    """Mean of the central column band (mediastinum, spine) and of the two lung-field bands."""
    out = np.asarray(record.image, dtype=float)
    h, w = out.shape
    rows = slice(h // 4, 3 * h // 4)
    centre = out[rows, 2 * w // 5: 3 * w // 5].mean()
    lungs = np.concatenate([out[rows, w // 6: w // 3].ravel(), out[rows, 2 * w // 3: 5 * w // 6].ravel()]).mean()
    return centre, lungs


@pytest.mark.parametrize("name, size", [
    ("cr_chest_pa_mono1_10bit_uncompressed.dcm", (440, 440)),
    ("cr_chest_pa_mono1_15bit_j2k_lossy.dcm", (1841, 1955)),
    ("cr_chest_pa_mono2_8bit_jpeg_baseline.dcm", (1024, 1024))])
def test_real_chest_films_look_like_chest_films(name, size):
    record = load_xray(real(name))
    assert record.format == "DICOM" and record.image.mode == "L" and record.image.size == size
    centre, lungs = centre_and_lungs(record)
    # Bone and mediastinum are bright, aerated lungs dark: a MONOCHROME1 film left uninverted
    # (or a wrong window) turns this around.
    assert centre > lungs + 15
    assert record.dicom_tags["modality"] == "CR" and record.dicom_tags["body_part"] == "CHEST"
    assert dicom_not_chest_reason(record) is None


def test_real_8bit_film_is_the_stored_pixels():
    path = real("cr_chest_pa_mono2_8bit_jpeg_baseline.dcm")
    np.testing.assert_array_equal(np.asarray(load_xray(path).image), pydicom.dcmread(path).pixel_array)


def test_real_mono1_film_uses_its_window():
    path = real("cr_chest_pa_mono1_10bit_uncompressed.dcm")   # WC 550 / WW 1024
    stored = pydicom.dcmread(path).pixel_array.astype(float)
    expected = 255 - np.clip(((stored - 549.5) / 1023 + 0.5) * 255, 0, 255)
    assert np.abs(np.asarray(load_xray(path).image, dtype=float) - expected).max() <= 1


def test_real_knee_loads_with_its_first_voi_lut_and_is_not_chest():
    path = real("nonchest_dx_knee_mono2_14bit_voilut.dcm")
    record = load_xray(path)
    assert record.image.size == (1213, 1524)
    # The first (NORMAL) VOI LUT, 14-bit output, scaled to 8 bits. Its windows give another
    # picture (mean difference ~5, up to 39 grey levels), so this tells which one was applied.
    ds = pydicom.dcmread(path)
    expected = np.rint(apply_voi_lut(ds.pixel_array, ds, index=0, prefer_lut=True).astype(float) * 255 / 16383)
    assert np.abs(np.asarray(record.image, dtype=float) - expected).max() <= 1
    assert record.dicom_tags["body_part"] == "KNEE"
    assert "knee" in dicom_not_chest_reason(record)


def test_real_ct_loads_and_is_not_chest():
    record = load_xray(real("nonchest_ct_small.dcm"))
    assert record.image.size == (128, 128) and np.asarray(record.image).std() > 20
    assert record.dicom_tags["modality"] == "CT"
    assert dicom_not_chest_reason(record) == "This is a CT scan (DICOM modality CT), not a chest X-ray."
