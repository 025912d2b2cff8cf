"""The extraction assistant: reading candidate claims out of an article's text (`candidates`,
pure text rules with text2num), and turning accepted candidates into draft claims (`workflow`).

`candidates` imports only `curation.text`; `workflow` may import `curation.models` and
`curation.services`. Neither imports `curation.public` or the admin.
"""
