"""ModelCardDialog (Help ▸ About the model): what this model is, how it was tested, its limits.

Built from the model's own metadata (so it always describes the file actually loaded)
plus assets/models/MODEL_CARD.md when it is shipped next to the model.
"""

import json
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

REPO_MODEL_CARD = Path(__file__).resolve().parents[2] / "assets" / "models" / "MODEL_CARD.md"


def _parse_json(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _flatten(value, prefix="") -> list[tuple[str, str]]:
    """Nested metrics -> ("test.auroc.covid19", "0.97") rows, numbers rounded for reading."""
    if isinstance(value, dict):
        rows = []
        for key, sub in value.items():
            rows += _flatten(sub, f"{prefix}.{key}" if prefix else str(key))
        return rows
    if isinstance(value, float):
        return [(prefix, f"{value:.4g}")]
    if isinstance(value, list):
        return [(prefix, ", ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in value))]
    return [(prefix, str(value))]


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


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
        self.resize(720, 640)
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
        tr = self.tr
        parts = [f"# {tr('About the model')}"]
        if not metadata:
            parts.append(problem or tr("No model is loaded."))
        else:
            m = {k: _parse_json(v) for k, v in metadata.items()}
            classes = m.get("classes")
            rows = [
                (tr("Version"), m.get("model_version", "—")),
                (tr("Architecture"), m.get("architecture", "—")),
                (tr("Classes"), ", ".join(classes) if isinstance(classes, list) else classes or "—"),
                (tr("Input size"), f"{m.get('input_size', '—')} px"),
                (tr("Temperature (calibration)"), m.get("temperature", "—")),
                (tr("Out-of-distribution threshold"), m.get("ood_threshold", "—")),
                (tr("Severity"), m.get("severity_definition", "—")),
                (tr("Decision thresholds"), json.dumps(m.get("decision_thresholds") or {})),
                (tr("Training data (manifest SHA-256)"), m.get("training_manifest_sha256", "—")),
                (tr("Created"), m.get("created", "—")),
                (tr("File"), model_path or "—"),
            ]
            parts.append(f"| {tr('Property')} | {tr('Value')} |\n|---|---|\n" + "\n".join(f"| **{k}** | {_md_escape(v)} |" for k, v in rows))
            parts.append(self._metrics_markdown(m.get("metrics")))
        card = find_model_card(model_path)
        if card is not None:
            parts.append("---\n\n" + card.read_text(encoding="utf-8", errors="replace"))
        parts.append(f"## {tr('Known limits')}\n\n" + "\n".join(f"- {line}" for line in (
            tr("An aid for triage, not a diagnosis. A clinician must review every film."),
            tr("Trained on public frontal chest X-ray collections; lateral views, CT and other body "
               "parts are outside what it knows, and it refuses films it detects as such."),
            tr("Probabilities are calibrated on the validation split; they can drift on X-ray machines "
               "and populations unlike the training data."),
            tr("The heatmap shows where the model looked, not the outline of disease."),
            tr("Severity is an estimate of the fraction of lung fields involved (geographic extent / 8), "
               "not a measured quantity."))))
        return "\n\n".join(p for p in parts if p)

    def _metrics_markdown(self, metrics) -> str:
        if not metrics:
            return f"## {self.tr('Metrics')}\n\n" + self.tr("This model file carries no metrics.")
        if not isinstance(metrics, dict):
            return f"## {self.tr('Metrics')}\n\n{_md_escape(metrics)}"
        out = []
        # Scalars (e.g. macro_f1) in one table; each nested group (test split, external, ...) in its own.
        scalars = {k: v for k, v in metrics.items() if not isinstance(v, dict)}
        groups = [(k, v) for k, v in metrics.items() if isinstance(v, dict)]
        if scalars:
            groups.insert(0, ("summary", scalars))
        for group, values in groups:
            title = {"test": self.tr("Test split"), "external": self.tr("External data"),
                     "summary": self.tr("Summary")}.get(group, str(group).replace("_", " ").capitalize())
            table = (f"| {self.tr('metric')} | {self.tr('value')} |\n|---|---|\n"
                     + "\n".join(f"| {_md_escape(k)} | {_md_escape(v)} |" for k, v in _flatten(values)))
            out.append(f"### {title}\n\n{table}")
        return f"## {self.tr('Metrics')}\n\n" + "\n\n".join(out)
