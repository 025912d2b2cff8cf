"""Plain text functions with no database and no Django: locating quotes in an article
(`quotes`), splitting it into sentences (`sentences`, the one splitter for quotes in context and
for extraction), highlighting cited spans (`highlighting`, for the public source page and the
admin's evidence view).

The lowest layer: every other part of `curation` may import it, and it imports nothing from
`curation` outside `curation.text`.
"""
