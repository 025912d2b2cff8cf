"""Background jobs: long work (imports, releases, contradiction runs, extraction) run by a worker.

Each job is a `curation.models.Job` row that the admin shows with live progress. The work runs
through Django's Tasks API (`tasks_api.py`, the one import to change for Django 6); `runner.py`
claims, runs, finishes, cancels and retries jobs; `work.py` holds what each kind of job does,
calling the domain modules (curation.io, curation.contradictions, curation.extraction);
`progress.py` carries live progress, heartbeats and cancel requests between processes.

May import: curation.models, curation.io, curation.contradictions, curation.extraction,
curation.services. Never admin, views or requests.
"""
