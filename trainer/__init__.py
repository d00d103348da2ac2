"""CXR Triage trainer: data sources, splits, cache, multi-task MobileNetV3, training,
calibration, OOD statistics and evaluation. PyTorch only; never imports Qt."""

CLASSES = ("normal", "pneumonia", "covid19")

# How training films are drawn (``--sampling``): every class the same total weight, and within a class
# each source by its size to this power (``trainer.train.Dataset.sampling_weights``).
SAMPLING_SCHEMES = {"class_sqrt_source": 0.5, "class": 1.0, "class_source": 0.0}
