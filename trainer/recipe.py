"""The training recipe: every choice that decides what a run learns and how its model calls films.

The defaults are the shipped model's recipe, so ``cxr-train --seed 0 --output runs/x`` trains it
again. ``cxr-train train --help`` says what each field does (the flag of field ``x_y`` is ``--x-y``);
every checkpoint stores the recipe it was trained with (``ckpt["recipe"]``).

The levers that lost in the model card's lever table are no longer in the trainer; their code is in
commit 3783db8. Checkpoints written before the recipe existed record the command line instead
(``ckpt["args"]``): where they used those levers at their "off" value they read as a recipe here, and
where they used them they are refused with a sentence saying where the code is.
"""

from dataclasses import asdict, dataclass, fields

# What a frontal gate fitted by ``cxr-train calibrate --refit-gate`` reads of the last feature map
# (``trainer.ood.gate_input``): the channel means (the class head's pooled features), or the means and
# the standard deviations.
GATE_FEATURES = ("mean", "mean+std")

LEVERS_COMMIT = "3783db8"


@dataclass
class Recipe:
    """Field ``x_y`` is the flag ``--x-y`` of ``cxr-train train``, whose help says what it does."""
    # The network.
    arch: str = "mobilenet_v3_small"
    input_size: int = 224
    imagenet_weights: str | None = None
    dropout: float = 0.2
    outlier_exposure: bool = True
    # Real lateral films and CT slices in outlier exposure: refuses more of them (20 of 22 held out against
    # 15) but lost COVID-19 sensitivity beyond the shipped model's interval (model card, lever table).
    real_negatives: bool = False
    # Optimisation: one-cycle AdamW on a multi-task loss.
    epochs: int = 20
    batch_size: int = 64
    lr: float = 3e-3
    weight_decay: float = 0.05
    label_smoothing: float = 0.05
    severity_weight: float = 4.0
    gate_weight: float = 0.5
    patience: int = 0
    seed: int = 0
    # Augmentation (``augment.train_transform``).
    augment: float = 1.0
    aspect_augment: float = 0.175
    # Fitted on the validation split after training.
    ood_percentile: float = 99.5
    target_sensitivity: list[str] | None = None
    # Which films.
    holdout_source: list[str] | None = None
    limit: int = 0

    def __post_init__(self):
        # Repeatable flags give None or a list: "none" is always None, so that equal recipes compare equal.
        self.target_sensitivity = list(self.target_sensitivity) if self.target_sensitivity else None
        self.holdout_source = list(self.holdout_source) if self.holdout_source else None

    @classmethod
    def from_args(cls, args) -> "Recipe":
        """The recipe of a parsed ``cxr-train train`` command line."""
        return cls(**{f.name: getattr(args, f.name) for f in fields(cls)})

    def to_dict(self) -> dict:
        return asdict(self)


# --- checkpoints written before the recipe ---------------------------------------------------------------

class RemovedLeverError(ValueError):
    """A checkpoint trained with a lever this trainer no longer has."""


# The removed levers as old checkpoints recorded them: key -> the value that meant "not used". The two
# ModelConfig keys (normalization, border_mask) changed the network itself.
REMOVED_LEVERS = {
    "mixup": 0.0, "sharpness_match": False, "marker_augment": 0.0, "field_augment": 0.0, "border_mask": 0.0,
    "normalization": "per_image", "sampling": "class_sqrt_source", "source_weight": None,
    "texture_augment": True,  # False: the 3x3 box blur that texture jitter replaced
}

# A record without a key was written before that flag existed, so the run did what the trainer did
# then: the value each flag came with (not today's default, which would change what an old run says).
# The other keys were recorded by every version of the trainer.
_BEFORE_THE_FLAG = {
    "outlier_exposure": False, "real_negatives": False, "gate_weight": 0.5, "aspect_augment": 0.0, "target_sensitivity": None,
    "holdout_source": None, "field_augment": 0.0, "mixup": 0.0, "sharpness_match": False,
    "marker_augment": 0.0, "border_mask": 0.0, "sampling": "class_sqrt_source", "source_weight": None,
    "texture_augment": False,  # before texture jitter, every run used the box blur
}


def refuse_removed_levers(ckpt: dict, name) -> None:
    """Raise ``RemovedLeverError`` where the checkpoint's config or recorded command line used a
    removed lever; the sentence names the flag and the commit that still has its code."""
    args = ckpt.get("args") or {}
    record = {**args, **(ckpt.get("config") or {})}
    for key, off in REMOVED_LEVERS.items():
        # A newer checkpoint (a recipe, or no record) lacks these keys because the levers are gone.
        value = record.get(key, _BEFORE_THE_FLAG.get(key, off) if args else off)
        if value != off and not (off is None and not value):
            raise RemovedLeverError(
                f"{name} was trained with {_flag(key, value)}, a lever that lost in the model card's lever table "
                f"and is no longer in the trainer. Its code is in commit {LEVERS_COMMIT}: evaluate, calibrate or "
                f"export this checkpoint from a checkout of that commit (git worktree add ../cxr-{LEVERS_COMMIT} "
                f"{LEVERS_COMMIT}).")


def _flag(key: str, value) -> str:
    flag = "--" + key.replace("_", "-")
    if key == "texture_augment":
        return "--no-texture-augment (the 3x3 box blur instead of texture jitter)"
    if isinstance(value, bool):
        return flag if value else flag.replace("--", "--no-", 1)
    if isinstance(value, list):
        return " ".join(f"{flag} {v}" for v in value)
    return f"{flag} {value}"


_FIELDS = {f.name for f in fields(Recipe)}


def recipe_of(ckpt: dict) -> Recipe | None:
    """The recipe a checkpoint was trained with; None where it records none (e.g. a test model).
    Call after ``refuse_removed_levers`` (``checkpoint.load_checkpoint`` does)."""
    if ckpt.get("recipe") is not None:
        # A field newer than the record (e.g. real_negatives) means what the trainer did before it.
        return Recipe(**{**{k: v for k, v in _BEFORE_THE_FLAG.items() if k in _FIELDS}, **ckpt["recipe"]})
    args = ckpt.get("args")
    if not args:
        return None
    values = {f.name: args.get(f.name, _BEFORE_THE_FLAG.get(f.name, f.default)) for f in fields(Recipe)}
    # The aspect stretch was a share of --augment until the recipe made it absolute.
    values["aspect_augment"] = args.get("aspect_augment", 0.0) * args.get("augment", 1.0)
    return Recipe(**values)
