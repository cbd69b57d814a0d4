"""Timeline: dates in the text, resolved against the publication date."""
from __future__ import annotations

import datetime as dt

from ..model import Event


def extract(doc, published: dt.date | None) -> list[Event]:
    import dateparser

    base = dt.datetime.combine(published, dt.time(12)) if published else None
    out: list[Event] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
        if base:
            settings["RELATIVE_BASE"] = base
        parsed = dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(ent.text)
        if not parsed or not parsed.date_obj:
            continue
        d, precision = parsed.date_obj, parsed.period or "day"
        value = {"year": f"{d:%Y}", "month": f"{d:%Y-%m}"}.get(precision, f"{d:%Y-%m-%d}")
        out.append(Event(date=value, precision=precision if precision in ("year", "month") else "day",
                         text=ent.text, start=ent.start_char, end=ent.end_char, event=ent.sent.text.strip()))
    return out
