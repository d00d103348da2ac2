"""CXR Triage trainer: data sources, splits, cache, multi-task MobileNetV3, training,
calibration, OOD statistics and evaluation. PyTorch only; never imports Qt."""

CLASSES = ("normal", "pneumonia", "covid19")
NORMAL, COVID19 = CLASSES.index("normal"), CLASSES.index("covid19")
