"""Handing a conversation to a person: why (:mod:`reasons`), when (:mod:`signals`), what the
agent receives (:mod:`packet`), and how it gets there (:mod:`service`, :mod:`helpdesk`)."""
