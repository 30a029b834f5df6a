"""The role classifier sees a name's history in the annotations: names other papers use are rarely
this paper's own."""

from __future__ import annotations

from extractors.role_component import history_of, mention_features
from extractors.role_model import FEATURES
from extractors.types import Evidence, Label, Mention

TEXT = "LoRA-Drop: Pruning Adapters\nWe build on low-rank adaptation (LoRA) and propose LoRA-Drop."


def mention(name: str, start: int, aliases: tuple[str, ...] = ()) -> Mention:
    end = start + len(name)
    return Mention(
        Label.METHOD,
        name,
        name.lower(),
        start,
        end,
        Evidence(TEXT, start, end),
        "kg_learned",
        aliases=aliases,
    )


def test_the_most_used_form_of_a_name_gives_its_history() -> None:
    history = {"lowrankadaptation": (40, 2), "lora": (55, 1)}
    lora = mention("low-rank adaptation", TEXT.index("low-rank"), aliases=("LoRA",))
    assert history_of([lora], history) == (55, 1)
    assert history_of([mention("LoRA-Drop", 0)], history) == (0, 0)


def features(mentions: list[Mention], history: dict[str, tuple[int, int]]) -> dict[str, float]:
    title_end = TEXT.index("\n")
    sentences = [(0, title_end), (title_end + 1, len(TEXT))]
    return dict(zip(FEATURES, mention_features(TEXT, title_end, mentions, sentences, history), strict=True))


def test_history_features_mark_used_and_proposed_names() -> None:
    history = {"lora": (55, 1)}
    used = features([mention("LoRA", TEXT.index("(LoRA") + 1)], history)
    new = features([mention("LoRA-Drop", 0)], history)
    assert used["seen_used"] == used["seen_used_often"] == used["seen_proposed"] == 1.0
    assert new["seen_used"] == new["seen_used_often"] == new["seen_proposed"] == 0.0
