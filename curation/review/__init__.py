"""The review workflow: the claim lifecycle (draft, submitted, approved, rejected, retracted,
deprecated), and who may move a claim along it (roles and four eyes).

May import `curation.models`, `curation.text`, `curation.text.formatting` and
`curation.contradictions`; never `curation.io`, `curation.extraction`, `curation.public` or the admin.
"""
