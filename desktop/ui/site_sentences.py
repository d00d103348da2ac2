"""The plain sentences of the two site dialogs, in the reader's language.

The command line and the PDF say them in English (desktop/engine/validation_words.py, ``Adaptation.
summary_lines``); the dialogs say the same things through Qt's translations. The decisions are the
engine's (``verdict_kind``, ``too_few_counts``, the adaptation's figures), only the words are here; in
English both give the same sentences (tests/gui/test_site_dialogs.py holds them together).
Every call is written out as ``translate("SiteSentences", "...")``: the form pyside6-lupdate files.
"""

from __future__ import annotations

from desktop.engine.validation import TARGET_HALF_WIDTH
from desktop.engine.validation_words import interval, percent, too_few_counts, verdict_kind
from desktop.ui.wording import class_name, translate


# One sentence per class, whole, so that each language can agree its words.
def _called_right(name: str) -> str:
    return {
        "normal": translate("SiteSentences", "On your {scored} films, normal films called normal"),
        "pneumonia": translate("SiteSentences", "On your {scored} films, pneumonia films called pneumonia"),
        "covid19": translate("SiteSentences", "On your {scored} films, COVID-19 films called COVID-19"),
    }.get(name, name)


def _films_of(name: str | None) -> str:
    return {
        "normal": translate("SiteSentences", "normal films"),
        "pneumonia": translate("SiteSentences", "pneumonia films"),
        "covid19": translate("SiteSentences", "COVID-19 films"),
        None: translate("SiteSentences", "films"),
    }.get(name, name)


def _not_in_card() -> str:
    return translate("SiteSentences", "not in this model's card")


# --- "Check the model on our films…" ---------------------------------------------------------------

def fitted_on_sentence(name: str, fitted: int | None, films: int) -> str:
    """``labelled_run.fitted_on_sentence`` in the reader's language: whether the checked films are the
    ones the site profile was adapted on."""
    if fitted is None:
        return translate("SiteSentences", "Checked with the site profile {name}. If these are the films it was "
                                          "adapted on, the figures flatter it: check it on other films."
                         ).format(name=name)
    if fitted == 0:
        return translate("SiteSentences", "Checked with the site profile {name} on films it was not adapted on."
                         ).format(name=name)
    if fitted == 1:
        return translate("SiteSentences", "1 of these {films} films was used to adapt the site profile {name}, "
                                          "so the figures flatter it: check it on films it was not adapted on."
                         ).format(films=films, name=name)
    return translate("SiteSentences", "{fitted} of these {films} films were used to adapt the site profile "
                                      "{name}, so the figures flatter it: check it on films it was not adapted "
                                      "on.").format(fitted=fitted, films=films, name=name)


def check_sentences(figures: dict, card: dict) -> list[str]:
    """``validation_words.plain_words`` in the reader's language."""
    counts = figures["counts"]
    lines = [_counts_sentence(counts)]
    if not counts["scored"]:
        return lines
    for name in figures["classes"]:
        subject = _called_right(name).format(scored=counts["scored"])
        lines += _figure_sentences(subject, figures["per_class"][name]["sensitivity"],
                                   card["per_class"][name]["sensitivity"], name)
    everything = translate("SiteSentences", "Right calls over all classes")
    lines += _figure_sentences(everything, figures["accuracy"], card["accuracy"], None)
    if figures["ece_15"] is not None:
        on_card = f"{card['ece_15']:.3f}" if card["ece_15"] is not None else _not_in_card()
        lines.append(translate("SiteSentences", "Calibration error (ECE, 0 is perfect): {ece} on your films; the "
                                                "model card's test split: {card}.")
                     .format(ece=f"{figures['ece_15']:.3f}", card=on_card))
    severity = figures["severity"]
    if severity:
        r = "—" if severity["pearson_r"] is None else f"{severity['pearson_r']:.2f}"
        card_mae, card_r = card["severity"]["mae"], card["severity"]["pearson_r"]
        on_card = _not_in_card() if card_mae is None else \
            f"MAE {card_mae:.2f}" + ("" if card_r is None else f", r = {card_r:.2f}")
        lines.append(translate("SiteSentences", "Severity on your {n} films with a severity: off by {points} points "
                                                "of lung involvement on average (MAE {mae}), r = {r}; the model "
                                                "card's test split: {card}.")
                     .format(n=severity["n"], points=f"{100 * severity['mae']:.0f}", mae=f"{severity['mae']:.2f}",
                             r=r, card=on_card))
    return lines


def _figure_sentences(subject: str, figure: dict, card: float | None, name: str | None) -> list[str]:
    if not figure["n"]:
        return [translate("SiteSentences", "None of your scored films are {films}: nothing can be said about them.")
                .format(films=_films_of(name))]
    said = translate("SiteSentences", "{subject}: {value} (95 % CI {interval}, {k} of {n}).").format(
        subject=subject[0].upper() + subject[1:], value=percent(figure["value"]), interval=interval(figure["ci95"]),
        k=figure["k"], n=figure["n"])
    lines = [said + " " + _verdict(figure, card)]
    counts = too_few_counts(figure, card)
    if counts is not None:
        span, more = counts
        lines.append(translate("SiteSentences", "Too few {films} to conclude: the interval spans {span} points; "
                                                "about {more} more {films} would narrow it to ±{target} points.")
                     .format(films=_films_of(name), span=span, more=more, target=f"{100 * TARGET_HALF_WIDTH:.0f}"))
    return lines


def _verdict(figure: dict, card: float | None) -> str:
    kind = verdict_kind(figure, card)
    if kind == "no card":
        return translate("SiteSentences", "The model card's test split: not in this model's card.")
    said = translate("SiteSentences", "The model card's test split: {card}.").format(card=percent(card))
    words = {
        "worse": translate("SiteSentences", "This model does not yet hold up on your films."),
        "better": translate("SiteSentences", "On your films it does better than on its test split."),
        "consistent": translate("SiteSentences", "That is within your interval: your films are consistent with it."),
    }
    return said + " " + words[kind]


def _counts_sentence(counts: dict) -> str:
    parts = [translate("SiteSentences", "{n} scored").format(n=counts["scored"])]
    if counts["refused"]:
        parts.append(translate("SiteSentences", "{n} refused as not a frontal chest X-ray (counted apart, not in "
                                                "the figures)").format(n=counts["refused"]))
    if counts["errors"]:
        parts.append(translate("SiteSentences", "{n} could not be read").format(n=counts["errors"]))
    return translate("SiteSentences", "Of your {n} labelled films: {parts}.").format(
        n=counts["films"], parts=", ".join(parts))


# --- "Adapt to our films…" -------------------------------------------------------------------------

def adapt_sentences(adaptation) -> list[str]:
    """``Adaptation.summary_lines`` in the reader's language."""
    names = ", ".join(class_name(c) for c in adaptation.adapted_classes)
    lines = [translate("SiteSentences", "Adapted on {n} films ({classes}); figures below are {folds}-fold "
                                        "cross-validated: each film was scored by a head fitted without it.")
             .format(n=sum(adaptation.films.values()), classes=names, folds=adaptation.folds)]
    if not adaptation.pays:
        lines.append(translate("SiteSentences", "No adapted head did better than the model's own on your films, so "
                                                "adapting does not pay: keep the model as it is."))
    found = {
        "normal": translate("SiteSentences", "Normal films called normal: {before} before, {after} after ({k} of {n} "
                                             "films)."),
        "pneumonia": translate("SiteSentences", "Pneumonia films found: {before} before, {after} after ({k} of {n} "
                                                "films)."),
        "covid19": translate("SiteSentences", "COVID-19 films found: {before} before, {after} after ({k} of {n} "
                                              "films)."),
    }
    for name in adaptation.classes:
        before = adaptation.before["per_class"][name]["sensitivity"]
        after = adaptation.after["per_class"][name]["sensitivity"]
        if before["n"] and name in found:
            lines.append(found[name].format(before=percent(before["value"]), after=percent(after["value"]),
                                            k=after["k"], n=after["n"]))
    for name in adaptation.sensitivity_drops:
        lines.append(translate("SiteSentences", "Warning: fewer {name} films are found after adapting. Use this "
                                                "profile only if you accept that.").format(name=class_name(name)))
    unadapted = [c for c in adaptation.classes if c not in adaptation.adapted_classes]
    if unadapted:
        kept = ", ".join(class_name(c) for c in unadapted)
        lines.append(translate("SiteSentences", "Kept as the model has them (too few of your films to adapt): "
                                                "{classes}.").format(classes=kept))
    if adaptation.refused_films:
        lines.append(translate("SiteSentences", "Films refused as not frontal chest X-rays, not used: {n}.")
                     .format(n=adaptation.refused_films))
    if adaptation.unreadable_films:
        lines.append(translate("SiteSentences", "Films that could not be read, not used: {n}.")
                     .format(n=adaptation.unreadable_films))
    return lines
