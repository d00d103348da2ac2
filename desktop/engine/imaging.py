"""``load_xray``: any supported file -> an 8-bit grayscale image plus what the app shows about it.

(Basic version: Pillow formats. DICOM and hostile-input handling are added by the engine work.)
"""

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from desktop.engine.errors import XrayReadError


@dataclass
class ImageRecord:
    path: Path
    image: Image.Image            # mode "L", 8-bit, display-ready (windowed, MONOCHROME1 inverted)
    format: str                   # "JPEG", "PNG", "TIFF", "DICOM", ...
    original_size: tuple          # (width, height) in pixels
    dicom_tags: dict = field(default_factory=dict)    # modality, body part, view, study date
    patient: dict = field(default_factory=dict)       # name, id, birth date: shown only if privacy is off


def load_xray(path) -> ImageRecord:
    path = Path(path)
    try:
        with Image.open(path) as im:
            im.load()
            gray = im.convert("L")
            return ImageRecord(path=path, image=gray, format=im.format or "", original_size=im.size)
    except OSError as exc:
        raise XrayReadError(f"{path.name} could not be read as an image ({exc}).") from exc
