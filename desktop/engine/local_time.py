"""Times as a reader sees them: local time with its zone, one format everywhere ("2026-12-05 20:14 CET").

The history stores UTC (ISO 8601); a report read in the clinic must say the clinic's time and which
zone it is, so that "Read on" and "Printed" can be compared at a glance.
"""

from datetime import datetime, timezone


def local_time_text(value: str | datetime | None = None) -> str:
    """An ISO 8601 string or datetime (naive = UTC, as the history writes it; None = now) in local
    time with the zone's abbreviation, or its UTC offset where the system has no short name.
    A string that is not a time comes back as it was."""
    if value is None:
        moment = datetime.now(timezone.utc)
    elif isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone()
    zone = local.tzname() or ""
    if not zone or " " in zone or zone[0] in "+-":      # Windows' long names, or "+03" style
        offset = local.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        sign = "+" if minutes >= 0 else "-"
        zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{local:%Y-%m-%d %H:%M} {zone}"
