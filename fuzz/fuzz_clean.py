"""Fuzz the cleaners and decoders: any bytes or text give a result or an InputError, never a crash.

Run by hand for as long as you like (libFuzzer flags), e.g.::

    python fuzz/fuzz_clean.py -runs=200000 -seed=1
    python fuzz/fuzz_clean.py -max_total_time=600

A crash prints the traceback and writes the input to ``crash-<sha1>`` in the working directory;
replay it with ``python fuzz/fuzz_clean.py crash-<sha1>``.
"""

import sys

import atheris

with atheris.instrument_imports(include=["eventwire"]):
    from eventwire.clean import clean, date_line, drop_repeated_paragraphs, normalise, split_dateline
    from eventwire.errors import InputError
    from eventwire.ingest import decode
    from eventwire.webpage import decode_html, parse_date
    from eventwire.model import RawArticle


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    choice = fdp.ConsumeIntInRange(0, 3)
    if choice == 0:
        raw = fdp.ConsumeBytes(fdp.remaining_bytes())
        for decoder in (decode, decode_html):
            try:
                assert isinstance(decoder(raw), str)
            except InputError as exc:
                assert exc.reason
        return
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    if choice == 1:
        try:
            parse_date(text, strict=True)
        except InputError as exc:
            assert exc.reason
        parse_date(text, strict=False)
        return
    normalised = normalise(text)
    assert normalise(normalised) == normalised, "normalise is not idempotent"
    dateline, body = split_dateline(normalised)
    assert dateline is None or isinstance(dateline, str)
    date_line(body)
    drop_repeated_paragraphs(body)
    try:
        article = clean(RawArticle(text=text, title=text[:50]))
    except InputError as exc:
        assert exc.reason
    else:
        assert article.text.strip() and article.id


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
