"""Links in abstracts: found with and without a scheme, cleaned of trailing punctuation, typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.links import LinkKind, clean_url, find_links, link_kind


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("https://github.com/NVlabs/MaskLLM.", "https://github.com/NVlabs/MaskLLM"),
        ("http://github.com/ahmedheakl/arazn-llm},", "http://github.com/ahmedheakl/arazn-llm"),
        ("https://github.com/ramprs/grad-cam/,", "https://github.com/ramprs/grad-cam/"),
        ("https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("https://github.com/a/b).", "https://github.com/a/b"),
        ("https://github.com/a/b/tree/main/definitions.", "https://github.com/a/b/tree/main/definitions"),
    ],
)
def test_trailing_punctuation_is_removed(raw: str, clean: str) -> None:
    assert clean_url(raw) == clean


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/NVlabs/MaskLLM", LinkKind.CODE),
        ("gitlab.com/group/project", LinkKind.CODE),
        ("https://anonymous.4open.science/r/DV4LLM-D761/", LinkKind.CODE),
        ("https://huggingface.co/swap-uniba/LLaMAntino-3-ANITA-8B-Inst-DPO-ITA", LinkKind.MODEL),
        ("http://huggingface.co/collections/ahmedheakl/arazn-llm-662ceaf12777656607b9524e", LinkKind.MODEL),
        ("huggingface.co/LVSTCK", LinkKind.MODEL),
        ("https://huggingface.co/datasets/org/name", LinkKind.DATA),
        ("https://huggingface.co/spaces/org/demo", LinkKind.PROJECT),
        ("https://fywalter.github.io/nudging/", LinkKind.PROJECT),
        ("https://sites.google.com/view/grounding-plans", LinkKind.PROJECT),
    ],
)
def test_kinds(url: str, kind: LinkKind) -> None:
    assert link_kind(url) == kind


def test_links_in_running_text_with_offsets() -> None:
    text = (
        "Models are publicly available at github.com/LVSTCK for source code, and at huggingface.co/LVSTCK "
        "for weights. Code: https://github.com/NVlabs/MaskLLM. Mail me@github.com/x is not a link."
    )
    links = list(find_links(text))
    assert [(link.url, link.kind) for link in links] == [
        ("github.com/LVSTCK", LinkKind.CODE),
        ("huggingface.co/LVSTCK", LinkKind.MODEL),
        ("https://github.com/NVlabs/MaskLLM", LinkKind.CODE),
    ]
    assert all(text[link.start : link.end] == link.url for link in links)


@given(st.text(max_size=200))
def test_found_links_are_substrings_and_never_end_in_punctuation(text: str) -> None:
    for link in find_links(text):
        assert text[link.start : link.end] == link.url
        assert link.url[-1] not in ".,;:!?}"
