"""Stay current: fetch new listings from the Hugging Face daily-papers API and arXiv's OAI-PMH
interface, save the raw responses under the data directory and ingest them.

- :mod:`kg.fetch.settings`: base URLs, spacing, retries and timeouts (from the environment);
- :mod:`kg.fetch.client`: one polite HTTP client (spacing, retries honouring ``Retry-After``);
- :mod:`kg.fetch.hf` and :mod:`kg.fetch.arxiv`: one day of each source, raw files kept;
- :mod:`kg.fetch.state` and :mod:`kg.fetch.lock`: what was fetched and ingested, one run at a time;
- :mod:`kg.fetch.run`: :func:`~kg.fetch.run.fetch` and :func:`~kg.fetch.run.update`.

Importing this package is cheap: the HTTP library loads when a client is made.
"""
