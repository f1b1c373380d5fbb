"""The ECB+ reader and the coreference metrics, on a small corpus and partitions of our own."""

from __future__ import annotations

import pytest

from eventwire.evaluate import ecbplus


def _doc(tokens: list[list[str]], markables: str, relations: str) -> str:
    out, n = ['<Document doc_name="x">'], 0
    for s, sentence in enumerate(tokens):
        for i, word in enumerate(sentence):
            n += 1
            out.append(f'<token t_id="{n}" sentence="{s}" number="{i}">{word}</token>')
    out += ["<Markables>", markables, "</Markables>", "<Relations>", relations, "</Relations>", "</Document>"]
    return "\n".join(out)


STORY_1 = [["March", "4", ",", "2025"], ["M23", "rebels", "attacked", "a", "police", "post", "in", "Goma", "."]]
STORY_2 = [["March", "4", ",", "2025"], ["Rebels", "of", "M23", "attacked", "a", "police", "station", "in", "Goma", "."]]
ATTACK = '<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="{t}"/></ACTION_OCCURRENCE>'
CHAIN = '<CROSS_DOC_COREF r_id="9" note="ACT1"><source m_id="1"/><target m_id="50"/></CROSS_DOC_COREF>'


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "ECB+" / "1"
    folder.mkdir(parents=True)
    (folder / "1_1ecb.xml").write_text(_doc(STORY_1, ATTACK.format(t=7), CHAIN), encoding="utf-8")
    (folder / "1_2ecb.xml").write_text(_doc(STORY_2, ATTACK.format(t=8), CHAIN), encoding="utf-8")
    (tmp_path / "doc_clusters.tsv").write_text("path\ttopic\tsubtopic\n1/1_1ecb.xml\t1\t1_ecb\n1/1_2ecb.xml\t1\t1_ecb\n")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("Topic,File,Sentence Number\n1,1ecb,1\n1,2ecb,1\n")
    return tmp_path


def test_documents_are_rebuilt_from_tokens_with_their_mentions_and_chains(corpus):
    first, second = ecbplus.read_corpus(corpus)
    assert first.text == "March 4, 2025\n\nM23 rebels attacked a police post in Goma."
    ((m_id, start, end, chain),) = first.mentions
    assert (m_id, first.text[start:end], chain) == ("1", "attacked", "ACT1")
    assert second.subtopic == "1_ecb"


def test_mentions_outside_the_selected_sentences_are_not_scored(corpus):
    (corpus / "ECBplus_coreference_sentences.csv").write_text("Topic,File,Sentence Number\n1,1ecb,0\n")
    first, second = ecbplus.read_corpus(corpus)
    assert first.mentions == () and second.mentions == ()


def test_two_reports_of_one_attack_are_scored_as_merged(corpus, settings):
    metrics = ecbplus.evaluate(corpus, settings=settings)
    assert metrics["mentions_found"] == 2 and metrics["mention_recall"] == 1.0
    assert metrics["merging"]["b_cubed"]["f1"] == 1.0 and metrics["merging"]["muc"]["f1"] == 1.0
    assert metrics["singleton_baseline"]["muc"]["f1"] == 0.0
    assert metrics["doc_clusters"] == 1 and metrics["doc_ari"] == 1.0


KEY = [{"a", "b", "c"}, {"d", "e"}]
RESPONSE = [{"a", "b"}, {"c", "d", "e"}]


def test_muc_counts_shared_links():
    assert ecbplus.muc(KEY, RESPONSE) == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}


def test_b_cubed_averages_per_mention_overlap():
    assert ecbplus.b_cubed(KEY, RESPONSE) == {"precision": 0.7333, "recall": 0.7333, "f1": 0.7333}


def test_ceaf_e_aligns_clusters_one_to_one():
    # Best alignment: {a,b,c}-{a,b} (phi4 = 0.8) and {d,e}-{c,d,e} (0.8): 1.6 over 2 clusters each side.
    assert ecbplus.ceaf_e(KEY, RESPONSE) == {"precision": 0.8, "recall": 0.8, "f1": 0.8}


def test_identical_partitions_score_one_everywhere():
    key = {m: min(c) for c in KEY for m in c}
    scores = ecbplus.coreference_scores(key, key)
    assert scores["conll_f1"] == 1.0


@pytest.mark.parametrize(("truth", "predicted", "ari"), [
    ([1, 1, 2, 2], ["x", "x", "y", "y"], 1.0),
    ([1, 1, 2, 2], ["x", "y", "x", "y"], -0.5),
    ([1, 1, 1, 2, 2, 2], ["a", "a", "b", "c", "c", "c"], 0.7059),
])  # fmt: skip
def test_adjusted_rand_index(truth, predicted, ari):
    assert ecbplus.adjusted_rand_index(truth, predicted) == ari
