"""Synthetic DICOM files for the tests (one builder for the reader, fuzz and robustness tests)."""

from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid

DX_STORAGE = "1.2.840.10008.5.1.4.1.1.1.1"


def dicom_dataset(pixels: np.ndarray | None, *, photometric="MONOCHROME2", bits_stored=None,
                  transfer_syntax=ExplicitVRLittleEndian, frames=None, sop_class=DX_STORAGE, **tags) -> Dataset:
    """A DX chest PA dataset holding ``pixels`` ([rows, cols], [rows, cols, 3], or with a leading frame
    axis when ``frames``); ``tags`` are set as keywords last, so they override anything above."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = sop_class
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = transfer_syntax
    ds.Modality, ds.BodyPartExamined, ds.ViewPosition = "DX", "CHEST", "PA"
    if pixels is not None:
        samples = 3 if pixels.ndim == (4 if frames else 3) else 1
        ds.Rows, ds.Columns = pixels.shape[-2 - (samples == 3)], pixels.shape[-1 - (samples == 3)]
        ds.SamplesPerPixel = samples
        if samples == 3:
            ds.PlanarConfiguration = 0
        ds.PhotometricInterpretation = photometric
        ds.BitsAllocated = pixels.dtype.itemsize * 8
        ds.BitsStored = bits_stored or ds.BitsAllocated
        ds.HighBit = ds.BitsStored - 1
        ds.PixelRepresentation = 1 if pixels.dtype.kind == "i" else 0
        if frames:
            ds.NumberOfFrames = frames
        ds.PixelData = pixels.tobytes()
    for keyword, value in tags.items():
        setattr(ds, keyword, value)
    return ds


def write_dicom(path: Path, ds: Dataset, *, preamble: bool = True) -> Path:
    """Save ``ds``; without ``preamble`` as old ACR-NEMA style (no preamble, no file meta)."""
    if preamble:
        ds.save_as(path, enforce_file_format=True)
        return path
    from pydicom.filebase import DicomFileLike
    from pydicom.filewriter import write_dataset
    with open(path, "wb") as f:
        fp = DicomFileLike(f)
        fp.is_little_endian = True
        fp.is_implicit_VR = ds.file_meta.TransferSyntaxUID == ImplicitVRLittleEndian
        write_dataset(fp, Dataset(ds))
    return path


def declare_syntax(path: Path, transfer_syntax) -> Path:
    """Rewrite ``path`` (Explicit VR Little Endian) with another Transfer Syntax UID in its file
    meta but the body left as it is: a file whose header lies about its encoding."""
    from pydicom.filebase import DicomFileLike
    from pydicom.filewriter import write_dataset, write_file_meta_info
    ds = pydicom.dcmread(path)
    ds.file_meta.TransferSyntaxUID = transfer_syntax
    body = Dataset(ds)
    with open(path, "wb") as f:
        f.write(b"\0" * 128 + b"DICM")
        fp = DicomFileLike(f)
        fp.is_little_endian, fp.is_implicit_VR = True, False
        write_file_meta_info(fp, ds.file_meta, enforce_standard=True)
        write_dataset(fp, body)
    return path
