"""Built-in metric synonyms: well-known long/short forms, added to metrics the sources contain."""

from __future__ import annotations

from .registry import Registry

# Well-known long/short forms of metrics, added only to metric entities that the sources contain.
# (General terminology, the kind the annotation guidelines allow as aliases.)
METRIC_SYNONYMS: dict[str, list[str]] = {
    "F1": [
        "F1 score",
        "F1-score",
        "F-score",
        "F-measure",
        "F1-measure",
        "F1 measure",
        "F-1",
        "F 1",
        "F1 scores",
    ],
    "exact match": ["EM", "exact-match"],
    "perplexity": ["PPL"],
    "MRR": ["mean reciprocal rank"],
    "MAP": ["mean average precision", "mAP"],
    "UAS": ["unlabeled attachment score", "unlabelled attachment score"],
    "LAS": ["labeled attachment score", "labelled attachment score"],
    "WER": ["word error rate"],
    "TER": ["translation edit rate"],
    "FID": ["Fréchet Inception Distance", "Frechet Inception Distance"],
    "PSNR": ["peak signal-to-noise ratio"],
    "SSIM": ["structural similarity index", "structural similarity"],
    "mIoU": ["mean IoU", "mean intersection over union", "mean intersection-over-union"],
    "MAE": ["mean absolute error"],
    "MSE": ["mean squared error", "mean square error"],
    "RMSE": ["root mean squared error", "root mean square error"],
    "NDCG": ["normalized discounted cumulative gain"],
    "AUC": ["area under the curve"],
    "BPC": ["bits per character", "bits-per-character", "bit per character"],
    "MOS": ["mean opinion score"],
    "IoU": ["intersection over union", "intersection-over-union", "intersection-over-union score"],
    "PER": ["phoneme error rate"],
    "CER": ["character error rate"],
    "Hits@1": ["H@1", "Hits at 1"],
    "Hits@10": ["H@10", "Hits at 10"],
}


def add_metric_synonyms(reg: Registry, log: list[str]) -> None:
    """Merge the metric entities that a synonym row names, add the row's forms and make its first
    form the display name (e.g. "F1", "exact match")."""
    for canonical, syns in METRIC_SYNONYMS.items():
        found = reg.find_all(canonical, *syns)
        if not found:
            continue
        ent = found[0]
        for other in found[1:]:
            reg.merge(ent, other)
        for syn in [canonical, *syns]:
            ent.add(syn, "alias", "builtin")
        if ent.canonical != canonical and "builtin" not in ent.sources:
            log.append(f"METRIC display name {ent.canonical!r} -> {canonical!r} (synonym table)")
            ent.canonical = canonical
        ent.patterns[canonical.lower()].kind = "name"
        ent.sources.add("builtin")
