"""The play layer: the table session every front end drives (no pygame here).

:class:`~game.play.session.Session` owns the players, the hot-seat rule, undo and redo,
the autosave, the computer's turns and time-outs; :mod:`game.play.wording` words the
structured record the same way for every front end.
"""
