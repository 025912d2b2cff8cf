"""Plain text functions with no database and no Django: locating quotes in an article, splitting
sentences, highlighting spans.

The lowest layer: every other part of `curation` may import it, and it imports nothing from
`curation`.
"""
