"""The reader's toolkit: read any English news article the way the module reads the seed.

>>> import newscase
>>> reading = newscase.read("Fighters reached Rabia on Sunday, a local official told Rudaw.",
...                         published="2017-06-06")
>>> [(v["speaker"], v["via"]) for v in reading.voices]
[('a local official', 'Rudaw')]

``read(text, published=None, outlet=None)`` returns a :class:`~newscase.reader.model.Reading`:
who speaks (``voices``), where (``places``), how many (``numbers``), when (``dates``) and which
loaded words (``terms``), each a plain list of dicts, plus the numbered ``sentences`` and
``notes`` on what it could not do. It shows itself as HTML in Jupyter and as text elsewhere.
One module per job: ``analyse`` (read itself), ``source`` (cleaning the input), ``voices``,
``places``, ``numbers``, ``dates``, ``terms``, ``model`` and ``render``; ``lexicon`` loads
the word lists of ``data/lexicon.yaml``. Importing the package is cheap.
"""

from newscase.core.lazy import lazy_attributes

_LAZY = {
    "read": ("newscase.reader.analyse", "read"),
    "Reading": ("newscase.reader.model", "Reading"),
}

__all__ = list(_LAZY)

__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)
