"""The desktop side runs without PyTorch: the installer ships no torch."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import json, sys
    sys.modules["torch"] = None          # any `import torch` now raises ImportError
    sys.modules["torchvision"] = None
    import desktop.engine
    import desktop.engine.predictor, desktop.engine.results, desktop.engine.integrity
    import desktop.cli, desktop.__main__
    code = desktop.cli.main(["predict", "--json", "--model", sys.argv[1], sys.argv[2]])
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "torchvision", "onnx", "export", "trainer")
                    and sys.modules[m] is not None)
    print(json.dumps({"exit": code, "loaded": loaded}))
""")


def test_predict_runs_without_torch(contract_model_path, cxr_sample_paths):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(contract_model_path), str(cxr_sample_paths[0])],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    prediction, summary = (json.loads(line) for line in done.stdout.splitlines())
    assert summary == {"exit": 0, "loaded": []}
    assert prediction["path"] == str(cxr_sample_paths[0]) and prediction["error"] is None
    assert prediction["label"] in ("normal", "pneumonia", "covid19")
