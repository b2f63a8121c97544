"""The ingest stage: bytes, files, uploads, URLs and feeds become Articles (loader, corpus, pubdate, fetch, feeds),
Articles are parsed (nlp, parsetext) and analysed and stored by one path (pipeline; distributed on Dask)."""
