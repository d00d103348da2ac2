"""Draw the app icon with Pillow: assets/icons/cxr-triage.png (256 px) and cxr-triage.ico.

A stylised pair of lungs on a rounded blue square. Drawn at 4x and reduced, for smooth edges.
Rerun after changing the drawing: python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parents[1] / "assets" / "icons"
SIZE = 256
SS = 4          # supersampling factor


def draw_icon(size: int = SIZE) -> Image.Image:
    s = size * SS
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([int(s * 0.04)] * 2 + [int(s * 0.96)] * 2, radius=int(s * 0.2), fill=(31, 95, 191, 255))
    # lungs: two rounded lobes, the left one (patient's right) a little larger
    lobe = (235, 242, 252, 255)
    d.rounded_rectangle([int(s * 0.20), int(s * 0.24), int(s * 0.46), int(s * 0.80)], radius=int(s * 0.12), fill=lobe)
    d.rounded_rectangle([int(s * 0.54), int(s * 0.28), int(s * 0.79), int(s * 0.80)], radius=int(s * 0.12), fill=lobe)
    # trachea and bronchi
    blue = (31, 95, 191, 255)
    w = int(s * 0.05)
    d.line([(s * 0.5, s * 0.12), (s * 0.5, s * 0.44)], fill=(235, 242, 252, 255), width=w)
    d.line([(s * 0.5, s * 0.42), (s * 0.38, s * 0.52)], fill=blue, width=int(w * 0.7))
    d.line([(s * 0.5, s * 0.42), (s * 0.63, s * 0.52)], fill=blue, width=int(w * 0.7))
    # a warm "attention" spot: the heatmap
    spot = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    ImageDraw.Draw(spot).ellipse([int(s * 0.58), int(s * 0.52), int(s * 0.76), int(s * 0.70)],
                                 fill=(239, 108, 54, 230))
    spot = spot.filter(ImageFilter.GaussianBlur(s * 0.02))
    img = Image.alpha_composite(img, spot)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw_icon()
    icon.save(OUT / "cxr-triage.png", optimize=True)
    icon.save(OUT / "cxr-triage.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(f"wrote {OUT / 'cxr-triage.png'} and {OUT / 'cxr-triage.ico'}")


if __name__ == "__main__":
    main()
