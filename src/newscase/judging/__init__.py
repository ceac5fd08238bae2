"""Judge first, then compare: the engine behind ``newscase.judge``.

:mod:`~newscase.judging.model` (items, judgements, comparison: pure logic),
:mod:`~newscase.judging.store` (saved judgements), :mod:`~newscase.judging.render`
(closed boxes for a notebook read without a kernel) and :mod:`~newscase.judging.widget`
(the form). Which items exist, and where their verdicts come from, is
:mod:`newscase.lessons.judge`. Importing this package loads nothing else.
"""
