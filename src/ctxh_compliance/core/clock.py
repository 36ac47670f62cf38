"""Today's date, or the one reproducible builds ask for (SOURCE_DATE_EPOCH), so that two runs
on the same input give byte-identical reports."""

import datetime as dt
import os


def today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
