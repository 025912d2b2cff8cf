"""The contradiction detector: pure rules over loaded claims (`rules`), the runner that loads
claims, applies the rules and saves findings idempotently (`detection`), and the resolution of
a finding by a reviewer (`resolution`).

`rules` imports nothing from Django's ORM, admin or views (only `curation.text.formatting`);
`detection` and `resolution` may import `curation.models`, `curation.db.generation` and
`curation.review.workflow` (resolution changes claim statuses through it).
"""
