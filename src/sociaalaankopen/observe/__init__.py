"""The observatory: how often buyers declare social considerations in published notices, and which
notices could have reserved a contract. `observe(inputs, out)` writes notices.csv, summary.json and
report.html (see docs/observe.md).

Modules, in the order the data flows: inputs (files, folders, archives -> items), extract (an item
-> notices, filtered, with the matcher's potential), potential (the best reservation route),
engines (local processes or Dask), table (notices.csv), summary (summary.json), charts and report
(report.html), run (the pipeline).
"""

from .filters import Filters
from .run import ENGINES, OUTPUTS, ObserveResult, observe

__all__ = ["ENGINES", "OUTPUTS", "Filters", "ObserveResult", "observe"]
