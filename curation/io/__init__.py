"""Files in and out: reading uploaded tables strictly (`tabular`), reading cells such as numbers
and dates (`parsing`), django-import-export resources (`resources`; the claims resource is put
together from `claim_rows`: a file's columns, lookups and reading one row; `claim_import`:
checking and saving rows, the admin preview; `claim_export`: the export cells), and immutable
releases with their files and checksums (`releases`).

May import `curation.models`, `curation.services`, `curation.text` and `curation.text.formatting`;
never `curation.public` or the admin.
"""
