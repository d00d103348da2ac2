"""CXR Triage trainer: data sources, splits, cache, multi-task MobileNetV3, training,
calibration, OOD statistics and evaluation. PyTorch only; never imports Qt."""

from desktop.engine.contract import CLASSES  # the contract's class list, one definition

NORMAL, COVID19 = CLASSES.index("normal"), CLASSES.index("covid19")
