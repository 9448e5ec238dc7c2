"""The `schema_version` ("MAJOR.MINOR") of each JSON document other tools read (see schemas.py).

Apart from the models, so that a producer (the matcher, the export, the annex, the observatory) can
stamp its documents without importing every document model at start-up.
"""

EXPORT_SCHEMA_VERSION = "1.4"
MATCH_SCHEMA_VERSION = "1.0"
DRAFT_SCHEMA_VERSION = "1.3"
OBSERVE_SCHEMA_VERSION = "1.1"
