"""The editors' and reviewers' Django admin, one module per area.

`claims` (claims and citations), `sources` (outlets and sources), `places` (places, aliases,
metrics), `contradictions` (the contradiction list and the side-by-side page), `releases`,
`extraction` (the extraction page on a source), `workflow` (review actions and buttons),
`imports` (django-import-export mixins); `base` (the extra pages' URLs, fixed-link list filters)
and `display` (small display helpers) serve them all. The admin is the top layer: it may import anything in
`curation`, and nothing imports it. It holds no rule: every decision is a call into
`curation.services`, `curation.review`, `curation.contradictions`, `curation.io` or
`curation.extraction`, whose ValidationError it turns into a message.
"""

# Importing the modules registers their ModelAdmins with the default admin site.
from curation.admin import claims, contradictions, dashboard, jobs, places, releases, sources  # noqa: F401
