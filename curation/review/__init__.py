"""The review workflow: the claim lifecycle (draft, submitted, approved, rejected, retracted,
deprecated), who may move a claim along it (roles and four eyes), and the evidence a reviewer
reads (quotes in their article).

May import `curation.models`, `curation.text`, `curation.formatting` and
`curation.contradictions`; never `curation.io`, `curation.extraction`, `curation.public` or the admin.
"""
