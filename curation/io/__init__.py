"""Files in and out: reading uploaded tables strictly (`tabular`), reading cells such as numbers
and dates (`parsing`), django-import-export resources (`resources`), and immutable releases
with their files and checksums (`releases`).

May import `curation.models`, `curation.services`, `curation.text` and `curation.formatting`;
never `curation.public` or the admin.
"""
