"""ModelCardDialog (Help ▸ About the model): what this model is, how often it is right, its limits.

A plain summary first and the technical details after it (desktop/ui/model_card_text.py), built from
the loaded model's own metadata, then assets/models/MODEL_CARD.md when it is shipped next to the model.
"""

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from desktop.ui.model_card_text import card_markdown

REPO_MODEL_CARD = Path(__file__).resolve().parents[2] / "assets" / "models" / "MODEL_CARD.md"


def find_model_card(model_path: str | None) -> Path | None:
    candidates = []
    if model_path:
        candidates.append(Path(model_path).with_name("MODEL_CARD.md"))
    candidates.append(REPO_MODEL_CARD)
    return next((p for p in candidates if p.is_file()), None)


class ModelCardDialog(QDialog):
    def __init__(self, metadata: dict | None, model_path: str | None, problem: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About the model"))
        self.resize(760, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Model card"))
        self.browser.setMarkdown(self.markdown(metadata, model_path, problem))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def markdown(self, metadata: dict | None, model_path: str | None, problem: str) -> str:
        card = find_model_card(model_path)
        full = card.read_text(encoding="utf-8", errors="replace") if card is not None else None
        return card_markdown(metadata, str(model_path) if model_path else None, problem, full)
