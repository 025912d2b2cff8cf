"""Database mechanics at scale, with no domain rule in them: writing many rows at once (`bulk_insert`,
`bulk_history`), counts kept by triggers (`claim_counts`) or bounded (`counting`), long id lists as one
parameter (`lookups`), the claim search (`search`) and the data generation that retires cached pages
(`generation`). It imports `curation.models` and `curation.text` only; nothing here imports admin,
views, services or requests.
"""
