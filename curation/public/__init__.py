"""The public, read-only site: views and URLs, django-filter FilterSets, the selectors that shape
its querysets (approved claims only), charts, and whole-page caching.

May import anything below it (`curation.models`, `curation.text`, `curation.text.formatting`,
`curation.db.generation`, `curation.io` for downloads); never the admin.
"""
